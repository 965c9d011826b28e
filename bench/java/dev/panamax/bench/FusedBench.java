// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.kernel.DropoutKernel;
import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.Kernels;
import dev.panamax.kernel.LinearKernel;
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
 * Fused against unfused: the first Linear + ReLU of the MLP (x[256x784] · W1ᵀ + b, ReLU) and
 * dropout on its [256x256] output, one thread, java backend.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar target/benchmarks.jar FusedBench -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class FusedBench {
    static final int M = 256, N = 256, K = 784;

    @Param({"1"})
    public int threads;

    float[] x, w, bias, out, h, drop, floatMask;
    long[] mask;
    long seed;

    @Setup(Level.Trial)
    public void setUp() {
        Gemm.setBackend("java");
        Gemm.setThreads(threads);
        SplittableRandom rnd = new SplittableRandom(1);
        x = GemmBench.random(rnd, M * K);
        w = GemmBench.random(rnd, N * K);
        bias = GemmBench.random(rnd, N);
        out = new float[M * N];
        h = GemmBench.random(rnd, M * N);
        drop = new float[M * N];
        floatMask = new float[M * N];
        mask = new long[DropoutKernel.maskLength(M * N)];
    }

    /** GEMM with bias and ReLU in its store. */
    @Benchmark
    public float[] linearReluFused() {
        LinearKernel.forward(M, N, K, x, 0, w, 0, bias, 0, true, out, 0);
        return out;
    }

    /** GEMM, then bias + ReLU as a second pass over out. */
    @Benchmark
    public float[] linearReluUnfused() {
        Gemm.sgemm(false, true, M, N, K, 1f, x, 0, K, w, 0, K, 0f, out, 0, N);
        LinearKernel.biasAct(out, 0, M, N, bias, 0, true);
        return out;
    }

    /** GEMM, then a bias pass, then a ReLU pass: the op-by-op tensor graph. */
    @Benchmark
    public float[] linearReluThreePasses() {
        Gemm.sgemm(false, true, M, N, K, 1f, x, 0, K, w, 0, K, 0f, out, 0, N);
        LinearKernel.biasAct(out, 0, M, N, bias, 0, false);
        Kernels.relu(out, 0, out, 0, M * N);
        return out;
    }

    /** Bitmask drawn from the counter-based hash and the scaled output, one pass. */
    @Benchmark
    public float[] dropoutFused() {
        DropoutKernel.forward(h, 0, drop, 0, M * N, 0.5, seed++, mask);
        return drop;
    }

    /** The chapter's way: a float mask from a sequential generator, then a multiply and a scale. */
    @Benchmark
    public float[] dropoutUnfused() {
        SplittableRandom rnd = new SplittableRandom(seed++);
        for (int i = 0; i < floatMask.length; i++) {
            floatMask[i] = rnd.nextDouble() >= 0.5 ? 1f : 0f;
        }
        Kernels.mul(h, 0, floatMask, 0, drop, 0, M * N);
        Kernels.scale(drop, 0, 2f, drop, 0, M * N);
        return drop;
    }
}
