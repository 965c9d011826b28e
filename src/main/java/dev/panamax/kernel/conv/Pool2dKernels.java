// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

/**
 * The pooling entry points the ops call, float and double, dispatching per shape and instruction
 * set. Arrays are contiguous, [planes, H, W] from offset 0, planes = batch * channels; the caller
 * has checked the geometry.
 */
public final class Pool2dKernels {
    private Pool2dKernels() {}

    /**
     * Max over each window, padding as -inf; argmax gets each maximum's index within its plane (the
     * first on ties, the last NaN). Modified: y, argmax [planes, outH, outW], overwritten. Not
     * modified: x.
     */
    public static void maxForward(PoolGeometry g, float[] x, float[] y, int[] argmax) {
        ScalarPool.maxForward(g, x, y, argmax);
    }

    /**
     * gx = gy routed to the argmax of each window. Modified: gx [planes, inH, inW], overwritten. Not
     * modified: gy, argmax.
     */
    public static void maxBackward(PoolGeometry g, float[] gy, int[] argmax, float[] gx) {
        ScalarPool.maxBackward(g, gy, argmax, gx);
    }

    /**
     * Mean over each window with PyTorch's divisor (padding counted with countIncludePad, never
     * beyond the padded input). Modified: y [planes, outH, outW], overwritten. Not modified: x.
     */
    public static void avgForward(PoolGeometry g, float[] x, float[] y, boolean countIncludePad) {
        if (Pool2x2.fits(g)) {
            Pool2x2.avgForward(g, x, y);
            return;
        }
        ScalarPool.avgForward(g, x, y, countIncludePad);
    }

    /**
     * gx = gy spread evenly over each window. Modified: gx [planes, inH, inW], overwritten. Not
     * modified: gy.
     */
    public static void avgBackward(PoolGeometry g, float[] gy, float[] gx, boolean countIncludePad) {
        if (Pool2x2.fits(g)) {
            Pool2x2.avgBackward(g, gy, gx);
            return;
        }
        ScalarPool.avgBackward(g, gy, gx, countIncludePad);
    }

    /**
     * The gradient through a sigmoid then a 2 x 2, stride 2, unpadded average pooling, from the
     * sigmoid's output s [planes, inH, inW]: gz = (gy / 4) * (s (1 - s)) under each window, 0 where
     * no window reads. The same bits as {@link #avgBackward} then
     * {@link dev.panamax.kernel.Kernels#sigmoidBackward}, in one pass. Modified: gz, overwritten.
     * Not modified: gy, s.
     *
     * @throws IllegalArgumentException if g is not such a pooling
     */
    public static void avgBackwardSigmoid(PoolGeometry g, float[] gy, float[] s, float[] gz) {
        if (!Pool2x2.fits(g)) {
            throw new IllegalArgumentException("avgBackwardSigmoid: expected a 2 x 2, stride 2, unpadded pooling, got " + g);
        }
        Pool2x2.avgBackwardSigmoid(g, gy, s, gz);
    }

    /**
     * Adaptive mean: output (p, q) averages rows [floor(p inH / outH), ceil((p + 1) inH / outH)) and
     * the columns likewise. Modified: y [planes, outH, outW], overwritten. Not modified: x.
     */
    public static void adaptiveAvgForward(int planes, int inH, int inW, int outH, int outW, float[] x, float[] y) {
        ScalarPool.adaptiveAvgForward(planes, inH, inW, outH, outW, x, y);
    }

    /**
     * The transpose of adaptiveAvgForward. Modified: gx [planes, inH, inW], overwritten. Not
     * modified: gy.
     */
    public static void adaptiveAvgBackward(int planes, int inH, int inW, int outH, int outW, float[] gy, float[] gx) {
        ScalarPool.adaptiveAvgBackward(planes, inH, inW, outH, outW, gy, gx);
    }

    /** The same in double. */
    public static void maxForward(PoolGeometry g, double[] x, double[] y, int[] argmax) {
        ScalarPool.maxForward(g, x, y, argmax);
    }

    /** The same in double. */
    public static void maxBackward(PoolGeometry g, double[] gy, int[] argmax, double[] gx) {
        ScalarPool.maxBackward(g, gy, argmax, gx);
    }

    /** The same in double. */
    public static void avgForward(PoolGeometry g, double[] x, double[] y, boolean countIncludePad) {
        if (Pool2x2.fits(g)) {
            Pool2x2.avgForward(g, x, y);
            return;
        }
        ScalarPool.avgForward(g, x, y, countIncludePad);
    }

    /** The same in double. */
    public static void avgBackward(PoolGeometry g, double[] gy, double[] gx, boolean countIncludePad) {
        if (Pool2x2.fits(g)) {
            Pool2x2.avgBackward(g, gy, gx);
            return;
        }
        ScalarPool.avgBackward(g, gy, gx, countIncludePad);
    }

    /** The same in double. */
    public static void adaptiveAvgForward(int planes, int inH, int inW, int outH, int outW, double[] x, double[] y) {
        ScalarPool.adaptiveAvgForward(planes, inH, inW, outH, outW, x, y);
    }

    /** The same in double. */
    public static void adaptiveAvgBackward(int planes, int inH, int inW, int outH, int outW, double[] gy, double[] gx) {
        ScalarPool.adaptiveAvgBackward(planes, inH, inW, outH, outW, gy, gx);
    }
}
