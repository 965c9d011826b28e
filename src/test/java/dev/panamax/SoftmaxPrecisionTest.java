// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The softmax family at large logits: float32 softmax of [1e4, 1e4 + 1] used to be exp(x - lse)
 * with lse rounded to float, off by 2e-4. Forward and backward, both dtypes, along either dim,
 * against float64 references; float32 within 2 ulps of the rounded reference.
 */
class SoftmaxPrecisionTest {
    static final double[] OFFSETS = {0, 1e3, 1e4, 1e5, -1e4};

    @Test
    void softmaxOfLargeLogitsKeepsItsLowBits() {
        Tensor p = Tensor.of(10000f, 10001f).softmax(0);
        assertEquals(0.2689414213699951, p.getFlat(0), ulps(0.2689414213699951, 2), "softmax([1e4, 1e4 + 1])[0]");
        assertEquals(0.7310585786300049, p.getFlat(1), ulps(0.7310585786300049, 2), "softmax([1e4, 1e4 + 1])[1]");
    }

    @Test
    void softmaxFamilyForwardAndBackwardAtLargeOffsets() {
        double[][] base = {{0.5, -1.25, 2, 0.125}, {3, 3, -2, 1}};
        for (DType dtype : DType.values()) {
            for (double off : OFFSETS) {
                for (int dim = 0; dim < 2; dim++) {
                    double[][] x = new double[2][4];
                    float[] xf = new float[8];
                    for (int i = 0; i < 8; i++) {
                        xf[i] = (float) (base[i / 4][i % 4] + off);
                        x[i / 4][i % 4] = dtype == DType.F32 ? xf[i] : base[i / 4][i % 4] + off;
                    }
                    double[][] p = refSoftmax(x, dim);
                    String at = dtype + " offset " + off + " dim " + dim;
                    Tensor t = input(x, dtype);
                    check(flat(p), t.softmax(dim), dtype, "softmax " + at);
                    double[] logP = flat(p).clone();
                    double[] lse = new double[dim == 0 ? 4 : 2];
                    for (int i = 0; i < 8; i++) {
                        int r = i / 4, c = i % 4;
                        logP[i] = Math.log(p[r][c]);
                        lse[dim == 0 ? c : r] = x[r][c] - logP[i];
                    }
                    check(logP, t.logSoftmax(dim), dtype, "logSoftmax " + at);
                    Tensor l = t.logSumExp(dim, false);
                    for (int i = 0; i < lse.length; i++) {
                        assertEquals(lse[i], l.getFlat(i), dtype == DType.F32 ? ulps((float) lse[i], 1) : 1e-15 * Math.abs(lse[i]) + 1e-15,
                                "logSumExp " + at);
                    }

                    // Backward with the weights w = 1 on column 0, else 0: closed forms in p.
                    Tensor w = Tensor.zeros(dtype, 2, 4);
                    w.setRaw(0, 1);
                    w.setRaw(4, 1);
                    double[] gLse = flat(p), gSoft = new double[8], gLog = new double[8];
                    for (int i = 0; i < 8; i++) {
                        int r = i / 4, c = i % 4;
                        // sums of w and of w * p over the slice through element i
                        double sw = dim == 1 ? 1 : (c == 0 ? 2 : 0);
                        double swp = dim == 1 ? p[r][0] : (c == 0 ? p[0][0] + p[1][0] : 0);
                        double wi = c == 0 ? 1 : 0;
                        gSoft[i] = p[r][c] * (wi - swp);
                        gLog[i] = wi - p[r][c] * sw;
                    }
                    Tensor a = input(x, dtype);
                    a.logSumExp(dim, true).sum().backward();
                    check(gLse, a.grad(), dtype, "logSumExp backward " + at, 2);
                    Tensor b = input(x, dtype);
                    b.softmax(dim).backward(w);
                    check(gSoft, b.grad(), dtype, "softmax backward " + at, 4);
                    Tensor c = input(x, dtype);
                    c.logSoftmax(dim).backward(w);
                    check(gLog, c.grad(), dtype, "logSoftmax backward " + at, 4);
                }
            }
        }
    }

    @Test
    void infiniteAndEmptySlices() {
        Tensor minusInf = Tensor.of(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertEquals(Double.NEGATIVE_INFINITY, minusInf.logSumExp(0, false).item(), "logsumexp of all -inf");
        Tensor withInf = Tensor.of(Float.NEGATIVE_INFINITY, 0f);
        assertArrayEquals(new double[] {0, 1}, withInf.softmax(0).toDoubleArray(), "a -inf logit has probability 0");
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, 0}, withInf.logSoftmax(0).toDoubleArray());
    }

    static Tensor input(double[][] x, DType dtype) {
        Tensor t = Tensor.zeros(dtype, 2, 4);
        for (int i = 0; i < 8; i++) {
            t.setRaw(i, x[i / 4][i % 4]);
        }
        return t.requiresGrad_(true);
    }

    /** Forward values: 2 float ulps, or 1e-14 relative in double. */
    static void check(double[] want, Tensor got, DType dtype, String what) {
        check(want, got, dtype, what, 0);
    }

    /** Gradients: as forward, plus abs (in units of the float or double ulp of 1), for the cancellation in g - sum(g p). */
    static void check(double[] want, Tensor got, DType dtype, String what, double abs) {
        assertEquals(dtype, got.dtype(), what);
        for (int i = 0; i < want.length; i++) {
            double tol = dtype == DType.F32 ? ulps((float) want[i], 2) + abs * Math.ulp(1f)
                    : 1e-14 * Math.abs(want[i]) + 1e-16 + abs * Math.ulp(1d);
            assertEquals(want[i], got.getFlat(i), tol, what + " element " + i);
        }
    }

    static double ulps(double v, int n) {
        return n * Math.ulp((float) v);
    }

    static double[][] refSoftmax(double[][] x, int dim) {
        double[][] p = new double[2][4];
        for (int s = 0; s < (dim == 0 ? 4 : 2); s++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < (dim == 0 ? 2 : 4); j++) {
                max = Math.max(max, dim == 0 ? x[j][s] : x[s][j]);
            }
            for (int j = 0; j < (dim == 0 ? 2 : 4); j++) {
                sum += Math.exp((dim == 0 ? x[j][s] : x[s][j]) - max);
            }
            for (int j = 0; j < (dim == 0 ? 2 : 4); j++) {
                int r = dim == 0 ? j : s, c = dim == 0 ? s : j;
                p[r][c] = Math.exp(x[r][c] - max) / sum;
            }
        }
        return p;
    }

    static double[] flat(double[][] a) {
        double[] f = new double[8];
        for (int i = 0; i < 8; i++) {
            f[i] = a[i / 4][i % 4];
        }
        return f;
    }
}
