// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.panamax.blas.OpenBlas;
import dev.panamax.blas.OpenBlasGemm;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * cblas_sgemm through FFM, square n x n x n, 1 OpenBLAS thread unless -p threads=2; compare with
 * bench/c/sgemm_bench.c.
 * Score: seconds per call; GFLOP/s = 2 n^3 / score / 1e9.
 *
 * <ul>
 *   <li>{@code segment}: off-heap segments, an ordinary downcall ({@link OpenBlas#sgemm}): the
 *   binding alone, the like-for-like comparison with C.</li>
 *   <li>{@code array}: Java arrays through the {@code openblas} backend as users call it (the
 *   measured critical/copied switch).</li>
 *   <li>{@code critical} / {@code copied}: Java arrays forced down one path; where they cross is
 *   where {@link OpenBlasGemm#DEFAULT_CRITICAL_LIMIT} belongs.</li>
 * </ul>
 *
 * <pre>
 * flock /tmp/panamax-build.lock ./mvnw -q -Pbench -DskipTests package
 * flock /tmp/panamax-build.lock /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar target/benchmarks.jar OpenBlasSgemmBench \
 *     -jvmArgsAppend "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class OpenBlasSgemmBench {

    @Param({"64", "256", "512", "1024"})
    int n;

    @Param({"segment", "array", "critical", "copied"})
    String path;

    /** OpenBLAS threads; 1 for the comparison with C. */
    @Param({"1"})
    int threads;

    private OpenBlas blas;
    private OpenBlasGemm gemm;
    private float[] a, b, c;
    private Arena arena;
    private MemorySegment sa, sb, sc;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        blas = OpenBlas.find();
        blas.setThreads(threads);
        gemm = switch (path) {
            case "critical" -> new OpenBlasGemm(blas, Long.MAX_VALUE);
            case "copied" -> new OpenBlasGemm(blas, -1);
            default -> new OpenBlasGemm(blas);
        };
        SplittableRandom rnd = new SplittableRandom(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) rnd.nextDouble(-0.5, 0.5);
            b[i] = (float) rnd.nextDouble(-0.5, 0.5);
        }
        arena = Arena.ofConfined();
        sa = arena.allocate((long) n * n * Float.BYTES, 64);
        sb = arena.allocate((long) n * n * Float.BYTES, 64);
        sc = arena.allocate((long) n * n * Float.BYTES, 64);
        MemorySegment.copy(a, 0, sa, ValueLayout.JAVA_FLOAT, 0, n * n);
        MemorySegment.copy(b, 0, sb, ValueLayout.JAVA_FLOAT, 0, n * n);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public void sgemm() {
        if (path.equals("segment")) {
            blas.sgemm(false, false, n, n, n, 1f, sa, n, sb, n, 0f, sc, n);
        } else {
            gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        }
    }
}
