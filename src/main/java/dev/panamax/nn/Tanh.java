// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;

/** Elementwise tanh(x) ({@code nn.Tanh}). */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
