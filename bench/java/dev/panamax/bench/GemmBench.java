// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.kernel.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * sgemm on square sizes and on the 784-256-10 MLP's products at batch 256, per backend and thread
 * count. The score is microseconds per call; GFLOP/s = 2 m n k / (score * 1000), and the shape's
 * flop count is in the {@code shape} name. {@code openblas} fails its setup (and JMH moves on) when
 * no OpenBLAS provider is on the class path.
 *
 * <pre>
 * ./mvnw -Pbench -DskipTests package
 * java --add-modules jdk.incubator.vector -jar target/benchmarks.jar GemmBench -p threads=1 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {

    /**
     * Square n (NN), or an MLP product: fwd = x[256x784] · W1ᵀ (W1 [256x784], NT, as Linear does);
     * gradW = gzᵀ · x (TN, 256x784 from k = 256); gradX = gz · W1 (NN, 256x784 from k = 256);
     * out = h[256x256] · W2ᵀ (NT, W2 [10x256]).
     */
    @Param({"64", "128", "256", "512", "1024", "2048", "fwd", "gradW", "gradX", "out"})
    public String shape;

    @Param({"java", "openblas"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    boolean transA, transB;
    int m, n, k, lda, ldb;
    float[] a, b, c;

    @Setup(Level.Trial)
    public void setUp() {
        Gemm.setBackend(backend); // throws when the backend is not available: JMH reports it and goes on
        Gemm.setThreads(threads);
        switch (shape) {
            case "fwd" -> set(false, true, 256, 256, 784);
            case "gradW" -> set(true, false, 256, 784, 256);
            case "gradX" -> set(false, false, 256, 784, 256);
            case "out" -> set(false, true, 256, 10, 256);
            default -> {
                int s = Integer.parseInt(shape);
                set(false, false, s, s, s);
            }
        }
        SplittableRandom rnd = new SplittableRandom(1);
        a = random(rnd, m * k);
        b = random(rnd, k * n);
        c = new float[m * n];
    }

    private void set(boolean tA, boolean tB, int m, int n, int k) {
        this.transA = tA;
        this.transB = tB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.lda = tA ? m : k;
        this.ldb = tB ? k : n;
    }

    static float[] random(SplittableRandom rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        return x;
    }

    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        return c;
    }
}
