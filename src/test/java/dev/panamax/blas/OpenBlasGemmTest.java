// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.panamax.Backend;
import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.GemmBackend;
import dev.panamax.kernel.GemmSuite;
import org.junit.jupiter.api.Test;

/** The GEMM contract on OpenBLAS, plus what is particular to calling it through FFM. */
class OpenBlasGemmTest extends GemmSuite {
    private static final long SEED = 20261126L;

    /** When set, the suite's checks run on this backend (one of the two paths) instead. */
    private GemmBackend current;

    @Override
    protected GemmBackend backend() {
        return current != null ? current : new OpenBlasGemm(OpenBlasTesting.library());
    }

    private static OpenBlasGemm critical() {
        return new OpenBlasGemm(OpenBlasTesting.library(), Long.MAX_VALUE);
    }

    private static OpenBlasGemm copied() {
        return new OpenBlasGemm(OpenBlasTesting.library(), -1);
    }

    @Test
    void libraryIsOpenBlasAndSaysWhichFile() {
        OpenBlas lib = OpenBlasTesting.library();
        assertTrue(lib.config().startsWith("OpenBLAS"), lib.config());
        assertTrue(lib.file().contains("openblas"), lib.file());
    }

    @Test
    void bothPathsMatchTheReferenceOnLargerShapes() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        GemmBackend[] paths = {critical(), copied()};
        for (GemmBackend path : paths) {
            for (int[] s : new int[][] {{255, 257, 63}, {129, 10, 784}, {1, 300, 200}, {300, 1, 17}}) {
                for (int t = 0; t < 4; t++) {
                    checkSgemm(path, rnd, t / 2 == 1, t % 2 == 1, s[0], s[1], s[2], 0.75f, t == 0 ? 0f : -1.25f);
                }
            }
        }
    }

    private void checkSgemm(GemmBackend path, SplittableRandom rnd, boolean tA, boolean tB, int m, int n, int k,
                            float alpha, float beta) {
        GemmBackend saved = current;
        current = path;
        try {
            checkSgemm(rnd, tA, tB, m, n, k, alpha, beta);
        } finally {
            current = saved;
        }
    }

    @Test
    void sgemmAndDgemmAgreeWithTheJavaBackendOnRandomShapes() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        OpenBlasGemm blas = new OpenBlasGemm(OpenBlasTesting.library());
        GemmBackend java = Gemm.javaBackend();
        for (int trial = 0; trial < 60; trial++) {
            int m = 1 + rnd.nextInt(trial < 50 ? 40 : 200), n = 1 + rnd.nextInt(trial < 50 ? 40 : 200);
            int k = 1 + rnd.nextInt(trial < 50 ? 40 : 300);
            boolean tA = rnd.nextBoolean(), tB = rnd.nextBoolean();
            Case cs = new Case(rnd, tA, tB, m, n, k);
            float alpha = (float) rnd.nextDouble(-2, 2), beta = trial % 3 == 0 ? 0f : (float) rnd.nextDouble(-2, 2);
            float[] c1 = cs.c.clone(), c2 = cs.c.clone();
            blas.sgemm(tA, tB, m, n, k, alpha, cs.a, cs.aOff, cs.lda, cs.b, cs.bOff, cs.ldb, beta, c1, cs.cOff, cs.ldc);
            java.sgemm(tA, tB, m, n, k, alpha, cs.a, cs.aOff, cs.lda, cs.b, cs.bOff, cs.ldb, beta, c2, cs.cOff, cs.ldc);
            double[] d1 = toDouble(cs.c), d2 = toDouble(cs.c);
            blas.dgemm(tA, tB, m, n, k, alpha, toDouble(cs.a), cs.aOff, cs.lda, toDouble(cs.b), cs.bOff, cs.ldb, beta, d1, cs.cOff, cs.ldc);
            java.dgemm(tA, tB, m, n, k, alpha, toDouble(cs.a), cs.aOff, cs.lda, toDouble(cs.b), cs.bOff, cs.ldb, beta, d2, cs.cOff, cs.ldc);
            String what = "seed " + (SEED + 1) + " trial " + trial + " tA=" + tA + " tB=" + tB + " m=" + m + " n=" + n + " k=" + k;
            // Each sum of k products of values in [-1, 1]: float error under 2 (k + 2) eps per unit of |alpha| k.
            double fBound = 2 * (k + 2) * Math.ulp(1f) * (Math.abs(alpha) * k + Math.abs(beta));
            double dBound = 2 * (k + 2) * Math.ulp(1d) * (Math.abs(alpha) * k + Math.abs(beta));
            for (int i = 0; i < c1.length; i++) {
                boolean inside = inside(i, cs.cOff, cs.ldc, m, n);
                if (!inside) {
                    assertEquals(cs.c[i], c1[i], 0, what + ": openblas wrote outside C at " + i);
                }
                assertEquals(c2[i], c1[i], fBound, what + ": sgemm at " + i);
                assertEquals(d2[i], d1[i], dBound, what + ": dgemm at " + i);
            }
        }
    }

    @Test
    void segmentBindingMatchesTheArrayPathAndRefusesHeapSegments() {
        OpenBlas lib = OpenBlasTesting.library();
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        int m = 37, n = 29, k = 41;
        Case cs = new Case(rnd, true, false, m, n, k);
        float[] want = cs.c.clone();
        critical().sgemm(true, false, m, n, k, 0.5f, cs.a, cs.aOff, cs.lda, cs.b, cs.bOff, cs.ldb, 2f, want, cs.cOff, cs.ldc);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocateFrom(JAVA_FLOAT, cs.a).asSlice(4L * cs.aOff);
            MemorySegment b = arena.allocateFrom(JAVA_FLOAT, cs.b).asSlice(4L * cs.bOff);
            MemorySegment c = arena.allocateFrom(JAVA_FLOAT, cs.c);
            lib.sgemm(true, false, m, n, k, 0.5f, a, cs.lda, b, cs.ldb, 2f, c.asSlice(4L * cs.cOff), cs.ldc);
            assertArrayEquals(want, c.toArray(JAVA_FLOAT));
            var e = assertThrows(IllegalArgumentException.class, () -> lib.sgemm(true, false, m, n, k, 1f,
                    MemorySegment.ofArray(cs.a), cs.lda, b, cs.ldb, 0f, c, cs.ldc));
            assertTrue(e.getMessage().contains("heap segment"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> lib.sgemm(true, false, m, n, k, 1f,
                    a, cs.lda, b.asSlice(0, 8), cs.ldb, 0f, c, cs.ldc));
            assertTrue(e.getMessage().contains("B (") && e.getMessage().contains("bytes"), e.getMessage());
        }
    }

    @Test
    void criticalAndCopiedPathsGiveIdenticalResults() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (int trial = 0; trial < 20; trial++) {
            int m = 1 + rnd.nextInt(300), n = 1 + rnd.nextInt(300), k = 1 + rnd.nextInt(300);
            boolean tA = rnd.nextBoolean(), tB = rnd.nextBoolean();
            Case cs = new Case(rnd, tA, tB, m, n, k);
            float beta = trial % 2 == 0 ? 0f : 0.5f;
            float[] c1 = cs.c.clone(), c2 = cs.c.clone();
            critical().sgemm(tA, tB, m, n, k, 1.5f, cs.a, cs.aOff, cs.lda, cs.b, cs.bOff, cs.ldb, beta, c1, cs.cOff, cs.ldc);
            copied().sgemm(tA, tB, m, n, k, 1.5f, cs.a, cs.aOff, cs.lda, cs.b, cs.bOff, cs.ldb, beta, c2, cs.cOff, cs.ldc);
            assertArrayEquals(c1, c2, "sgemm seed " + (SEED + 2) + " trial " + trial);
            double[] d1 = toDouble(cs.c), d2 = toDouble(cs.c);
            critical().dgemm(tA, tB, m, n, k, 1.5, toDouble(cs.a), cs.aOff, cs.lda, toDouble(cs.b), cs.bOff, cs.ldb, beta, d1, cs.cOff, cs.ldc);
            copied().dgemm(tA, tB, m, n, k, 1.5, toDouble(cs.a), cs.aOff, cs.lda, toDouble(cs.b), cs.bOff, cs.ldb, beta, d2, cs.cOff, cs.ldc);
            assertArrayEquals(d1, d2, "dgemm seed " + (SEED + 2) + " trial " + trial);
        }
    }

    @Test
    void betaZeroIgnoresNaNInCAndRowGapsSurviveOnBothPaths() {
        for (OpenBlasGemm path : new OpenBlasGemm[] {critical(), copied()}) {
            int m = 3, n = 2, k = 2, ldc = 4;
            float[] a = {1, 2, 3, 4, 5, 6}, b = {1, 0, 0, 1};
            float[] c = {Float.NaN, Float.NaN, 7, 8, Float.NaN, Float.NaN, 9, 10, Float.NaN, Float.NaN, 11, 12};
            path.sgemm(false, false, m, n, k, 2f, a, 0, 2, b, 0, 2, 0f, c, 0, ldc);
            assertArrayEquals(new float[] {2, 4, 7, 8, 6, 8, 9, 10, 10, 12, 11, 12}, c);
            double[] d = {Double.NaN, Double.NaN, 7, 8, Double.NaN, Double.NaN, 9, 10, Double.NaN, Double.NaN, 11, 12};
            path.dgemm(false, false, m, n, k, 2, toDouble(a), 0, 2, toDouble(b), 0, 2, 0, d, 0, ldc);
            assertArrayEquals(new double[] {2, 4, 7, 8, 6, 8, 9, 10, 10, 12, 11, 12}, d);
        }
    }

    @Test
    void threadCountFollowsGemmSetThreads() {
        OpenBlasGemm blas = new OpenBlasGemm(OpenBlasTesting.library());
        GemmBackend saved = Gemm.backend();
        int threads = Gemm.threads();
        try {
            Gemm.setBackend(blas);
            assertEquals(threads, blas.library().threads(), "setBackend passes the current thread count");
            Gemm.setThreads(1);
            assertEquals(1, blas.library().threads());
            Gemm.setThreads(2);
            assertEquals(2, blas.library().threads());
            // A large product on 1 and on 2 threads, both correct.
            SplittableRandom rnd = new SplittableRandom(SEED + 3);
            for (int t : new int[] {1, 2}) {
                Gemm.setThreads(t);
                checkSgemm(blas, rnd, false, true, 256, 256, 256, 1f, 0f);
            }
        } finally {
            Gemm.setThreads(threads);
            Gemm.setBackend(saved);
        }
    }

    @Test
    void describeNamesTheLibraryConfigThreadsAndSpecies() {
        OpenBlasGemm blas = new OpenBlasGemm(OpenBlasTesting.library());
        GemmBackend saved = Gemm.backend();
        try {
            Gemm.setBackend(blas);
            String d = Backend.describe();
            assertTrue(d.contains("GEMM openblas"), d);
            assertTrue(d.contains(blas.library().file()), d);
            assertTrue(d.contains(blas.library().config()), d);
            assertTrue(d.contains(Gemm.threads() + " thread(s)"), d);
            assertTrue(d.contains(dev.panamax.kernel.Simd.describe()), d);
            Backend.use("java");
            assertTrue(Backend.describe().contains("GEMM java"), Backend.describe());
            assertFalse(Backend.describe().contains("openblas "), Backend.describe());
            Backend.use("openblas");
            assertEquals("openblas", Gemm.backend().name());
        } finally {
            Gemm.setBackend(saved);
        }
    }

    @Test
    void concurrentCallersOnBothPathsGetTheirOwnResults() throws Exception {
        OpenBlasGemm[] paths = {critical(), copied()};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int job = 0; job < 8; job++) {
                int id = job;
                jobs.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(SEED + 100 + id);
                    int m = 100 + id * 7, n = 90 + id, k = 120 - id;
                    Case cs = new Case(rnd, false, false, m, n, k);
                    float[] want = cs.c.clone(), got = cs.c.clone();
                    Gemm.javaBackend().sgemm(false, false, m, n, k, 1f, cs.a, cs.aOff, cs.lda, cs.b, cs.bOff, cs.ldb, 0f, want, cs.cOff, cs.ldc);
                    for (int rep = 0; rep < 5; rep++) {
                        paths[(id + rep) % 2].sgemm(false, false, m, n, k, 1f, cs.a, cs.aOff, cs.lda, cs.b, cs.bOff, cs.ldb, 0f, got, cs.cOff, cs.ldc);
                        for (int i = 0; i < got.length; i++) {
                            assertEquals(want[i], got[i], 1e-4 * k, "job " + id + " rep " + rep + " at " + i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean inside(int i, int off, int ld, int m, int n) {
        int r = i - off;
        return r >= 0 && r / ld < m && r % ld < n;
    }

    /** Random A, B, C for one product, with offsets and leading dimensions padded by up to 3. */
    private static final class Case {
        final float[] a, b, c;
        final int aOff, bOff, cOff, lda, ldb, ldc;

        Case(SplittableRandom rnd, boolean tA, boolean tB, int m, int n, int k) {
            int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
            lda = aCols + rnd.nextInt(4);
            ldb = bCols + rnd.nextInt(4);
            ldc = n + rnd.nextInt(4);
            aOff = rnd.nextInt(4);
            bOff = rnd.nextInt(4);
            cOff = rnd.nextInt(4);
            a = random(rnd, aOff + aRows * lda);
            b = random(rnd, bOff + bRows * ldb);
            c = random(rnd, cOff + m * ldc + rnd.nextInt(4));
        }
    }
}
