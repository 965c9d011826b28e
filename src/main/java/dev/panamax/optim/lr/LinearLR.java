// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import dev.panamax.optim.Optimizer;
import java.util.Map;

/**
 * Scales each group's initial rate by a factor going linearly from startFactor to endFactor over
 * totalIters epochs, then keeps it: a warm-up ({@code torch.optim.lr_scheduler.LinearLR}).
 */
public final class LinearLR extends LRScheduler {
    private final double startFactor, endFactor;
    private final int totalIters;

    /** PyTorch's defaults: from 1/3 to 1 over 5 epochs. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        if (!(startFactor >= 0 && startFactor <= 1) || !(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("LinearLR: factors must be in [0, 1], got "
                    + startFactor + " and " + endFactor);
        }
        if (totalIters < 1) {
            throw new IllegalArgumentException("LinearLR: totalIters must be at least 1, got " + totalIters);
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lr = currentLrs();
        for (int i = 0; i < lr.length; i++) {
            if (lastEpoch == 0) {
                lr[i] = lr[i] * startFactor;
            } else if (lastEpoch <= totalIters) {
                lr[i] = lr[i] * (1. + (endFactor - startFactor)
                        / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
            }
        }
        return lr;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lr = new double[baseLrs.length];
        for (int i = 0; i < lr.length; i++) {
            lr[i] = baseLrs[i] * (startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters);
        }
        return lr;
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("start_factor", startFactor, "end_factor", endFactor, "total_iters", totalIters);
    }
}
