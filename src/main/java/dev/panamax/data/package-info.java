// SPDX-License-Identifier: Apache-2.0
/**
 * Data for training: the IDX files of MNIST and Fashion-MNIST ({@link dev.panamax.data.Idx}), the
 * Fashion-MNIST data set found on disk or downloaded and checked
 * ({@link dev.panamax.data.FashionMnist}), minibatches ({@link dev.panamax.data.DataLoader}) and the
 * book's synthetic linear-regression data.
 *
 * <p>Depends on {@code dev.panamax} only; knows nothing of models or training.
 */
package dev.panamax.data;
