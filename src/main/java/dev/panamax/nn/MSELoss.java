// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;

/** (input - target)^2, reduced ({@code nn.MSELoss}); see {@link Functional#mseLoss}. */
public final class MSELoss implements Loss {
    private final Reduction reduction;

    /** With {@link Reduction#MEAN}, PyTorch's default. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        this.reduction = reduction;
    }

    public Reduction reduction() {
        return reduction;
    }

    @Override
    public Tensor apply(Tensor input, Tensor target) {
        return Functional.mseLoss(input, target, reduction);
    }

    @Override
    public String toString() {
        return "MSELoss()";
    }
}
