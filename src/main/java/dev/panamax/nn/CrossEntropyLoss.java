// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;

/**
 * Softmax cross-entropy against class indices ({@code nn.CrossEntropyLoss}), stable for large
 * logits; see {@link Functional#crossEntropy}.
 */
public final class CrossEntropyLoss implements Loss {
    private final Reduction reduction;

    /** With {@link Reduction#MEAN}, PyTorch's default. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    public CrossEntropyLoss(Reduction reduction) {
        this.reduction = reduction;
    }

    public Reduction reduction() {
        return reduction;
    }

    /** @param logits [N, C]; @param labels [N] class indices stored as whole numbers */
    @Override
    public Tensor apply(Tensor logits, Tensor labels) {
        return Functional.crossEntropy(logits, labels, reduction);
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss()";
    }
}
