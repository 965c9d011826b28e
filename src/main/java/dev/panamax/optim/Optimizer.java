// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

/** Updates parameters from their gradients ({@code torch.optim.Optimizer}). */
public interface Optimizer {
    /** One update of every parameter that has a gradient. Modified: the parameters (and any state). */
    void step();

    /** Zeroes every parameter's gradient in place. Modified: the gradients. */
    void zeroGrad();
}
