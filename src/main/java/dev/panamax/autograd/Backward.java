// SPDX-License-Identifier: Apache-2.0
package dev.panamax.autograd;

import dev.panamax.Tensor;

/**
 * The backward rule of one op: from the gradient of the op's output, the gradient of each input
 * in the order the inputs were recorded (null where an input needs none). Runs with grad mode off.
 */
@FunctionalInterface
public interface Backward {
    Tensor[] apply(Tensor gradOutput);
}
