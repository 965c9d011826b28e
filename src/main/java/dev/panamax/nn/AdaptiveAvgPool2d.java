// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;

/** Adaptive average pooling to a fixed output size ({@code nn.AdaptiveAvgPool2d}); see {@link Functional#adaptiveAvgPool2d}. */
public class AdaptiveAvgPool2d extends Module {
    private final int outH;
    private final int outW;
    private final boolean square;

    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize, true);
    }

    public AdaptiveAvgPool2d(int outH, int outW) {
        this(outH, outW, false);
    }

    private AdaptiveAvgPool2d(int outH, int outW, boolean square) {
        if (outH < 0 || outW < 0) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output size (" + outH + ", " + outW + ") must be non-negative");
        }
        this.outH = outH;
        this.outW = outW;
        this.square = square;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.adaptiveAvgPool2d(x, outH, outW);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + (square ? Integer.toString(outH) : "(" + outH + ", " + outW + ")");
    }
}
