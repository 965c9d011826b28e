// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * Inverted dropout with the mask kept as bits: element i of a call is kept with probability 1 - p
 * and scaled by 1 / (1 - p), or set to 0.
 *
 * <p>Whether element i is kept is a pure function of (seed, i): a counter-based generator (the
 * SplitMix64 finaliser applied to seed + (i + 1) * golden ratio), compared against p * 2^53. So the
 * same seed gives the same mask whatever the thread count or the order of the work, and the vector
 * path (8 hashes per AVX-512 instruction) gives the same bits as the scalar one. The mask is a
 * {@code long[]} with element i at bit (i &amp; 63) of word i / 64: 32 times smaller than a float mask.
 *
 * <p>As in the chapter's {@code dropout_layer}: p = 0 keeps everything (out = x), p = 1 drops
 * everything (out = 0, never 0 * infinity).
 */
public final class DropoutKernel {
    static final long GOLDEN = 0x9E3779B97F4A7C15L;
    static final long MIX1 = 0xBF58476D1CE4E5B9L;
    static final long MIX2 = 0x94D049BB133111EBL;

    private DropoutKernel() {}

    /** Words of a mask for n elements. */
    public static int maskLength(int n) {
        return (n + 63) >>> 6;
    }

    /** The keep threshold for drop probability p: element kept when its 53-bit hash is at least this. */
    static long threshold(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: p must be in [0, 1], got " + p);
        }
        return (long) Math.ceil(p * 0x1p53);
    }

    /** Whether element i is kept for this seed and threshold; the definition the kernels implement. */
    static boolean keep(long seed, long i, long threshold) {
        long z = seed + (i + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        z ^= z >>> 31;
        return z >>> 11 >= threshold;
    }

    /** Whether element i is kept in a mask written by {@link #forward}. */
    public static boolean kept(long[] mask, int i) {
        return (mask[i >>> 6] >>> (i & 63) & 1L) != 0;
    }

    /**
     * out[i] = x[i] / (1 - p) if element i is kept for seed, else 0, for i in [0, n), and the keep
     * bits into mask (bits past n are 0). out may be x. Modified: out, mask. Not modified: x.
     *
     * @throws IllegalArgumentException if p is outside [0, 1] or mask is shorter than maskLength(n)
     */
    public static void forward(float[] x, int xOff, float[] out, int outOff, int n, double p, long seed, long[] mask) {
        long threshold = threshold(p);
        checkMask(mask, n);
        float scale = p == 1 ? 0f : (float) (1 / (1 - p));
        if (Simd.ENABLED) {
            VectorKernels.dropoutForward(x, xOff, out, outOff, n, seed, threshold, scale, mask);
        } else {
            ScalarKernels.dropoutForward(x, xOff, out, outOff, n, seed, threshold, scale, mask, 0);
        }
    }

    /** The same as {@link #forward(float[], int, float[], int, int, double, long, long[])} in double. */
    public static void forward(double[] x, int xOff, double[] out, int outOff, int n, double p, long seed, long[] mask) {
        long threshold = threshold(p);
        checkMask(mask, n);
        double scale = p == 1 ? 0d : 1 / (1 - p);
        if (Simd.ENABLED) {
            VectorKernels.dropoutForward(x, xOff, out, outOff, n, seed, threshold, scale, mask);
        } else {
            ScalarKernels.dropoutForward(x, xOff, out, outOff, n, seed, threshold, scale, mask, 0);
        }
    }

    /**
     * gradIn[i] = gradOut[i] / (1 - p) where mask keeps element i, else 0, for i in [0, n): the
     * mask of the forward call, p the same. gradIn may be gradOut. Modified: gradIn. Not modified:
     * gradOut, mask.
     */
    public static void backward(float[] gradOut, int gOff, long[] mask, double p, float[] gradIn, int giOff, int n) {
        threshold(p);
        checkMask(mask, n);
        float scale = p == 1 ? 0f : (float) (1 / (1 - p));
        if (Simd.ENABLED) {
            VectorKernels.dropoutBackward(gradOut, gOff, mask, scale, gradIn, giOff, n);
        } else {
            ScalarKernels.dropoutBackward(gradOut, gOff, mask, scale, gradIn, giOff, n, 0);
        }
    }

    /** The same as {@link #backward(float[], int, long[], double, float[], int, int)} in double. */
    public static void backward(double[] gradOut, int gOff, long[] mask, double p, double[] gradIn, int giOff, int n) {
        threshold(p);
        checkMask(mask, n);
        double scale = p == 1 ? 0d : 1 / (1 - p);
        if (Simd.ENABLED) {
            VectorKernels.dropoutBackward(gradOut, gOff, mask, scale, gradIn, giOff, n);
        } else {
            ScalarKernels.dropoutBackward(gradOut, gOff, mask, scale, gradIn, giOff, n, 0);
        }
    }

    private static void checkMask(long[] mask, int n) {
        if (n < 0 || mask.length < maskLength(n)) {
            throw new IllegalArgumentException("dropout: a mask for " + n + " elements needs " + maskLength(Math.max(n, 0))
                    + " longs, got " + mask.length);
        }
    }
}
