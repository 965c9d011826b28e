// SPDX-License-Identifier: Apache-2.0
/**
 * Learning-rate schedules, as {@code torch.optim.lr_scheduler} in PyTorch 1.13: each changes the
 * {@code lr} of an optimizer's parameter groups from outside the optimizer. Making a schedule sets
 * the rate of epoch 0; {@link dev.panamax.optim.lr.LRScheduler#step()} follows
 * {@code optimizer.step()}. {@link dev.panamax.optim.lr.ReduceLROnPlateau} steps on a metric
 * instead. The rates are PyTorch's to the bit (the same operations in the same order; the cosine
 * is {@code Math.cos}).
 */
package dev.panamax.optim.lr;
