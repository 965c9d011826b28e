// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;

/**
 * Average pooling ({@code nn.AvgPool2d}); see {@link Functional#avgPool2d(Tensor, int[], int[], int[], boolean, boolean)}.
 * The stride defaults to the kernel; padding is counted in the divisor unless {@code countIncludePad(false)}.
 */
public class AvgPool2d extends Module {
    private final int[] kernelSize;
    private int[] stride;
    private int[] padding = {0};
    private boolean ceilMode;
    private boolean countIncludePad = true;

    public AvgPool2d(int kernelSize) {
        this(new int[] {kernelSize});
    }

    public AvgPool2d(int kernelSize, int stride) {
        this(new int[] {kernelSize});
        stride(stride);
    }

    /** @param kernelSize one int or [kH, kW] */
    public AvgPool2d(int[] kernelSize) {
        this.kernelSize = PoolModules.checked("AvgPool2d", "kernel_size", kernelSize, 1);
        this.stride = this.kernelSize;
    }

    /** Whether this is a 2 x 2 window, stride 2, no padding, floor mode (LeNet's): what {@link Sequential} fuses. */
    final boolean is2x2() {
        return !ceilMode && all(kernelSize, 2) && all(stride, 2) && all(padding, 0);
    }

    private static boolean all(int[] v, int value) {
        for (int e : v) {
            if (e != value) {
                return false;
            }
        }
        return true;
    }

    /** Returns this. */
    public AvgPool2d stride(int... s) {
        stride = PoolModules.checked("AvgPool2d", "stride", s, 1);
        return this;
    }

    /** Returns this. */
    public AvgPool2d padding(int... p) {
        padding = PoolModules.checked("AvgPool2d", "padding", p, 0);
        return this;
    }

    /** Returns this. */
    public AvgPool2d ceilMode(boolean on) {
        ceilMode = on;
        return this;
    }

    /** Returns this. */
    public AvgPool2d countIncludePad(boolean on) {
        countIncludePad = on;
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.avgPool2d(x, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + PoolModules.repr(kernelSize) + ", stride=" + PoolModules.repr(stride) + ", padding="
                + PoolModules.repr(padding);
    }
}
