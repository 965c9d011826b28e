package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The GEMM contract, run against every backend: subclasses say which backend. Results are compared
 * with a double-precision triple loop, within a bound derived from k and the machine epsilon.
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
    void sgemmRejectsBadArgumentsBeforeAnyWork() {
        float[] a = new float[4], b = new float[4], c = new float[4];
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, -1, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, 2, 2, 2, 1, a, 0, 1, b, 0, 2, 0, c, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, 2, 2, 2, 1, a, 1, 2, b, 0, 2, 0, c, 0, 2));
    }

    /** Runs one sgemm on random data with ld and offset padding, and checks it against doubles. */
    protected void checkSgemm(SplittableRandom rnd, boolean tA, boolean tB, int m, int n, int k, float alpha, float beta) {
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + rnd.nextInt(3), ldb = bCols + rnd.nextInt(3), ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(3), bOff = rnd.nextInt(3), cOff = rnd.nextInt(3);
        float[] a = random(rnd, aOff + aRows * lda), b = random(rnd, bOff + bRows * ldb), c = random(rnd, cOff + m * ldc);
        float[] c0 = c.clone();
        backend().sgemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
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
                        () -> backend().name() + " tA=" + tA + " tB=" + tB + " m=" + m + " n=" + n + " k=" + k);
            }
        }
    }

    protected static float[] random(SplittableRandom rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        return x;
    }
}
