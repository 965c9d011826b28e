// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Generator;
import dev.panamax.Tensor;

/**
 * Inverted dropout ({@code nn.Dropout}): in training mode zeroes each element with probability p
 * and scales the rest by 1 / (1 - p); in evaluation mode the identity. See
 * {@link Functional#dropout}.
 */
public class Dropout extends Module {
    private final double p;
    private final Generator gen;

    public Dropout(double p) {
        this(p, null);
    }

    /**
     * Zeroes each element with probability p in training mode and scales the rest by 1 / (1 - p).
     *
     * @param gen source of the masks, or null for the global generator at each call
     */
    public Dropout(double p, Generator gen) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability has to be between 0 and 1, but got " + p);
        }
        this.p = p;
        this.gen = gen;
    }

    public final double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.dropout(x, p, isTraining(), gen == null ? Generator.global() : gen);
    }

    @Override
    protected String extraRepr() {
        return "p=" + pyFloat(p) + ", inplace=False";
    }
}
