// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * Scalar twins of {@link VectorKernels}, method for method: the path taken when the Vector API is
 * absent or disabled, and the reference the vector kernels are tested against. Each twin gives the
 * same bits as its vector kernel: the same IEEE operations (fma where the vector code fuses, never
 * a transcendental of the Vector API or {@code Math}), in the same order.
 *
 * <p>Sums ({@link #sum}, {@link #dot}, the softmax row sum) use one order whatever the vector
 * width: {@code F_SUM_LANES} (float) or {@code D_SUM_LANES} (double) partial sums, partial l
 * taking elements l, l + lanes, l + 2 lanes, ... of the whole blocks of lanes elements, then
 * {@code fold}, then the elements past the last whole block one by one. A 512-bit vector holds the
 * partials in one register, a 256-bit one in two, a 128-bit one in four; wider vectors take the
 * scalar path.
 */
public final class ScalarKernels {
    /** Partial sums of a float sum: 512 bits. */
    static final int F_SUM_LANES = 16;
    /** Partial sums of a double sum: 512 bits. */
    static final int D_SUM_LANES = 8;

    private ScalarKernels() {}

    /** Folds the partial sums in halves: p[l] += p[l + h] for h = len / 2, len / 4, ..., 1. Returns p[0]. Modified: p. */
    static float fold(float[] p) {
        for (int h = p.length / 2; h > 0; h /= 2) {
            for (int l = 0; l < h; l++) {
                p[l] += p[l + h];
            }
        }
        return p[0];
    }

    /** The same as {@link #fold(float[])} in double. */
    static double fold(double[] p) {
        for (int h = p.length / 2; h > 0; h /= 2) {
            for (int l = 0; l < h; l++) {
                p[l] += p[l + h];
            }
        }
        return p[0];
    }

    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float[] p = new float[F_SUM_LANES];
        int i = 0;
        for (; i + F_SUM_LANES <= n; i += F_SUM_LANES) {
            for (int l = 0; l < F_SUM_LANES; l++) {
                p[l] = Math.fma(a[aOff + i + l], b[bOff + i + l], p[l]);
            }
        }
        float s = fold(p);
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double[] p = new double[D_SUM_LANES];
        int i = 0;
        for (; i + D_SUM_LANES <= n; i += D_SUM_LANES) {
            for (int l = 0; l < D_SUM_LANES; l++) {
                p[l] = Math.fma(a[aOff + i + l], b[bOff + i + l], p[l]);
            }
        }
        double s = fold(p);
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    public static void scale(float[] a, int aOff, float s, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * s;
        }
    }

    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(x[xOff + i], alpha, y[yOff + i]);
        }
    }

    public static void relu(float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.max(a[aOff + i], 0f);
        }
    }

    public static float sum(float[] a, int aOff, int n) {
        float[] p = new float[F_SUM_LANES];
        int i = 0;
        for (; i + F_SUM_LANES <= n; i += F_SUM_LANES) {
            for (int l = 0; l < F_SUM_LANES; l++) {
                p[l] += a[aOff + i + l];
            }
        }
        float s = fold(p);
        for (; i < n; i++) {
            s += a[aOff + i];
        }
        return s;
    }

    public static void biasAct(float[] c, int cOff, int m, int n, float[] bias, int biasOff, boolean relu) {
        for (int r = 0; r < m; r++) {
            int row = cOff + r * n;
            for (int j = 0; j < n; j++) {
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
        for (int r = 0; r < m; r++) {
            int g = gOff + r * n, o = outOff + r * n, z = gzOff + r * n;
            for (int j = 0; j < n; j++) {
                float x = relu && !(out[o + j] > 0f) ? 0f : gradOut[g + j];
                gz[z + j] = x;
                if (gradBias != null) {
                    gradBias[gbOff + j] += x;
                }
            }
        }
    }

    /** Elements [from, n): their mask bits are written whole words at a time (from is a multiple of 64). */
    public static void dropoutForward(float[] x, int xOff, float[] out, int outOff, int n, long seed, long threshold,
                                      float scale, long[] mask, int from) {
        for (int w = from >>> 6; (long) w << 6 < n; w++) {
            long bits = 0;
            int base = w << 6, end = Math.min(64, n - base);
            for (int t = 0; t < end; t++) {
                boolean keep = DropoutKernel.keep(seed, base + t, threshold);
                bits |= (keep ? 1L : 0L) << t;
                out[outOff + base + t] = keep ? x[xOff + base + t] * scale : 0f;
            }
            mask[w] = bits;
        }
    }

    /** Elements [from, n). */
    public static void dropoutBackward(float[] g, int gOff, long[] mask, float scale, float[] out, int outOff, int n,
                                       int from) {
        for (int i = from; i < n; i++) {
            boolean keep = (mask[i >>> 6] >>> (i & 63) & 1L) != 0;
            out[outOff + i] = keep ? g[gOff + i] * scale : 0f;
        }
    }

    public static void softmaxCrossEntropyForward(int m, int n, float[] logits, int lOff, int[] labels, int labOff,
                                                  float[] loss, int lossOff, float[] probs, int pOff) {
        float[] partial = new float[F_SUM_LANES];
        for (int r = 0; r < m; r++) {
            int x = lOff + r * n, p = pOff + r * n, j;
            float max = Float.NEGATIVE_INFINITY;
            for (j = 0; j < n; j++) {
                max = Math.max(max, logits[x + j]);
            }
            java.util.Arrays.fill(partial, 0f);
            for (j = 0; j + F_SUM_LANES <= n; j += F_SUM_LANES) {
                for (int l = 0; l < F_SUM_LANES; l++) {
                    float e = Exp.exp(logits[x + j + l] - max);
                    probs[p + j + l] = e;
                    partial[l] += e;
                }
            }
            float sum = n >= F_SUM_LANES ? fold(partial) : 0f; // the same +0 as folding 16 zeros
            for (; j < n; j++) {
                float e = Exp.exp(logits[x + j] - max);
                probs[p + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (j = 0; j < n; j++) {
                probs[p + j] *= inv;
            }
            loss[lossOff + r] = (float) StrictMath.log(sum) - (logits[x + labels[labOff + r]] - max);
        }
    }

    public static void softmaxCrossEntropyBackward(int m, int n, float[] probs, int pOff, int[] labels, int labOff,
                                                   float[] gradLoss, int glOff, float[] dlogits, int dOff) {
        for (int r = 0; r < m; r++) {
            int p = pOff + r * n, d = dOff + r * n;
            float g = gradLoss[glOff + r];
            for (int j = 0; j < n; j++) {
                dlogits[d + j] = probs[p + j] * g;
            }
            int y = labels[labOff + r];
            dlogits[d + y] = (probs[p + y] - 1f) * g;
        }
    }

    public static void add(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    public static void sub(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    public static void mul(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    public static void scale(double[] a, int aOff, double s, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * s;
        }
    }

    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(x[xOff + i], alpha, y[yOff + i]);
        }
    }

    public static void relu(double[] a, int aOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.max(a[aOff + i], 0d);
        }
    }

    public static double sum(double[] a, int aOff, int n) {
        double[] p = new double[D_SUM_LANES];
        int i = 0;
        for (; i + D_SUM_LANES <= n; i += D_SUM_LANES) {
            for (int l = 0; l < D_SUM_LANES; l++) {
                p[l] += a[aOff + i + l];
            }
        }
        double s = fold(p);
        for (; i < n; i++) {
            s += a[aOff + i];
        }
        return s;
    }

    public static void biasAct(double[] c, int cOff, int m, int n, double[] bias, int biasOff, boolean relu) {
        for (int r = 0; r < m; r++) {
            int row = cOff + r * n;
            for (int j = 0; j < n; j++) {
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
        for (int r = 0; r < m; r++) {
            int g = gOff + r * n, o = outOff + r * n, z = gzOff + r * n;
            for (int j = 0; j < n; j++) {
                double x = relu && !(out[o + j] > 0d) ? 0d : gradOut[g + j];
                gz[z + j] = x;
                if (gradBias != null) {
                    gradBias[gbOff + j] += x;
                }
            }
        }
    }

    /** Elements [from, n): their mask bits are written whole words at a time (from is a multiple of 64). */
    public static void dropoutForward(double[] x, int xOff, double[] out, int outOff, int n, long seed, long threshold,
                                      double scale, long[] mask, int from) {
        for (int w = from >>> 6; (long) w << 6 < n; w++) {
            long bits = 0;
            int base = w << 6, end = Math.min(64, n - base);
            for (int t = 0; t < end; t++) {
                boolean keep = DropoutKernel.keep(seed, base + t, threshold);
                bits |= (keep ? 1L : 0L) << t;
                out[outOff + base + t] = keep ? x[xOff + base + t] * scale : 0d;
            }
            mask[w] = bits;
        }
    }

    /** Elements [from, n). */
    public static void dropoutBackward(double[] g, int gOff, long[] mask, double scale, double[] out, int outOff, int n,
                                       int from) {
        for (int i = from; i < n; i++) {
            boolean keep = (mask[i >>> 6] >>> (i & 63) & 1L) != 0;
            out[outOff + i] = keep ? g[gOff + i] * scale : 0d;
        }
    }

    public static void softmaxCrossEntropyForward(int m, int n, double[] logits, int lOff, int[] labels, int labOff,
                                                  double[] loss, int lossOff, double[] probs, int pOff) {
        double[] partial = new double[D_SUM_LANES];
        for (int r = 0; r < m; r++) {
            int x = lOff + r * n, p = pOff + r * n, j;
            double max = Double.NEGATIVE_INFINITY;
            for (j = 0; j < n; j++) {
                max = Math.max(max, logits[x + j]);
            }
            java.util.Arrays.fill(partial, 0d);
            for (j = 0; j + D_SUM_LANES <= n; j += D_SUM_LANES) {
                for (int l = 0; l < D_SUM_LANES; l++) {
                    double e = Exp.exp(logits[x + j + l] - max);
                    probs[p + j + l] = e;
                    partial[l] += e;
                }
            }
            double sum = n >= D_SUM_LANES ? fold(partial) : 0d; // the same +0 as folding 8 zeros
            for (; j < n; j++) {
                double e = Exp.exp(logits[x + j] - max);
                probs[p + j] = e;
                sum += e;
            }
            double inv = 1d / sum;
            for (j = 0; j < n; j++) {
                probs[p + j] *= inv;
            }
            loss[lossOff + r] = StrictMath.log(sum) - (logits[x + labels[labOff + r]] - max);
        }
    }

    public static void softmaxCrossEntropyBackward(int m, int n, double[] probs, int pOff, int[] labels, int labOff,
                                                   double[] gradLoss, int glOff, double[] dlogits, int dOff) {
        for (int r = 0; r < m; r++) {
            int p = pOff + r * n, d = dOff + r * n;
            double g = gradLoss[glOff + r];
            for (int j = 0; j < n; j++) {
                dlogits[d + j] = probs[p + j] * g;
            }
            int y = labels[labOff + r];
            dlogits[d + y] = (probs[p + y] - 1d) * g;
        }
    }

    public static void unsignedBytesToFloat(byte[] src, int srcOff, float[] dst, int dstOff, int n, float divisor) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = (src[srcOff + i] & 0xFF) / divisor;
        }
    }

    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Exp.exp(x[xOff + i]);
        }
    }

    public static void exp(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Exp.exp(x[xOff + i]);
        }
    }

    /** The twin of {@link VectorKernels#sigmoid}: the same operations, so the same bits. */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = 1f / (1f + Exp.exp(-x[xOff + i]));
        }
    }

    /** The twin of {@link VectorKernels#sigmoidBackward}. */
    public static void sigmoidBackward(float[] g, int gOff, float[] s, int sOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = s[sOff + i];
            out[outOff + i] = g[gOff + i] * (v * (1f - v));
        }
    }
}
