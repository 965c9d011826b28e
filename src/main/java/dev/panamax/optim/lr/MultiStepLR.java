// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import dev.panamax.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multiplies each group's rate by gamma at each milestone epoch ({@code torch.optim.lr_scheduler.MultiStepLR}).
 * The milestones must be increasing.
 */
public final class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        this.milestones = increasing("MultiStepLR", milestones);
        this.gamma = atLeast0("MultiStepLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lr = currentLrs();
        if (java.util.Arrays.binarySearch(milestones, lastEpoch) < 0) {
            return lr;
        }
        for (int i = 0; i < lr.length; i++) {
            lr[i] = lr[i] * Math.pow(gamma, 1);
        }
        return lr;
    }

    @Override
    protected double[] closedFormLr() {
        int passed = 0;
        while (passed < milestones.length && milestones[passed] <= lastEpoch) {
            passed++;
        }
        double[] lr = baseLrs.clone();
        for (int i = 0; i < lr.length; i++) {
            lr[i] = lr[i] * Math.pow(gamma, passed);
        }
        return lr;
    }

    @Override
    protected Map<String, Object> settings() {
        List<Integer> m = new ArrayList<>();
        for (int v : milestones) {
            m.add(v);
        }
        return Map.of("milestones", m, "gamma", gamma);
    }
}
