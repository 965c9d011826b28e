// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import dev.panamax.optim.Optimizer;
import dev.panamax.optim.ParamGroup;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 1cycle policy ({@code torch.optim.lr_scheduler.OneCycleLR}), stepped once per batch: the rate
 * rises from maxLr / divFactor to maxLr over the first pctStart of totalSteps, then falls to
 * maxLr / divFactor / finalDivFactor; with cycleMomentum the momentum (or Adam's beta1) moves the
 * other way between maxMomentum and baseMomentum. Annealing is cosine or linear.
 */
public final class OneCycleLR extends LRScheduler {
    /** The settings, PyTorch's defaults but for maxLr and totalSteps. */
    public record Options(double maxLr, int totalSteps, double pctStart, boolean cosine, boolean cycleMomentum,
            double baseMomentum, double maxMomentum, double divFactor, double finalDivFactor, boolean threePhase) {
        public static Options of(double maxLr, int totalSteps) {
            return new Options(maxLr, totalSteps, 0.3, true, true, 0.85, 0.95, 25, 1e4, false);
        }

        public Options pctStart(double v) {
            return new Options(maxLr, totalSteps, v, cosine, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        public Options linear() {
            return new Options(maxLr, totalSteps, pctStart, false, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        public Options cycleMomentum(boolean v) {
            return new Options(maxLr, totalSteps, pctStart, cosine, v, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        public Options momentum(double base, double max) {
            return new Options(maxLr, totalSteps, pctStart, cosine, cycleMomentum, base, max, divFactor, finalDivFactor, threePhase);
        }

        public Options divFactors(double div, double finalDiv) {
            return new Options(maxLr, totalSteps, pctStart, cosine, cycleMomentum, baseMomentum, maxMomentum, div, finalDiv, threePhase);
        }

        public Options threePhase(boolean v) {
            return new Options(maxLr, totalSteps, pctStart, cosine, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, v);
        }
    }

    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {}

    private final Options o;
    private final Phase[] phases;
    private final boolean useBeta1;

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, Options.of(maxLr, totalSteps));
    }

    public OneCycleLR(Optimizer optimizer, Options o) {
        super(prepare(optimizer, o));
        this.o = o;
        this.useBeta1 = optimizer.defaults().containsKey("betas");
        double t = o.totalSteps();
        phases = o.threePhase()
                ? new Phase[] {
                    new Phase(o.pctStart() * t - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                    new Phase(2 * o.pctStart() * t - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                    new Phase(t - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum")}
                : new Phase[] {
                    new Phase(o.pctStart() * t - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                    new Phase(t - 1, "max_lr", "min_lr", "base_momentum", "max_momentum")};
        initialStep();
    }

    /** Checks the options and writes PyTorch's per-group values before the base constructor reads initial_lr. */
    private static Optimizer prepare(Optimizer optimizer, Options o) {
        if (o.totalSteps() < 1) {
            throw new IllegalArgumentException("OneCycleLR: totalSteps must be at least 1, got " + o.totalSteps());
        }
        if (!(o.pctStart() >= 0 && o.pctStart() <= 1)) {
            throw new IllegalArgumentException("OneCycleLR: pctStart must be in [0, 1], got " + o.pctStart());
        }
        LRScheduler.atLeast0("OneCycleLR", "maxLr", o.maxLr());
        boolean hasMomentum = optimizer.defaults().containsKey("momentum"), hasBetas = optimizer.defaults().containsKey("betas");
        if (o.cycleMomentum() && !hasMomentum && !hasBetas) {
            throw new IllegalArgumentException("OneCycleLR: " + optimizer.name()
                    + " has no momentum or betas to cycle; pass cycleMomentum(false)");
        }
        for (ParamGroup g : optimizer.paramGroups()) {
            g.scheduleValue("initial_lr", o.maxLr() / o.divFactor());
            g.scheduleValue("max_lr", o.maxLr());
            g.scheduleValue("min_lr", g.scheduleValue("initial_lr") / o.finalDivFactor());
            if (o.cycleMomentum()) {
                setMomentum(g, hasBetas, o.maxMomentum());
                g.scheduleValue("max_momentum", o.maxMomentum());
                g.scheduleValue("base_momentum", o.baseMomentum());
            }
        }
        return optimizer;
    }

    private static void setMomentum(ParamGroup g, boolean beta1, double m) {
        if (beta1) {
            g.betas(m, g.betas()[1]);
        } else {
            g.momentum(m);
        }
    }

    private double anneal(double start, double end, double pct) {
        if (o.cosine()) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    @Override
    protected double[] getLr() {
        if (lastEpoch > o.totalSteps()) {
            throw new IllegalStateException("OneCycleLR: tried to step " + (lastEpoch + 1) + " times; totalSteps is "
                    + o.totalSteps());
        }
        double[] lrs = new double[groups.size()];
        for (int gi = 0; gi < lrs.length; gi++) {
            ParamGroup g = groups.get(gi);
            double start = 0, lr = 0, momentum = 0;
            for (int i = 0; i < phases.length; i++) {
                Phase ph = phases[i];
                if (lastEpoch <= ph.endStep() || i == phases.length - 1) {
                    double pct = (lastEpoch - start) / (ph.endStep() - start);
                    lr = anneal(g.scheduleValue(ph.startLr()), g.scheduleValue(ph.endLr()), pct);
                    if (o.cycleMomentum()) {
                        momentum = anneal(g.scheduleValue(ph.startMomentum()), g.scheduleValue(ph.endMomentum()), pct);
                    }
                    break;
                }
                start = ph.endStep();
            }
            lrs[gi] = lr;
            if (o.cycleMomentum()) {
                setMomentum(g, useBeta1, momentum);
            }
        }
        return lrs;
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("total_steps", o.totalSteps());
        s.put("max_lr", o.maxLr());
        s.put("pct_start", o.pctStart());
        s.put("anneal_strategy", o.cosine() ? "cos" : "linear");
        s.put("cycle_momentum", o.cycleMomentum());
        s.put("three_phase", o.threePhase());
        return s;
    }
}
