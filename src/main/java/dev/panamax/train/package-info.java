// SPDX-License-Identifier: Apache-2.0
/**
 * The training loop of the book's chapter 3 and 4 helpers: {@link dev.panamax.train.Trainer}
 * ({@code train_ch3}, {@code evaluate_accuracy}, {@code evaluate_loss}, {@code predict_ch3}), its
 * {@link dev.panamax.train.History}, the {@link dev.panamax.train.Metric}s it measures beside the
 * loss (the book's log-RMSE), the {@link dev.panamax.train.Progress} bar, and the charts
 * ({@link dev.panamax.train.Animator}, {@link dev.panamax.train.Charts#plot}) drawn with XChart when
 * it is on the class path.
 */
package dev.panamax.train;
