// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The GEMM contract, run against every backend: subclasses say which backend. Results are compared
 * with a double-precision triple loop, within a bound derived from k and the machine epsilon:
 * {@code |error| <= (k + 2) * eps * (|alpha| * sum |a_ip b_pj| + |beta c_ij|)}, the classic bound for a
 * k-term dot product plus the scaling. Shapes include 1, 2, 7, 15, 17, 63, 255, 257 and 784, all
 * four transposes, offsets and leading dimensions larger than the rows, alpha and beta 0, 1 and
 * other values.
 */
public abstract class GemmSuite {

    /** The backend under test; called once per test. */
    protected abstract GemmBackend backend();

    @Test
    void sgemmMatchesReferenceOnAwkwardShapesAndEveryTranspose() {
        SplittableRandom rnd = new SplittableRandom(7);
        int[] sizes = {1, 2, 7, 15, 17, 63};
        for (int m : sizes) {
            for (int n : sizes) {
                for (int k : new int[] {1, 7, 17, 64}) {
                    for (int t = 0; t < 4; t++) {
                        checkSgemm(rnd, t / 2 == 1, t % 2 == 1, m, n, k, 1.5f, 0.5f);
                    }
                }
            }
        }
    }

    @Test
    void sgemmMatchesReferenceOnLargeAwkwardShapes() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {{255, 257, 63}, {257, 17, 784}, {784, 15, 255}, {63, 784, 257}, {256, 10, 256}, {2, 257, 1}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                checkSgemm(rnd, t / 2 == 1, t % 2 == 1, s[0], s[1], s[2], 0.75f, t % 2 == 0 ? 0f : -1.25f);
            }
        }
    }

    @Test
    void sgemmHandlesEveryAlphaBetaCase() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (float alpha : new float[] {0f, 1f, -0.75f}) {
            for (float beta : new float[] {0f, 1f, 2.5f}) {
                for (int t = 0; t < 4; t++) {
                    checkSgemm(rnd, t / 2 == 1, t % 2 == 1, 17, 33, 15, alpha, beta);
                    checkSgemm(rnd, t / 2 == 1, t % 2 == 1, 7, 70, 130, alpha, beta);
                }
            }
        }
    }

    @Test
    void betaZeroDoesNotReadC() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int[] s : new int[][] {{7, 9, 5}, {70, 90, 50}, {5, 3, 0}}) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(rnd, m * k), b = random(rnd, k * n), c = new float[m * n];
            for (float alpha : new float[] {0f, 1.5f}) {
                Arrays.fill(c, Float.NaN);
                backend().sgemm(false, false, m, n, k, alpha, a, 0, Math.max(1, k), b, 0, n, 0f, c, 0, n);
                for (int i = 0; i < m * n; i++) {
                    assertFalse(Float.isNaN(c[i]), () -> backend().name() + ": NaN in C leaked through beta = 0");
                }
                double[] cd = new double[m * n];
                Arrays.fill(cd, Double.NaN);
                backend().dgemm(false, false, m, n, k, alpha, toDouble(a), 0, Math.max(1, k), toDouble(b), 0, n, 0d, cd, 0, n);
                for (int i = 0; i < m * n; i++) {
                    assertFalse(Double.isNaN(cd[i]), () -> backend().name() + ": NaN in C leaked through beta = 0 (dgemm)");
                }
            }
        }
    }

    @Test
    void emptyInnerDimensionScalesC() {
        float[] c = {1, 2, 3, 4, 5, 6};
        backend().sgemm(false, false, 2, 3, 0, 1f, new float[0], 0, 1, new float[0], 0, 3, 2f, c, 0, 3);
        assertEquals(List.of(2f, 4f, 6f, 8f, 10f, 12f), boxed(c));
    }

    @Test
    void dgemmMatchesReferenceAndSgemm() {
        SplittableRandom rnd = new SplittableRandom(19);
        for (int[] s : new int[][] {{1, 1, 1}, {7, 15, 17}, {63, 2, 255}, {257, 63, 64}, {100, 100, 100}}) {
            for (int t = 0; t < 4; t++) {
                checkDgemm(rnd, t / 2 == 1, t % 2 == 1, s[0], s[1], s[2], -0.5, t == 3 ? 0 : 1.5);
            }
        }
        // The same product in float and double: they agree to float precision.
        int m = 65, n = 47, k = 300;
        float[] a = random(rnd, m * k), b = random(rnd, k * n), c = new float[m * n];
        double[] cd = new double[m * n];
        backend().sgemm(false, true, m, n, k, 1f, a, 0, k, transpose(b, k, n), 0, k, 0f, c, 0, n);
        backend().dgemm(false, false, m, n, k, 1d, toDouble(a), 0, k, toDouble(b), 0, n, 0d, cd, 0, n);
        for (int i = 0; i < m * n; i++) {
            assertEquals(cd[i], c[i], (k + 2) * Math.ulp(1f) * k, "sgemm vs dgemm at " + i);
        }
    }

    @Test
    void concurrentCallsFromManyThreads() throws Exception {
        // Resolved here, on the test thread: an assumption (OpenBLAS absent) must skip the test,
        // not come back wrapped in an ExecutionException from a worker.
        GemmBackend backend = backend();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = 100 + t;
                results.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    for (int rep = 0; rep < 6; rep++) {
                        int m = 1 + rnd.nextInt(200), n = 1 + rnd.nextInt(200), k = 1 + rnd.nextInt(200);
                        checkSgemm(backend, rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k, 1f, rnd.nextBoolean() ? 0f : 1f);
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                try {
                    f.get();
                } catch (ExecutionException e) { // the worker's own failure, not the wrapper
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void zeroSizesLeaveCAloneOrScaleItByBeta() {
        SplittableRandom rnd = new SplittableRandom(17);
        GemmBackend saved = Gemm.backend();
        Gemm.setBackend(backend());
        try {
            for (int t = 0; t < 4; t++) {
                boolean tA = t / 2 == 1, tB = t % 2 == 1;
                for (int[] mnk : new int[][] {{3, 4, 0}, {0, 4, 5}, {3, 0, 5}, {0, 0, 0}}) {
                    int m = mnk[0], n = mnk[1], k = mnk[2];
                    // Contiguous operands, as a tensor of that shape has them: ld is the column count, 0 included.
                    int lda = tA ? m : k, ldb = tB ? k : n;
                    for (float beta : new float[] {0f, 0.5f}) {
                        float[] c = random(rnd, m * n + 2), c0 = c.clone();
                        Gemm.sgemm(tA, tB, m, n, k, 1.5f, new float[m * k], 0, lda, new float[k * n], 0, ldb, beta, c, 1, n);
                        for (int i = 0; i < c.length; i++) {
                            boolean inC = i >= 1 && i < 1 + m * n;
                            assertEquals(inC ? beta * c0[i] : c0[i], c[i], 0f, "C[" + i + "] of m=" + m + " n=" + n + " k=" + k + " beta=" + beta);
                        }
                        double[] d = new double[m * n + 1];
                        Arrays.fill(d, Double.NaN);
                        Gemm.dgemm(tA, tB, m, n, k, 1, new double[m * k], 0, lda, new double[k * n], 0, ldb, 0, d, 0, n);
                        assertEquals(m * n == 0 ? Double.NaN : 0.0, d[0], 0.0, "beta 0 writes zeros over a NaN when C is not empty");
                        assertEquals(Double.NaN, d[m * n], 0.0, "past C");
                    }
                }
            }
            // The backend itself with k = 0 and legal leading dimensions: the same C = beta * C.
            float[] c = {1, 2, 3, 4};
            backend().sgemm(false, false, 2, 2, 0, 1f, new float[1], 0, 1, new float[2], 0, 2, 0.5f, c, 0, 2);
            assertEquals(List.of(0.5f, 1f, 1.5f, 2f), List.of(c[0], c[1], c[2], c[3]), "backend with k = 0");
        } finally {
            Gemm.setBackend(saved);
        }
    }

    @Test
    void sgemmRejectsBadArgumentsBeforeAnyWork() {
        float[] a = new float[4], b = new float[4], c = new float[4];
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, -1, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, 2, 2, 2, 1, a, 0, 1, b, 0, 2, 0, c, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, 2, 2, 2, 1, a, 1, 2, b, 0, 2, 0, c, 0, 2));
    }

    /** Runs one sgemm on random data with ld and offset padding, and checks it against doubles. */
    protected void checkSgemm(SplittableRandom rnd, boolean tA, boolean tB, int m, int n, int k, float alpha, float beta) {
        checkSgemm(backend(), rnd, tA, tB, m, n, k, alpha, beta);
    }

    private static void checkSgemm(GemmBackend backend, SplittableRandom rnd, boolean tA, boolean tB, int m, int n, int k,
                                   float alpha, float beta) {
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + rnd.nextInt(3), ldb = bCols + rnd.nextInt(3), ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(3), bOff = rnd.nextInt(3), cOff = rnd.nextInt(3);
        float[] a = random(rnd, aOff + aRows * lda), b = random(rnd, bOff + bRows * ldb), c = random(rnd, cOff + m * ldc);
        float[] c0 = c.clone();
        backend.sgemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = tB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                double want = alpha * s + beta * c0[cOff + i * ldc + j];
                double bound = (k + 2) * Math.ulp(1f) * (Math.abs(alpha) * abs + Math.abs(beta * c0[cOff + i * ldc + j])) + 1e-30;
                assertEquals(want, c[cOff + i * ldc + j], bound,
                        () -> backend.name() + " tA=" + tA + " tB=" + tB + " m=" + m + " n=" + n + " k=" + k);
            }
            for (int j = n; j < ldc && cOff + i * ldc + j < c.length; j++) {
                assertEquals(c0[cOff + i * ldc + j], c[cOff + i * ldc + j], "padding of C written");
            }
        }
    }

    /** Runs one dgemm on random data with ld and offset padding, and checks it against a triple loop. */
    protected void checkDgemm(SplittableRandom rnd, boolean tA, boolean tB, int m, int n, int k, double alpha, double beta) {
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + rnd.nextInt(3), ldb = bCols + rnd.nextInt(3), ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(3), bOff = rnd.nextInt(3), cOff = rnd.nextInt(3);
        double[] a = toDouble(random(rnd, aOff + aRows * lda)), b = toDouble(random(rnd, bOff + bRows * ldb));
        double[] c = toDouble(random(rnd, cOff + m * ldc)), c0 = c.clone();
        backend().dgemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = tB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                double want = alpha * s + beta * c0[cOff + i * ldc + j];
                double bound = (k + 2) * Math.ulp(1d) * (Math.abs(alpha) * abs + Math.abs(beta * c0[cOff + i * ldc + j])) + 1e-300;
                assertEquals(want, c[cOff + i * ldc + j], bound,
                        () -> backend().name() + " dgemm tA=" + tA + " tB=" + tB + " m=" + m + " n=" + n + " k=" + k);
            }
        }
        // Padding between the rows of C is not C: it must be untouched.
        for (int i = 0; i < m; i++) {
            for (int j = n; j < ldc && cOff + i * ldc + j < c.length; j++) {
                assertEquals(c0[cOff + i * ldc + j], c[cOff + i * ldc + j], "padding of C written");
            }
        }
    }

    protected static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** The [cols x rows] transpose of a dense [rows x cols] matrix. */
    protected static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    private static List<Float> boxed(float[] x) {
        List<Float> l = new ArrayList<>();
        for (float v : x) {
            l.add(v);
        }
        return l;
    }

    protected static float[] random(SplittableRandom rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        return x;
    }
}
