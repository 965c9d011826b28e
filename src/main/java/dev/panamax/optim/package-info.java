// SPDX-License-Identifier: Apache-2.0
/**
 * Optimizers, as {@code torch.optim} with PyTorch 1.13's update rules: {@link dev.panamax.optim.SGD},
 * {@link dev.panamax.optim.Adam}, {@link dev.panamax.optim.AdamW}, {@link dev.panamax.optim.RMSprop}
 * and {@link dev.panamax.optim.Adagrad}, all on one {@link dev.panamax.optim.ParamGroup} design and
 * the {@link dev.panamax.optim.Optimizer} base (state per parameter, state dicts); and the book's
 * from-scratch {@link dev.panamax.optim.Optim#sgd}.
 */
package dev.panamax.optim;
