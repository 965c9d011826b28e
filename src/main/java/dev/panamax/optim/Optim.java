// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import java.util.List;

/** The book's from-scratch optimizer helpers. */
public final class Optim {
    private Optim() {}

    /**
     * The book's minibatch SGD: for each param, param -= lr * param.grad / batchSize, then the
     * gradient is zeroed (the loss was summed over the batch, hence the division).
     *
     * @param params Modified (values and gradients)
     * @throws IllegalStateException when a parameter has no gradient (backward not called)
     */
    public static void sgd(List<Tensor> params, double lr, int batchSize) {
        try (Autograd.Scope _ = Autograd.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                if (p.grad() == null) {
                    throw new IllegalStateException("sgd: parameter " + i + " of shape " + Shape.str(p.shape())
                            + " has no gradient: call backward() on a loss that uses it first");
                }
                p.add_(p.grad(), -lr / batchSize);
                p.grad().zero_();
            }
        }
    }
}
