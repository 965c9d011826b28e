// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Vectors live in locals only (a vector in a field or array is boxed).
 * Loaded only when {@link Simd#ENABLED}. Each method has a twin of the same name and signature in
 * {@link ScalarKernels}; the facades ({@link Kernels}, {@link LinearKernel}, {@link DropoutKernel},
 * {@link SoftmaxCrossEntropyKernel}) document the formulas and pick one. Every loop is one pass with
 * a vector body ({@code loopBound}) and a scalar tail; arguments are not checked here.
 */
public final class VectorKernels {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    /**
     * As many bytes as F has floats (128 bits on AVX-512), and ints of F's shape: for byte-to-float.
     * Null for a 128-bit F (NEON, or -XX:MaxVectorSize=16): there is no 32-bit vector shape, and
     * byte-to-float takes the scalar twin.
     */
    static final VectorSpecies<Byte> B_FOR_F = F.length() * Byte.SIZE >= 64
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * Byte.SIZE)) : null;
    static final VectorSpecies<Integer> I_FOR_F = VectorSpecies.of(int.class, F.vectorShape());

    private VectorKernels() {}

    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        // The order of ScalarKernels.dot: 16 partial sums as one, two or four vectors, folded.
        int l = F.length(), i = 0;
        if (l > ScalarKernels.F_SUM_LANES) {
            return ScalarKernels.dot(a, aOff, b, bOff, n);
        }
        FloatVector p0 = FloatVector.zero(F), p1 = p0, p2 = p0, p3 = p0;
        for (; i + ScalarKernels.F_SUM_LANES <= n; i += ScalarKernels.F_SUM_LANES) {
            p0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), p0);
            if (l <= 8) {
                p1 = FloatVector.fromArray(F, a, aOff + i + l).fma(FloatVector.fromArray(F, b, bOff + i + l), p1);
            }
            if (l <= 4) {
                p2 = FloatVector.fromArray(F, a, aOff + i + 2 * l).fma(FloatVector.fromArray(F, b, bOff + i + 2 * l), p2);
                p3 = FloatVector.fromArray(F, a, aOff + i + 3 * l).fma(FloatVector.fromArray(F, b, bOff + i + 3 * l), p3);
            }
        }
        float s = ScalarKernels.fold(spill(p0, p1, p2, p3, new float[ScalarKernels.F_SUM_LANES]));
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    /** The lanes of p0, then p1, p2, p3 as far as 16 floats go, into p. Returns p. Modified: p. */
    private static float[] spill(FloatVector p0, FloatVector p1, FloatVector p2, FloatVector p3, float[] p) {
        int l = F.length();
        p0.intoArray(p, 0);
        if (l <= 8) {
            p1.intoArray(p, l);
        }
        if (l <= 4) {
            p2.intoArray(p, 2 * l);
            p3.intoArray(p, 3 * l);
        }
        return p;
    }

    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        int l = D.length(), i = 0;
        if (l > ScalarKernels.D_SUM_LANES) {
            return ScalarKernels.dot(a, aOff, b, bOff, n);
        }
        DoubleVector p0 = DoubleVector.zero(D), p1 = p0, p2 = p0, p3 = p0;
        for (; i + ScalarKernels.D_SUM_LANES <= n; i += ScalarKernels.D_SUM_LANES) {
            p0 = DoubleVector.fromArray(D, a, aOff + i).fma(DoubleVector.fromArray(D, b, bOff + i), p0);
            if (l <= 4) {
                p1 = DoubleVector.fromArray(D, a, aOff + i + l).fma(DoubleVector.fromArray(D, b, bOff + i + l), p1);
            }
            if (l <= 2) {
                p2 = DoubleVector.fromArray(D, a, aOff + i + 2 * l).fma(DoubleVector.fromArray(D, b, bOff + i + 2 * l), p2);
                p3 = DoubleVector.fromArray(D, a, aOff + i + 3 * l).fma(DoubleVector.fromArray(D, b, bOff + i + 3 * l), p3);
            }
        }
        double s = ScalarKernels.fold(spill(p0, p1, p2, p3, new double[ScalarKernels.D_SUM_LANES]));
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    /** The lanes of p0, then p1, p2, p3 as far as 8 doubles go, into p. Returns p. Modified: p. */
    private static double[] spill(DoubleVector p0, DoubleVector p1, DoubleVector p2, DoubleVector p3, double[] p) {
        int l = D.length();
        p0.intoArray(p, 0);
        if (l <= 4) {
            p1.intoArray(p, l);
        }
        if (l <= 2) {
            p2.intoArray(p, 2 * l);
            p3.intoArray(p, 3 * l);
        }
        return p;
    }

    // ---- elementwise and reductions: out[i] = f(a[i], b[i]) for i in [0, n) ----

    public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i).add(FloatVector.fromArray(F, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i).sub(FloatVector.fromArray(F, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i).mul(FloatVector.fromArray(F, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    public static void scale(float[] a, int aOff, float s, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i).mul(s).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] * s;
        }
    }

    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        FloatVector va = FloatVector.broadcast(F, alpha);
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, xOff + i).fma(va, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(x[xOff + i], alpha, y[yOff + i]);
        }
    }

    public static void relu(float[] a, int aOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, aOff + i).max(0f).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = Math.max(a[aOff + i], 0f);
        }
    }

    public static float sum(float[] a, int aOff, int n) {
        // The order of ScalarKernels.sum: 16 partial sums as one, two or four vectors, folded.
        int l = F.length(), i = 0;
        if (l > ScalarKernels.F_SUM_LANES) {
            return ScalarKernels.sum(a, aOff, n);
        }
        FloatVector p0 = FloatVector.zero(F), p1 = p0, p2 = p0, p3 = p0;
        for (; i + ScalarKernels.F_SUM_LANES <= n; i += ScalarKernels.F_SUM_LANES) {
            p0 = p0.add(FloatVector.fromArray(F, a, aOff + i));
            if (l <= 8) {
                p1 = p1.add(FloatVector.fromArray(F, a, aOff + i + l));
            }
            if (l <= 4) {
                p2 = p2.add(FloatVector.fromArray(F, a, aOff + i + 2 * l));
                p3 = p3.add(FloatVector.fromArray(F, a, aOff + i + 3 * l));
            }
        }
        float s = ScalarKernels.fold(spill(p0, p1, p2, p3, new float[ScalarKernels.F_SUM_LANES]));
        for (; i < n; i++) {
            s += a[aOff + i];
        }
        return s;
    }

    // ---- fused Linear epilogue and its backward ----

    public static void biasAct(float[] c, int cOff, int m, int n, float[] bias, int biasOff, boolean relu) {
        int bound = F.loopBound(n);
        for (int r = 0; r < m; r++) {
            int row = cOff + r * n, j = 0;
            for (; j < bound; j += F.length()) {
                FloatVector x = FloatVector.fromArray(F, c, row + j);
                if (bias != null) {
                    x = x.add(FloatVector.fromArray(F, bias, biasOff + j));
                }
                if (relu) {
                    x = x.max(0f);
                }
                x.intoArray(c, row + j);
            }
            for (; j < n; j++) {
                float x = c[row + j];
                if (bias != null) {
                    x += bias[biasOff + j];
                }
                c[row + j] = relu ? Math.max(x, 0f) : x;
            }
        }
    }

    public static void linearBackward(int m, int n, float[] gradOut, int gOff, float[] out, int outOff, boolean relu,
                                      float[] gz, int gzOff, float[] gradBias, int gbOff) {
        int bound = F.loopBound(n);
        FloatVector zero = FloatVector.zero(F);
        for (int r = 0; r < m; r++) {
            int g = gOff + r * n, o = outOff + r * n, z = gzOff + r * n, j = 0;
            for (; j < bound; j += F.length()) {
                FloatVector x = FloatVector.fromArray(F, gradOut, g + j);
                if (relu) {
                    x = zero.blend(x, FloatVector.fromArray(F, out, o + j).compare(VectorOperators.GT, 0f));
                }
                x.intoArray(gz, z + j);
                if (gradBias != null) {
                    FloatVector.fromArray(F, gradBias, gbOff + j).add(x).intoArray(gradBias, gbOff + j);
                }
            }
            for (; j < n; j++) {
                float x = relu && !(out[o + j] > 0f) ? 0f : gradOut[g + j];
                gz[z + j] = x;
                if (gradBias != null) {
                    gradBias[gbOff + j] += x;
                }
            }
        }
    }

    // ---- dropout: element i is kept when Dropout.keep(seed, i, threshold) ----

    public static void dropoutForward(float[] x, int xOff, float[] out, int outOff, int n, long seed, long threshold,
                                      float scale, long[] mask) {
        int words = n >>> 6;
        for (int w = 0; w < words; w++) {
            long bits = maskWord(seed, (long) w << 6, threshold);
            mask[w] = bits;
            int base = w << 6;
            for (int j = 0; j < 64; j += F.length()) {
                VectorMask<Float> keep = VectorMask.fromLong(F, bits >>> j);
                FloatVector.fromArray(F, x, xOff + base + j).mul(scale).blend(0f, keep.not())
                        .intoArray(out, outOff + base + j);
            }
        }
        ScalarKernels.dropoutForward(x, xOff, out, outOff, n, seed, threshold, scale, mask, words << 6);
    }

    public static void dropoutBackward(float[] g, int gOff, long[] mask, float scale, float[] out, int outOff, int n) {
        int words = n >>> 6;
        for (int w = 0; w < words; w++) {
            long bits = mask[w];
            int base = w << 6;
            for (int j = 0; j < 64; j += F.length()) {
                VectorMask<Float> keep = VectorMask.fromLong(F, bits >>> j);
                FloatVector.fromArray(F, g, gOff + base + j).mul(scale).blend(0f, keep.not())
                        .intoArray(out, outOff + base + j);
            }
        }
        ScalarKernels.dropoutBackward(g, gOff, mask, scale, out, outOff, n, words << 6);
    }

    // ---- softmax cross-entropy, one row of n logits at a time ----

    public static void softmaxCrossEntropyForward(int m, int n, float[] logits, int lOff, int[] labels, int labOff,
                                                  float[] loss, int lossOff, float[] probs, int pOff) {
        // The order of the scalar twin: exp lane by lane (Exp), the row sum over 16 partial sums.
        int l = F.length(), bound = F.loopBound(n), lanes = ScalarKernels.F_SUM_LANES;
        if (l > lanes) {
            ScalarKernels.softmaxCrossEntropyForward(m, n, logits, lOff, labels, labOff, loss, lossOff, probs, pOff);
            return;
        }
        float[] partial = new float[lanes];
        for (int r = 0; r < m; r++) {
            int x = lOff + r * n, p = pOff + r * n, j = 0;
            FloatVector vmax = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (; j < bound; j += l) {
                vmax = vmax.max(FloatVector.fromArray(F, logits, x + j));
            }
            if (j < n) { // the last, partial vector under a mask: 10 classes fit in one
                VectorMask<Float> in = F.indexInRange(j, n);
                vmax = vmax.lanewise(VectorOperators.MAX, FloatVector.fromArray(F, logits, x + j, in), in);
            }
            float max = vmax.reduceLanes(VectorOperators.MAX);
            FloatVector p0 = FloatVector.zero(F), p1 = p0, p2 = p0, p3 = p0;
            for (j = 0; j + lanes <= n; j += lanes) {
                FloatVector e = exp(FloatVector.fromArray(F, logits, x + j).sub(max));
                e.intoArray(probs, p + j);
                p0 = p0.add(e);
                if (l <= 8) {
                    e = exp(FloatVector.fromArray(F, logits, x + j + l).sub(max));
                    e.intoArray(probs, p + j + l);
                    p1 = p1.add(e);
                }
                if (l <= 4) {
                    e = exp(FloatVector.fromArray(F, logits, x + j + 2 * l).sub(max));
                    e.intoArray(probs, p + j + 2 * l);
                    p2 = p2.add(e);
                    e = exp(FloatVector.fromArray(F, logits, x + j + 3 * l).sub(max));
                    e.intoArray(probs, p + j + 3 * l);
                    p3 = p3.add(e);
                }
            }
            float sum = n >= lanes ? ScalarKernels.fold(spill(p0, p1, p2, p3, partial)) : 0f;
            // Past the whole blocks: exp lane by lane (the last vector masked), then summed one by one.
            for (int t = j; t < n; t += l) {
                VectorMask<Float> in = F.indexInRange(t, n);
                exp(FloatVector.fromArray(F, logits, x + t, in).sub(max)).intoArray(probs, p + t, in);
            }
            for (; j < n; j++) {
                sum += probs[p + j];
            }
            float inv = 1f / sum;
            for (j = 0; j < bound; j += l) {
                FloatVector.fromArray(F, probs, p + j).mul(inv).intoArray(probs, p + j);
            }
            if (j < n) {
                VectorMask<Float> in = F.indexInRange(j, n);
                FloatVector.fromArray(F, probs, p + j, in).mul(inv).intoArray(probs, p + j, in);
            }
            loss[lossOff + r] = (float) StrictMath.log(sum) - (logits[x + labels[labOff + r]] - max);
        }
    }

    public static void softmaxCrossEntropyBackward(int m, int n, float[] probs, int pOff, int[] labels, int labOff,
                                                   float[] gradLoss, int glOff, float[] dlogits, int dOff) {
        int bound = F.loopBound(n);
        for (int r = 0; r < m; r++) {
            int p = pOff + r * n, d = dOff + r * n, j = 0;
            float g = gradLoss[glOff + r];
            for (; j < bound; j += F.length()) {
                FloatVector.fromArray(F, probs, p + j).mul(g).intoArray(dlogits, d + j);
            }
            for (; j < n; j++) {
                dlogits[d + j] = probs[p + j] * g;
            }
            int y = labels[labOff + r];
            dlogits[d + y] = (probs[p + y] - 1f) * g;
        }
    }

    // ---- elementwise and reductions: out[i] = f(a[i], b[i]) for i in [0, n) ----

    public static void add(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, a, aOff + i).add(DoubleVector.fromArray(D, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    public static void sub(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, a, aOff + i).sub(DoubleVector.fromArray(D, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    public static void mul(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, a, aOff + i).mul(DoubleVector.fromArray(D, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    public static void scale(double[] a, int aOff, double s, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, a, aOff + i).mul(s).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] * s;
        }
    }

    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0;
        DoubleVector va = DoubleVector.broadcast(D, alpha);
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, x, xOff + i).fma(va, DoubleVector.fromArray(D, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(x[xOff + i], alpha, y[yOff + i]);
        }
    }

    public static void relu(double[] a, int aOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, a, aOff + i).max(0d).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = Math.max(a[aOff + i], 0d);
        }
    }

    public static double sum(double[] a, int aOff, int n) {
        int l = D.length(), i = 0;
        if (l > ScalarKernels.D_SUM_LANES) {
            return ScalarKernels.sum(a, aOff, n);
        }
        DoubleVector p0 = DoubleVector.zero(D), p1 = p0, p2 = p0, p3 = p0;
        for (; i + ScalarKernels.D_SUM_LANES <= n; i += ScalarKernels.D_SUM_LANES) {
            p0 = p0.add(DoubleVector.fromArray(D, a, aOff + i));
            if (l <= 4) {
                p1 = p1.add(DoubleVector.fromArray(D, a, aOff + i + l));
            }
            if (l <= 2) {
                p2 = p2.add(DoubleVector.fromArray(D, a, aOff + i + 2 * l));
                p3 = p3.add(DoubleVector.fromArray(D, a, aOff + i + 3 * l));
            }
        }
        double s = ScalarKernels.fold(spill(p0, p1, p2, p3, new double[ScalarKernels.D_SUM_LANES]));
        for (; i < n; i++) {
            s += a[aOff + i];
        }
        return s;
    }

    // ---- fused Linear epilogue and its backward ----

    public static void biasAct(double[] c, int cOff, int m, int n, double[] bias, int biasOff, boolean relu) {
        int bound = D.loopBound(n);
        for (int r = 0; r < m; r++) {
            int row = cOff + r * n, j = 0;
            for (; j < bound; j += D.length()) {
                DoubleVector x = DoubleVector.fromArray(D, c, row + j);
                if (bias != null) {
                    x = x.add(DoubleVector.fromArray(D, bias, biasOff + j));
                }
                if (relu) {
                    x = x.max(0d);
                }
                x.intoArray(c, row + j);
            }
            for (; j < n; j++) {
                double x = c[row + j];
                if (bias != null) {
                    x += bias[biasOff + j];
                }
                c[row + j] = relu ? Math.max(x, 0d) : x;
            }
        }
    }

    public static void linearBackward(int m, int n, double[] gradOut, int gOff, double[] out, int outOff, boolean relu,
                                      double[] gz, int gzOff, double[] gradBias, int gbOff) {
        int bound = D.loopBound(n);
        DoubleVector zero = DoubleVector.zero(D);
        for (int r = 0; r < m; r++) {
            int g = gOff + r * n, o = outOff + r * n, z = gzOff + r * n, j = 0;
            for (; j < bound; j += D.length()) {
                DoubleVector x = DoubleVector.fromArray(D, gradOut, g + j);
                if (relu) {
                    x = zero.blend(x, DoubleVector.fromArray(D, out, o + j).compare(VectorOperators.GT, 0d));
                }
                x.intoArray(gz, z + j);
                if (gradBias != null) {
                    DoubleVector.fromArray(D, gradBias, gbOff + j).add(x).intoArray(gradBias, gbOff + j);
                }
            }
            for (; j < n; j++) {
                double x = relu && !(out[o + j] > 0d) ? 0d : gradOut[g + j];
                gz[z + j] = x;
                if (gradBias != null) {
                    gradBias[gbOff + j] += x;
                }
            }
        }
    }

    // ---- dropout: element i is kept when Dropout.keep(seed, i, threshold) ----

    public static void dropoutForward(double[] x, int xOff, double[] out, int outOff, int n, long seed, long threshold,
                                      double scale, long[] mask) {
        int words = n >>> 6;
        for (int w = 0; w < words; w++) {
            long bits = maskWord(seed, (long) w << 6, threshold);
            mask[w] = bits;
            int base = w << 6;
            for (int j = 0; j < 64; j += D.length()) {
                VectorMask<Double> keep = VectorMask.fromLong(D, bits >>> j);
                DoubleVector.fromArray(D, x, xOff + base + j).mul(scale).blend(0d, keep.not())
                        .intoArray(out, outOff + base + j);
            }
        }
        ScalarKernels.dropoutForward(x, xOff, out, outOff, n, seed, threshold, scale, mask, words << 6);
    }

    public static void dropoutBackward(double[] g, int gOff, long[] mask, double scale, double[] out, int outOff, int n) {
        int words = n >>> 6;
        for (int w = 0; w < words; w++) {
            long bits = mask[w];
            int base = w << 6;
            for (int j = 0; j < 64; j += D.length()) {
                VectorMask<Double> keep = VectorMask.fromLong(D, bits >>> j);
                DoubleVector.fromArray(D, g, gOff + base + j).mul(scale).blend(0d, keep.not())
                        .intoArray(out, outOff + base + j);
            }
        }
        ScalarKernels.dropoutBackward(g, gOff, mask, scale, out, outOff, n, words << 6);
    }

    // ---- softmax cross-entropy, one row of n logits at a time ----

    public static void softmaxCrossEntropyForward(int m, int n, double[] logits, int lOff, int[] labels, int labOff,
                                                  double[] loss, int lossOff, double[] probs, int pOff) {
        int l = D.length(), bound = D.loopBound(n), lanes = ScalarKernels.D_SUM_LANES;
        if (l > lanes) {
            ScalarKernels.softmaxCrossEntropyForward(m, n, logits, lOff, labels, labOff, loss, lossOff, probs, pOff);
            return;
        }
        double[] partial = new double[lanes];
        for (int r = 0; r < m; r++) {
            int x = lOff + r * n, p = pOff + r * n, j = 0;
            DoubleVector vmax = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
            for (; j < bound; j += l) {
                vmax = vmax.max(DoubleVector.fromArray(D, logits, x + j));
            }
            if (j < n) {
                VectorMask<Double> in = D.indexInRange(j, n);
                vmax = vmax.lanewise(VectorOperators.MAX, DoubleVector.fromArray(D, logits, x + j, in), in);
            }
            double max = vmax.reduceLanes(VectorOperators.MAX);
            DoubleVector p0 = DoubleVector.zero(D), p1 = p0, p2 = p0, p3 = p0;
            for (j = 0; j + lanes <= n; j += lanes) {
                DoubleVector e = exp(DoubleVector.fromArray(D, logits, x + j).sub(max));
                e.intoArray(probs, p + j);
                p0 = p0.add(e);
                if (l <= 4) {
                    e = exp(DoubleVector.fromArray(D, logits, x + j + l).sub(max));
                    e.intoArray(probs, p + j + l);
                    p1 = p1.add(e);
                }
                if (l <= 2) {
                    e = exp(DoubleVector.fromArray(D, logits, x + j + 2 * l).sub(max));
                    e.intoArray(probs, p + j + 2 * l);
                    p2 = p2.add(e);
                    e = exp(DoubleVector.fromArray(D, logits, x + j + 3 * l).sub(max));
                    e.intoArray(probs, p + j + 3 * l);
                    p3 = p3.add(e);
                }
            }
            double sum = n >= lanes ? ScalarKernels.fold(spill(p0, p1, p2, p3, partial)) : 0d;
            for (int t = j; t < n; t += l) {
                VectorMask<Double> in = D.indexInRange(t, n);
                exp(DoubleVector.fromArray(D, logits, x + t, in).sub(max)).intoArray(probs, p + t, in);
            }
            for (; j < n; j++) {
                sum += probs[p + j];
            }
            double inv = 1d / sum;
            for (j = 0; j < bound; j += l) {
                DoubleVector.fromArray(D, probs, p + j).mul(inv).intoArray(probs, p + j);
            }
            if (j < n) {
                VectorMask<Double> in = D.indexInRange(j, n);
                DoubleVector.fromArray(D, probs, p + j, in).mul(inv).intoArray(probs, p + j, in);
            }
            loss[lossOff + r] = StrictMath.log(sum) - (logits[x + labels[labOff + r]] - max);
        }
    }

    public static void softmaxCrossEntropyBackward(int m, int n, double[] probs, int pOff, int[] labels, int labOff,
                                                   double[] gradLoss, int glOff, double[] dlogits, int dOff) {
        int bound = D.loopBound(n);
        for (int r = 0; r < m; r++) {
            int p = pOff + r * n, d = dOff + r * n, j = 0;
            double g = gradLoss[glOff + r];
            for (; j < bound; j += D.length()) {
                DoubleVector.fromArray(D, probs, p + j).mul(g).intoArray(dlogits, d + j);
            }
            for (; j < n; j++) {
                dlogits[d + j] = probs[p + j] * g;
            }
            int y = labels[labOff + r];
            dlogits[d + y] = (probs[p + y] - 1d) * g;
        }
    }

    // ---- exp: Exp.exp lane by lane, the same operations in the same order ----

    /** {@link Exp#exp(float)} lane by lane: the same operations in the same order, so the same bits. */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(Exp.F_LO).min(Exp.F_HI);
        FloatVector s = xc.fma(Exp.F_LOG2E, Exp.F_SHIFT);
        FloatVector k = s.sub(Exp.F_SHIFT);
        FloatVector rHi = k.fma(FloatVector.broadcast(F, -Exp.F_LN2_HI), xc);
        FloatVector c = k.mul(Exp.F_LN2_LO);
        FloatVector r = rHi.sub(c);
        FloatVector rErr = rHi.sub(r).sub(c);
        FloatVector q = r.fma(Exp.F7, Exp.F6);
        q = q.fma(r, FloatVector.broadcast(F, Exp.F5));
        q = q.fma(r, FloatVector.broadcast(F, Exp.F4));
        q = q.fma(r, FloatVector.broadcast(F, Exp.F3));
        q = q.fma(r, FloatVector.broadcast(F, Exp.F2));
        FloatVector p = q.fma(r.mul(r), rErr).add(r).add(1f);
        IntVector ki = s.reinterpretAsInts().sub(Exp.F_SHIFT_BITS);
        IntVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
        IntVector k2 = ki.sub(k1);
        return p.mul(k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                .mul(k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(Exp.D_LO).min(Exp.D_HI);
        DoubleVector s = xc.fma(Exp.D_LOG2E, Exp.D_SHIFT);
        DoubleVector k = s.sub(Exp.D_SHIFT);
        DoubleVector rHi = k.fma(DoubleVector.broadcast(D, -Exp.D_LN2_HI), xc);
        DoubleVector c = k.mul(Exp.D_LN2_LO);
        DoubleVector r = rHi.sub(c);
        DoubleVector rErr = rHi.sub(r).sub(c);
        DoubleVector q = r.fma(Exp.D13, Exp.D12);
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D11));
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D10));
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D9));
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D8));
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D7));
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D6));
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D5));
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D4));
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D3));
        q = q.fma(r, DoubleVector.broadcast(D, Exp.D2));
        DoubleVector p = q.fma(r.mul(r), rErr).add(r).add(1d);
        LongVector ki = s.reinterpretAsLongs().sub(Exp.D_SHIFT_BITS);
        LongVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
        LongVector k2 = ki.sub(k1);
        return p.mul(k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                .mul(k2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
    }

    /** Lanes of exp(x[xOff + i]) into out, for tests and benchmarks: out may be x. */
    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            exp(FloatVector.fromArray(F, x, xOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = Exp.exp(x[xOff + i]);
        }
    }

    /** out[outOff + i] = 1 / (1 + exp(-x[xOff + i])), exp as {@link Exp#exp(float)}: out may be x. */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            one.div(one.add(exp(FloatVector.fromArray(F, x, xOff + i).neg()))).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = 1f / (1f + Exp.exp(-x[xOff + i]));
        }
    }

    /** out[outOff + i] = g[gOff + i] * (s[sOff + i] * (1 - s[sOff + i])): out may be g or s. */
    public static void sigmoidBackward(float[] g, int gOff, float[] s, int sOff, float[] out, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, s, sOff + i);
            FloatVector.fromArray(F, g, gOff + i).mul(v.mul(one.sub(v))).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            float v = s[sOff + i];
            out[outOff + i] = g[gOff + i] * (v * (1f - v));
        }
    }

    public static void exp(double[] x, int xOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            exp(DoubleVector.fromArray(D, x, xOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = Exp.exp(x[xOff + i]);
        }
    }

    /**
     * The keep bits of elements [index0, index0 + 64): bit t is {@link DropoutKernel#keep} of element
     * index0 + t, the same counter-based hash computed on LS.length() indexes at a time.
     */
    static long maskWord(long seed, long index0, long threshold) {
        long bits = 0;
        LongVector iota = LongVector.zero(LS).addIndex(1);
        for (int t = 0; t < 64; t += LS.length()) {
            LongVector z = iota.add(index0 + t + 1).mul(DropoutKernel.GOLDEN).add(seed);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(DropoutKernel.MIX1);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(DropoutKernel.MIX2);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            bits |= z.lanewise(VectorOperators.LSHR, 11).compare(VectorOperators.GE, threshold).toLong() << t;
        }
        return bits;
    }

    public static void unsignedBytesToFloat(byte[] src, int srcOff, float[] dst, int dstOff, int n, float divisor) {
        if (B_FOR_F == null) {
            ScalarKernels.unsignedBytesToFloat(src, srcOff, dst, dstOff, n, divisor);
            return;
        }
        int l = F.length(), i = 0;
        for (; i + l <= n; i += l) {
            // Zero-extend the bytes to ints of F's width, convert to float, divide: 0..255 exactly.
            ByteVector b = ByteVector.fromArray(B_FOR_F, src, srcOff + i);
            FloatVector f = (FloatVector) b.convertShape(VectorOperators.ZERO_EXTEND_B2I, I_FOR_F, 0)
                    .convert(VectorOperators.I2F, 0);
            f.div(divisor).intoArray(dst, dstOff + i);
        }
        for (; i < n; i++) {
            dst[dstOff + i] = (src[srcOff + i] & 0xFF) / divisor;
        }
    }
}
