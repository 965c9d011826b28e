// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import dev.panamax.optim.Optimizer;
import java.util.Map;

/** Multiplies each group's rate by gamma every stepSize epochs ({@code torch.optim.lr_scheduler.StepLR}). */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR: stepSize must be at least 1, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = atLeast0("StepLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lr = currentLrs();
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) {
            return lr;
        }
        return times(lr, gamma);
    }

    @Override
    protected double[] closedFormLr() {
        double[] lr = baseLrs.clone();
        for (int i = 0; i < lr.length; i++) {
            lr[i] = lr[i] * Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize));
        }
        return lr;
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("step_size", stepSize, "gamma", gamma);
    }
}
