// SPDX-License-Identifier: Apache-2.0
/**
 * Optimizers, as {@code torch.optim}: {@link dev.panamax.optim.SGD} with parameter groups, and the
 * book's from-scratch {@link dev.panamax.optim.Optim#sgd}.
 */
package dev.panamax.optim;
