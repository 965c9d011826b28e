// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import dev.panamax.optim.Optimizer;
import java.util.Map;

/** Multiplies each group's rate by gamma every epoch ({@code torch.optim.lr_scheduler.ExponentialLR}). */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = atLeast0("ExponentialLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lr = currentLrs();
        if (lastEpoch == 0) {
            return lr;
        }
        return times(lr, gamma);
    }

    @Override
    protected double[] closedFormLr() {
        double[] lr = baseLrs.clone();
        for (int i = 0; i < lr.length; i++) {
            lr[i] = lr[i] * Math.pow(gamma, lastEpoch);
        }
        return lr;
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("gamma", gamma);
    }
}
