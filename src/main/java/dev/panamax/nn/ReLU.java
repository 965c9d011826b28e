// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;

/** Elementwise max(x, 0) ({@code nn.ReLU}). */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
