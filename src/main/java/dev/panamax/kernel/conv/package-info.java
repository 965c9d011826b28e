// SPDX-License-Identifier: Apache-2.0
/**
 * Convolution, pooling and batch-norm kernels over raw NCHW arrays (contiguous, offset 0); like
 * the rest of {@code dev.panamax.kernel} this knows nothing of {@link dev.panamax.Tensor}.
 *
 * <p>{@link dev.panamax.kernel.conv.ConvGeometry} and {@link dev.panamax.kernel.conv.PoolGeometry}
 * describe one call after the ops have checked it. The facades
 * {@link dev.panamax.kernel.conv.Conv2dKernels} (forward, input gradient, weight gradient),
 * {@link dev.panamax.kernel.conv.Pool2dKernels} and {@link dev.panamax.kernel.conv.BatchNormKernels}
 * are what the ops in {@code dev.panamax.nn} call; {@link dev.panamax.kernel.conv.ScalarConv} and
 * {@link dev.panamax.kernel.conv.ScalarPool} are the plain loops behind them and the references
 * faster kernels are tested against. Outputs and input gradients are overwritten; weight and bias
 * gradients are accumulated into, so an op adds straight into a parameter's grad buffer.
 */
package dev.panamax.kernel.conv;
