// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

/**
 * The convolution entry points the ops call: one method per pass, float and double, dispatching
 * per shape and instruction set. Arrays are contiguous NCHW from offset 0, shaped as
 * {@link ConvGeometry} says; the caller has checked the geometry and the array lengths.
 */
public final class Conv2dKernels {
    private Conv2dKernels() {}

    /** y = x (*) w + bias. Modified: y [N, K, OH, OW], overwritten. Not modified: x, w, bias (may be null). */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        ScalarConv.forward(g, x, w, bias, y);
    }

    /** gx = dL/dx given gy = dL/dy and w. Modified: gx [N, C, H, W], overwritten. Not modified: gy, w. */
    public static void backwardInput(ConvGeometry g, float[] gy, float[] w, float[] gx) {
        ScalarConv.backwardInput(g, gy, w, gx);
    }

    /**
     * gw += dL/dw and gb += sum of gy over batch and pixels. Modified: gw [K, C/groups, KH, KW] and gb
     * [K] (may be null), accumulated into, so a leaf's existing gradient takes the sum directly.
     * Not modified: x, gy.
     */
    public static void backwardWeight(ConvGeometry g, float[] x, float[] gy, float[] gw, float[] gb) {
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
