// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import dev.panamax.data.DataLoader.Batch;
import java.util.function.UnaryOperator;

/**
 * A figure of a model on a data set, measured by {@link Trainer} after each epoch on the training
 * and the test data (e.g. the book's log-RMSE of section 4.10). Called without a graph and, for a
 * module, in eval mode.
 */
@FunctionalInterface
public interface Metric {
    /**
     * The figure of net on data.
     *
     * @param data Not modified; iterated once
     */
    double apply(UnaryOperator<Tensor> net, Iterable<Batch> data);

    /**
     * The book's {@code log_rmse}: the square root of the mean of {@code (log(max(yHat, 1)) -
     * log(y))^2} over every prediction of data, the predictions clamped at 1 so the logarithm is
     * finite. Targets with as many elements as the output are reshaped to it.
     */
    static Metric logRmse() {
        return (net, data) -> {
            double sum = 0;
            long n = 0;
            try (Autograd.Scope _ = Autograd.noGrad()) {
                for (Batch b : data) {
                    Tensor out = net.apply(b.x());
                    Tensor y = b.y().numel() == out.numel() ? b.y().reshape(out.shape()) : b.y();
                    Tensor d = out.clamp(1, Double.POSITIVE_INFINITY).log().sub(y.log());
                    sum += d.mul(d).sum().item();
                    n += d.numel();
                }
            }
            return Math.sqrt(sum / n);
        };
    }
}
