// SPDX-License-Identifier: Apache-2.0
/**
 * Data for training: the IDX files of MNIST and Fashion-MNIST ({@link dev.panamax.data.Idx}), the
 * Fashion-MNIST data set found on disk or downloaded and checked
 * ({@link dev.panamax.data.FashionMnist}), minibatches ({@link dev.panamax.data.DataLoader}), the
 * book's synthetic linear-regression data, and tabular data: CSV files read as pandas types them
 * ({@link dev.panamax.data.Csv}), the book's preprocessing ({@link dev.panamax.data.Table}) and
 * k-fold splits ({@link dev.panamax.data.KFold}).
 *
 * <p>Depends on {@code dev.panamax} only; knows nothing of models or training.
 */
package dev.panamax.data;
