// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * Level-1 kernels over raw arrays: each call goes to the Vector API version when {@link Simd#ENABLED}
 * and to its scalar twin otherwise; both give the same bits, compiled or interpreted. Arguments are not checked here: callers (the tensor layer)
 * have validated shapes, offsets and lengths. Outputs may alias inputs at the same offset: every
 * element is read before it is written. The fused kernels live in {@link LinearKernel},
 * {@link DropoutKernel} and {@link SoftmaxCrossEntropyKernel}.
 */
public final class Kernels {
    private Kernels() {}

    /**
     * Returns sum of a[aOff + i] * b[bOff + i] for i in [0, n), by fma in the order of {@link #sum(float[], int, int)}.
     * Not modified: a, b.
     */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return Simd.ENABLED ? VectorKernels.dot(a, aOff, b, bOff, n) : ScalarKernels.dot(a, aOff, b, bOff, n);
    }

    /**
     * Returns sum of a[aOff + i] * b[bOff + i] for i in [0, n), by fma in the order of {@link #sum(double[], int, int)}.
     * Not modified: a, b.
     */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        return Simd.ENABLED ? VectorKernels.dot(a, aOff, b, bOff, n) : ScalarKernels.dot(a, aOff, b, bOff, n);
    }

    /** out[outOff + i] = a[aOff + i] + b[bOff + i] for i in [0, n). Modified: out (may be a or b). Not modified: a, b. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.add(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarKernels.add(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[outOff + i] = a[aOff + i] - b[bOff + i] for i in [0, n). Modified: out (may be a or b). Not modified: a, b. */
    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.sub(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarKernels.sub(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[outOff + i] = a[aOff + i] * b[bOff + i] for i in [0, n). Modified: out (may be a or b). Not modified: a, b. */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.mul(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarKernels.mul(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /**
     * Every element of a set to v; from 64K elements on, the java GEMM backend's threads each take a
     * range, as {@link #axpy} does, so zeroing a gradient that both wrote stays on their cores.
     * Modified: a.
     */
    public static void fill(float[] a, float v) {
        if (a.length >= Split.MIN) {
            Split.run(a.length, (from, to) -> java.util.Arrays.fill(a, from, to, v));
        } else {
            java.util.Arrays.fill(a, v);
        }
    }

    /** out[outOff + i] = a[aOff + i] * s for i in [0, n). Modified: out (may be a). Not modified: a. */
    public static void scale(float[] a, int aOff, float s, float[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.scale(a, aOff, s, out, outOff, n);
        } else {
            ScalarKernels.scale(a, aOff, s, out, outOff, n);
        }
    }

    /**
     * y[yOff + i] = fma(x[xOff + i], alpha, y[yOff + i]) for i in [0, n) (one rounding). From 64K
     * elements on, the java GEMM backend's threads each take a range (the same results). Modified:
     * y. Not modified: x.
     */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= Split.MIN) { // on 2 cores the MLP's optimizer step took 2.2-2.7 ms an epoch against 3.4
            Split.run(n, (from, to) -> axpyRange(alpha, x, xOff + from, y, yOff + from, to - from));
        } else {
            axpyRange(alpha, x, xOff, y, yOff, n);
        }
    }

    private static void axpyRange(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.axpy(alpha, x, xOff, y, yOff, n);
        } else {
            ScalarKernels.axpy(alpha, x, xOff, y, yOff, n);
        }
    }

    /** out[outOff + i] = max(a[aOff + i], 0) for i in [0, n) (NaN stays NaN). Modified: out (may be a). Not modified: a. */
    public static void relu(float[] a, int aOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.relu(a, aOff, out, outOff, n);
        } else {
            ScalarKernels.relu(a, aOff, out, outOff, n);
        }
    }

    /**
     * Returns the sum of a[aOff + i] for i in [0, n), in the order of {@link ScalarKernels} (16 partial sums, folded,
     * then the tail): the same bits on both paths and any vector width. Not modified: a.
     */
    public static float sum(float[] a, int aOff, int n) {
        return Simd.ENABLED ? VectorKernels.sum(a, aOff, n) : ScalarKernels.sum(a, aOff, n);
    }

    /** out[outOff + i] = a[aOff + i] + b[bOff + i] for i in [0, n). Modified: out (may be a or b). Not modified: a, b. */
    public static void add(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.add(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarKernels.add(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[outOff + i] = a[aOff + i] - b[bOff + i] for i in [0, n). Modified: out (may be a or b). Not modified: a, b. */
    public static void sub(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.sub(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarKernels.sub(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[outOff + i] = a[aOff + i] * b[bOff + i] for i in [0, n). Modified: out (may be a or b). Not modified: a, b. */
    public static void mul(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.mul(a, aOff, b, bOff, out, outOff, n);
        } else {
            ScalarKernels.mul(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** out[outOff + i] = a[aOff + i] * s for i in [0, n). Modified: out (may be a). Not modified: a. */
    public static void scale(double[] a, int aOff, double s, double[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.scale(a, aOff, s, out, outOff, n);
        } else {
            ScalarKernels.scale(a, aOff, s, out, outOff, n);
        }
    }

    /** y[yOff + i] = fma(x[xOff + i], alpha, y[yOff + i]) for i in [0, n) (one rounding). Modified: y. Not modified: x. */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.axpy(alpha, x, xOff, y, yOff, n);
        } else {
            ScalarKernels.axpy(alpha, x, xOff, y, yOff, n);
        }
    }

    /** out[outOff + i] = max(a[aOff + i], 0) for i in [0, n) (NaN stays NaN). Modified: out (may be a). Not modified: a. */
    public static void relu(double[] a, int aOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.relu(a, aOff, out, outOff, n);
        } else {
            ScalarKernels.relu(a, aOff, out, outOff, n);
        }
    }

    /**
     * Returns the sum of a[aOff + i] for i in [0, n), in the order of {@link ScalarKernels} (8 partial sums, folded,
     * then the tail): the same bits on both paths and any vector width. Not modified: a.
     */
    public static double sum(double[] a, int aOff, int n) {
        return Simd.ENABLED ? VectorKernels.sum(a, aOff, n) : ScalarKernels.sum(a, aOff, n);
    }

    /**
     * dst[dstOff + i] = (src[srcOff + i] &amp; 0xFF) / divisor for i in [0, n): unsigned bytes to floats
     * (pixels to [0, 1] with divisor 255, as torchvision's ToTensor). IEEE division in both paths, so
     * the vector and scalar results are identical. Modified: dst. Not modified: src.
     */
    public static void unsignedBytesToFloat(byte[] src, int srcOff, float[] dst, int dstOff, int n, float divisor) {
        if (Simd.ENABLED) {
            VectorKernels.unsignedBytesToFloat(src, srcOff, dst, dstOff, n, divisor);
        } else {
            ScalarKernels.unsignedBytesToFloat(src, srcOff, dst, dstOff, n, divisor);
        }
    }

    /** out[outOff + i] = {@link Exp#exp(float)} of x[xOff + i] for i in [0, n). Modified: out (may be x). Not modified: x. */
    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.exp(x, xOff, out, outOff, n);
        } else {
            ScalarKernels.exp(x, xOff, out, outOff, n);
        }
    }

    /** out[outOff + i] = {@link Exp#exp(double)} of x[xOff + i] for i in [0, n). Modified: out (may be x). Not modified: x. */
    public static void exp(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.exp(x, xOff, out, outOff, n);
        } else {
            ScalarKernels.exp(x, xOff, out, outOff, n);
        }
    }

    /**
     * out[outOff + i] = 1 / (1 + exp(-x[xOff + i])) for i in [0, n), exp as {@link Exp#exp(float)}:
     * the same bits on both paths and any thread count (from 64K elements the java GEMM backend's
     * threads each take a range, as {@link #axpy} does). Modified: out (may be x). Not modified: x.
     */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n >= Split.MIN) { // LeNet's first activation, 1.2M values a batch: each GEMM thread a range
            Split.run(n, (from, to) -> sigmoidRange(x, xOff + from, out, outOff + from, to - from));
        } else {
            sigmoidRange(x, xOff, out, outOff, n);
        }
    }

    private static void sigmoidRange(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.sigmoid(x, xOff, out, outOff, n);
        } else {
            ScalarKernels.sigmoid(x, xOff, out, outOff, n);
        }
    }

    /**
     * out[outOff + i] = g[gOff + i] * (s * (1 - s)) with s = s[sOff + i], the sigmoid's backward from its
     * output. Modified: out (may be g or s). Not modified: g, s.
     */
    public static void sigmoidBackward(float[] g, int gOff, float[] s, int sOff, float[] out, int outOff, int n) {
        if (n >= Split.MIN) {
            Split.run(n, (from, to) -> sigmoidBackwardRange(g, gOff + from, s, sOff + from, out, outOff + from, to - from));
        } else {
            sigmoidBackwardRange(g, gOff, s, sOff, out, outOff, n);
        }
    }

    private static void sigmoidBackwardRange(float[] g, int gOff, float[] s, int sOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            VectorKernels.sigmoidBackward(g, gOff, s, sOff, out, outOff, n);
        } else {
            ScalarKernels.sigmoidBackward(g, gOff, s, sOff, out, outOff, n);
        }
    }
}
