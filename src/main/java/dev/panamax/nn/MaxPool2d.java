// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;

/**
 * Max pooling ({@code nn.MaxPool2d}); see {@link Functional#maxPool2d(Tensor, int[], int[], int[], int[], boolean)}.
 * The stride defaults to the kernel: {@code new MaxPool2d(3).stride(2).padding(1)}.
 */
public class MaxPool2d extends Module {
    private final int[] kernelSize;
    private int[] stride;
    private int[] padding = {0};
    private int[] dilation = {1};
    private boolean ceilMode;

    public MaxPool2d(int kernelSize) {
        this(new int[] {kernelSize});
    }

    public MaxPool2d(int kernelSize, int stride) {
        this(new int[] {kernelSize});
        stride(stride);
    }

    /** @param kernelSize one int or [kH, kW] */
    public MaxPool2d(int[] kernelSize) {
        this.kernelSize = PoolModules.checked("MaxPool2d", "kernel_size", kernelSize, 1);
        this.stride = this.kernelSize;
    }

    /** Returns this. */
    public MaxPool2d stride(int... s) {
        stride = PoolModules.checked("MaxPool2d", "stride", s, 1);
        return this;
    }

    /** Returns this. */
    public MaxPool2d padding(int... p) {
        padding = PoolModules.checked("MaxPool2d", "padding", p, 0);
        return this;
    }

    /** Returns this. */
    public MaxPool2d dilation(int... d) {
        dilation = PoolModules.checked("MaxPool2d", "dilation", d, 1);
        return this;
    }

    /** Returns this. */
    public MaxPool2d ceilMode(boolean on) {
        ceilMode = on;
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.maxPool2d(x, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + PoolModules.repr(kernelSize) + ", stride=" + PoolModules.repr(stride) + ", padding="
                + PoolModules.repr(padding) + ", dilation=" + PoolModules.repr(dilation) + ", ceil_mode="
                + (ceilMode ? "True" : "False");
    }
}
