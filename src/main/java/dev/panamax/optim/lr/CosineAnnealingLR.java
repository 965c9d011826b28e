// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import dev.panamax.optim.Optimizer;
import java.util.Map;

/**
 * Cosine annealing from each group's initial rate down to etaMin over tMax epochs, then back up, and
 * so on ({@code torch.optim.lr_scheduler.CosineAnnealingLR}, without restarts):
 * lr(t) = etaMin + (base - etaMin) * (1 + cos(pi * t / tMax)) / 2, computed step by step as PyTorch does.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax must be at least 1, got " + tMax);
        }
        this.tMax = tMax;
        this.etaMin = atLeast0("CosineAnnealingLR", "etaMin", etaMin);
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lr = currentLrs();
        if (lastEpoch == 0) {
            return lr;
        }
        for (int i = 0; i < lr.length; i++) {
            if (stepCount == 1 && lastEpoch > 0) {
                lr[i] = etaMin + (baseLrs[i] - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2;
            } else if ((lastEpoch - 1 - tMax) % (2 * tMax) == 0) {
                lr[i] = lr[i] + (baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            } else {
                lr[i] = (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                        * (lr[i] - etaMin) + etaMin;
            }
        }
        return lr;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lr = new double[baseLrs.length];
        for (int i = 0; i < lr.length; i++) {
            lr[i] = etaMin + (baseLrs[i] - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2;
        }
        return lr;
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("T_max", tMax, "eta_min", etaMin);
    }
}
