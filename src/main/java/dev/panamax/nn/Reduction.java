// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

/** How a loss folds its per-example values: PyTorch's {@code reduction='none' | 'mean' | 'sum'}. */
public enum Reduction {
    /** One loss per example, in the shape of the batch. */
    NONE,
    /** The mean over all examples (a 0-dim tensor); NaN for an empty batch, as in PyTorch. */
    MEAN,
    /** The sum over all examples (a 0-dim tensor). */
    SUM
}
