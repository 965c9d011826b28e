// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.Tensor;
import java.util.List;

/**
 * AdamW ({@code torch.optim.AdamW}, PyTorch 1.13's rule): {@link Adam} with the weight decay
 * decoupled from the gradient. Each step first shrinks the parameter, p = p * (1 - lr * weightDecay),
 * then takes Adam's step with no L2 term. The default weight decay is 1e-2, as PyTorch's.
 */
public final class AdamW extends Adam {
    /** One group with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 1e-2. */
    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    /** One group with every option but maximize. */
    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super("AdamW", true, defaults(lr, beta1, beta2, eps, weightDecay, amsgrad), group(params));
    }

    /** Several groups; options a group leaves unset take lr and PyTorch's defaults. */
    public AdamW(double lr, ParamGroup... groups) {
        super("AdamW", true, defaults(lr, 0.9, 0.999, 1e-8, 1e-2, false), groups);
    }
}
