// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;

/**
 * A loss: predictions and targets in, a tensor of losses out (per example for
 * {@link Reduction#NONE}, else 0-dim). Lambdas fit: {@code Loss l = Functional::squaredLoss}.
 */
@FunctionalInterface
public interface Loss {
    /** Not modified: input, target. */
    Tensor apply(Tensor input, Tensor target);
}
