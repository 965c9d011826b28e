// SPDX-License-Identifier: Apache-2.0
/**
 * Layers, initialisation and losses, as {@code torch.nn}: {@link dev.panamax.nn.Module} and its
 * layers ({@link dev.panamax.nn.Linear}, {@link dev.panamax.nn.Sequential},
 * {@link dev.panamax.nn.Flatten}, {@link dev.panamax.nn.ReLU}, {@link dev.panamax.nn.Sigmoid},
 * {@link dev.panamax.nn.Tanh}, {@link dev.panamax.nn.Dropout}), {@link dev.panamax.nn.Init}, and the
 * losses {@link dev.panamax.nn.CrossEntropyLoss}, {@link dev.panamax.nn.MSELoss} and the book's
 * {@link dev.panamax.nn.Functional#squaredLoss}; gradient clipping in {@link dev.panamax.nn.Utils}. The arithmetic of the layers and losses lives in
 * {@link dev.panamax.nn.Functional}, one recorded op each, so fused kernels plug in there. Nothing
 * here touches files.
 */
package dev.panamax.nn;
