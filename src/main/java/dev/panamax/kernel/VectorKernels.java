// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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
    /** As many bytes as F has floats (128 bits on AVX-512), and ints of F's shape: for byte-to-float. */
    static final VectorSpecies<Byte> B_FOR_F = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * Byte.SIZE));
    static final VectorSpecies<Integer> I_FOR_F = VectorSpecies.of(int.class, F.vectorShape());

    private VectorKernels() {}

    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        // Two accumulators hide the FMA latency; the tail is scalar.
        FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
        int l = F.length(), i = 0;
        for (; i + 2 * l <= n; i += 2 * l) {
            acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
            acc1 = FloatVector.fromArray(F, a, aOff + i + l).fma(FloatVector.fromArray(F, b, bOff + i + l), acc1);
        }
        for (; i + l <= n; i += l) {
            acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        DoubleVector acc0 = DoubleVector.zero(D), acc1 = DoubleVector.zero(D);
        int l = D.length(), i = 0;
        for (; i + 2 * l <= n; i += 2 * l) {
            acc0 = DoubleVector.fromArray(D, a, aOff + i).fma(DoubleVector.fromArray(D, b, bOff + i), acc0);
            acc1 = DoubleVector.fromArray(D, a, aOff + i + l).fma(DoubleVector.fromArray(D, b, bOff + i + l), acc1);
        }
        for (; i + l <= n; i += l) {
            acc0 = DoubleVector.fromArray(D, a, aOff + i).fma(DoubleVector.fromArray(D, b, bOff + i), acc0);
        }
        double s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
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
        // Two accumulators hide the add latency; the lanes are summed at the end.
        FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
        int l = F.length(), i = 0;
        for (; i + 2 * l <= n; i += 2 * l) {
            acc0 = acc0.add(FloatVector.fromArray(F, a, aOff + i));
            acc1 = acc1.add(FloatVector.fromArray(F, a, aOff + i + l));
        }
        for (; i + l <= n; i += l) {
            acc0 = acc0.add(FloatVector.fromArray(F, a, aOff + i));
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
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
        int l = F.length(), bound = F.loopBound(n);
        for (int r = 0; r < m; r++) {
            int x = lOff + r * n, p = pOff + r * n, j = 0;
            FloatVector vmax = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (; j < bound; j += l) {
                vmax = vmax.max(FloatVector.fromArray(F, logits, x + j));
            }
            float max = vmax.reduceLanes(VectorOperators.MAX);
            for (; j < n; j++) {
                max = Math.max(max, logits[x + j]);
            }
            FloatVector vsum = FloatVector.zero(F);
            for (j = 0; j < bound; j += l) {
                FloatVector e = FloatVector.fromArray(F, logits, x + j).sub(max).lanewise(VectorOperators.EXP);
                e.intoArray(probs, p + j);
                vsum = vsum.add(e);
            }
            float sum = vsum.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                float e = (float) Math.exp(logits[x + j] - max);
                probs[p + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (j = 0; j < bound; j += l) {
                FloatVector.fromArray(F, probs, p + j).mul(inv).intoArray(probs, p + j);
            }
            for (; j < n; j++) {
                probs[p + j] *= inv;
            }
            loss[lossOff + r] = (float) Math.log(sum) - (logits[x + labels[labOff + r]] - max);
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
        // Two accumulators hide the add latency; the lanes are summed at the end.
        DoubleVector acc0 = DoubleVector.zero(D), acc1 = DoubleVector.zero(D);
        int l = D.length(), i = 0;
        for (; i + 2 * l <= n; i += 2 * l) {
            acc0 = acc0.add(DoubleVector.fromArray(D, a, aOff + i));
            acc1 = acc1.add(DoubleVector.fromArray(D, a, aOff + i + l));
        }
        for (; i + l <= n; i += l) {
            acc0 = acc0.add(DoubleVector.fromArray(D, a, aOff + i));
        }
        double s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
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
        int l = D.length(), bound = D.loopBound(n);
        for (int r = 0; r < m; r++) {
            int x = lOff + r * n, p = pOff + r * n, j = 0;
            DoubleVector vmax = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
            for (; j < bound; j += l) {
                vmax = vmax.max(DoubleVector.fromArray(D, logits, x + j));
            }
            double max = vmax.reduceLanes(VectorOperators.MAX);
            for (; j < n; j++) {
                max = Math.max(max, logits[x + j]);
            }
            DoubleVector vsum = DoubleVector.zero(D);
            for (j = 0; j < bound; j += l) {
                DoubleVector e = DoubleVector.fromArray(D, logits, x + j).sub(max).lanewise(VectorOperators.EXP);
                e.intoArray(probs, p + j);
                vsum = vsum.add(e);
            }
            double sum = vsum.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                double e = Math.exp(logits[x + j] - max);
                probs[p + j] = e;
                sum += e;
            }
            double inv = 1d / sum;
            for (j = 0; j < bound; j += l) {
                DoubleVector.fromArray(D, probs, p + j).mul(inv).intoArray(probs, p + j);
            }
            for (; j < n; j++) {
                probs[p + j] *= inv;
            }
            loss[lossOff + r] = Math.log(sum) - (logits[x + labels[labOff + r]] - max);
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
