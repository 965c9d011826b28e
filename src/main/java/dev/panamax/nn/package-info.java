// SPDX-License-Identifier: Apache-2.0
/**
 * Layers, initialisation and losses, as {@code torch.nn}: {@link dev.panamax.nn.Module} and its
 * layers ({@link dev.panamax.nn.Linear}, {@link dev.panamax.nn.Sequential},
 * {@link dev.panamax.nn.Flatten}, {@link dev.panamax.nn.ReLU}, {@link dev.panamax.nn.Sigmoid},
 * {@link dev.panamax.nn.Tanh}, {@link dev.panamax.nn.Dropout}; for images {@link dev.panamax.nn.Conv2d},
 * {@link dev.panamax.nn.MaxPool2d}, {@link dev.panamax.nn.AvgPool2d},
 * {@link dev.panamax.nn.AdaptiveAvgPool2d}, {@link dev.panamax.nn.BatchNorm1d} and
 * {@link dev.panamax.nn.BatchNorm2d}), {@link dev.panamax.nn.Init}, and the
 * losses {@link dev.panamax.nn.CrossEntropyLoss}, {@link dev.panamax.nn.MSELoss} and the book's
 * {@link dev.panamax.nn.Functional#squaredLoss}. The arithmetic of the layers and losses lives in
 * {@link dev.panamax.nn.Functional}, one recorded op each, so fused kernels plug in there (the
 * convolution family is written in {@code ConvFunctional}, {@code PoolFunctional} and
 * {@code BatchNormFunctional} and offered through {@code Functional}). Nothing here touches files.
 */
package dev.panamax.nn;
