// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

import dev.panamax.kernel.Simd;

/**
 * The convolution entry points the ops call: one method per pass, float and double, dispatching
 * per shape and instruction set. Arrays are contiguous NCHW from offset 0, shaped as
 * {@link ConvGeometry} says; the caller has checked the geometry and the array lengths.
 *
 * <p>float with the Vector API on: stride 1 (any padding, dilation, groups) runs the direct kernels
 * of {@code VectorConv} on the java GEMM's threads, each element the same sequence of operations as
 * in {@link ScalarConv}, so the same bits on any thread count, vector width or path; other strides,
 * a weight gradient with dilated columns or more than two vectors of channels per group, double, and
 * the scalar path ({@code -Dpanamax.vectorBitSize=0}) run {@link ScalarConv}.
 */
public final class Conv2dKernels {
    private Conv2dKernels() {}

    /** y = x (*) w + bias. Modified: y [N, K, OH, OW], overwritten. Not modified: x, w, bias (may be null). */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        forward(g, x, w, bias, y, Activation.NONE);
    }

    /**
     * y = act(x (*) w + bias), the activation applied in the store while the output is in cache.
     * Modified: y [N, K, OH, OW], overwritten. Not modified: x, w, bias (may be null).
     */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, Activation act) {
        if (g.batch() == 0 || g.outChannels() == 0) {
            return;
        }
        if (Simd.ENABLED && VectorConv.fits(g)) {
            VectorConv.forward(g, x, w, bias, y, act);
            return;
        }
        ScalarConv.forward(g, x, w, bias, y);
        if (act != Activation.NONE) {
            for (int i = 0; i < y.length; i++) {
                y[i] = act.apply(y[i]);
            }
        }
    }

    /** gx = dL/dx given gy = dL/dy and w. Modified: gx [N, C, H, W], overwritten. Not modified: gy, w. */
    public static void backwardInput(ConvGeometry g, float[] gy, float[] w, float[] gx) {
        if (Simd.ENABLED && VectorConv.fitsInput(g) && g.batch() > 0 && g.outChannels() > 0 && g.inChannels() > 0) {
            VectorConv.backwardInput(g, gy, w, gx);
            return;
        }
        ScalarConv.backwardInput(g, gy, w, gx);
    }

    /**
     * gw += dL/dw and gb += sum of gy over batch and pixels. Modified: gw [K, C/groups, KH, KW] and gb
     * [K] (may be null), accumulated into, so a leaf's existing gradient takes the sum directly.
     * Not modified: x, gy.
     */
    public static void backwardWeight(ConvGeometry g, float[] x, float[] gy, float[] gw, float[] gb) {
        if (Simd.ENABLED && VectorConv.fitsWeight(g) && g.batch() > 0 && g.outChannels() > 0 && g.inChannels() > 0) {
            VectorConv.backwardWeight(g, x, gy, gw, gb);
            return;
        }
        ScalarConv.backwardWeight(g, x, gy, gw, gb);
    }

    /** The same as {@link #forward(ConvGeometry, float[], float[], float[], float[])} in double. */
    public static void forward(ConvGeometry g, double[] x, double[] w, double[] bias, double[] y) {
        ScalarConv.forward(g, x, w, bias, y);
    }

    /** The same as {@link #backwardInput(ConvGeometry, float[], float[], float[])} in double. */
    public static void backwardInput(ConvGeometry g, double[] gy, double[] w, double[] gx) {
        ScalarConv.backwardInput(g, gy, w, gx);
    }

    /** The same as {@link #backwardWeight(ConvGeometry, float[], float[], float[], float[])} in double. */
    public static void backwardWeight(ConvGeometry g, double[] x, double[] gy, double[] gw, double[] gb) {
        ScalarConv.backwardWeight(g, x, gy, gw, gb);
    }
}
