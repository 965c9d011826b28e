// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import dev.panamax.optim.Optimizer;
import dev.panamax.optim.ParamGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the learning rate by factor when a metric has stopped improving for more than patience
 * epochs ({@code torch.optim.lr_scheduler.ReduceLROnPlateau}); call {@link #step(double)} with the
 * metric after each epoch. Improvement is relative (threshold 1e-4 by default) or absolute; after a
 * cut, cooldown epochs pass before bad epochs count again; no rate goes below minLr, and a cut
 * smaller than eps is skipped.
 */
public final class ReduceLROnPlateau implements Scheduler {
    /** The settings; {@link #defaults()} gives PyTorch's. */
    public record Options(boolean max, double factor, int patience, double threshold, boolean relative, int cooldown,
            double minLr, double eps) {
        /** mode min, factor 0.1, patience 10, threshold 1e-4 relative, no cooldown, minLr 0, eps 1e-8. */
        public static Options defaults() {
            return new Options(false, 0.1, 10, 1e-4, true, 0, 0, 1e-8);
        }

        public Options mode(String mode) {
            if (!mode.equals("min") && !mode.equals("max")) {
                throw new IllegalArgumentException("ReduceLROnPlateau: mode " + mode + " is unknown (expected min or max)");
            }
            return new Options(mode.equals("max"), factor, patience, threshold, relative, cooldown, minLr, eps);
        }

        public Options factor(double v) {
            return new Options(max, v, patience, threshold, relative, cooldown, minLr, eps);
        }

        public Options patience(int v) {
            return new Options(max, factor, v, threshold, relative, cooldown, minLr, eps);
        }

        public Options threshold(double v, boolean rel) {
            return new Options(max, factor, patience, v, rel, cooldown, minLr, eps);
        }

        public Options cooldown(int v) {
            return new Options(max, factor, patience, threshold, relative, v, minLr, eps);
        }

        public Options minLr(double v) {
            return new Options(max, factor, patience, threshold, relative, cooldown, v, eps);
        }
    }

    private final Optimizer optimizer;
    private final Options o;
    private double best;
    private int numBadEpochs, cooldownCounter, lastEpoch;
    private List<Double> lastLr;

    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, Options.defaults());
    }

    public ReduceLROnPlateau(Optimizer optimizer, Options o) {
        if (!(o.factor() < 1.0) || !(o.factor() >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in [0, 1), got " + o.factor());
        }
        if (o.patience() < 0 || o.cooldown() < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau: patience and cooldown must be >= 0, got "
                    + o.patience() + " and " + o.cooldown());
        }
        LRScheduler.atLeast0("ReduceLROnPlateau", "minLr", o.minLr());
        this.optimizer = optimizer;
        this.o = o;
        best = o.max() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        lastLr = current();
    }

    private List<Double> current() {
        List<Double> l = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            l.add(g.lr());
        }
        return l;
    }

    private boolean isBetter(double a) {
        if (!o.max()) {
            return o.relative() ? a < best * (1. - o.threshold()) : a < best - o.threshold();
        }
        return o.relative() ? a > best * (o.threshold() + 1.) : a > best + o.threshold();
    }

    /** Takes an epoch's metric; cuts the groups' rates when it has not improved for more than patience epochs. */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > o.patience()) {
            for (ParamGroup g : optimizer.paramGroups()) {
                double old = g.lr(), next = Math.max(old * o.factor(), o.minLr());
                if (old - next > o.eps()) {
                    g.lr(next);
                }
            }
            cooldownCounter = o.cooldown();
            numBadEpochs = 0;
        }
        lastLr = current();
    }

    @Override
    public List<Double> getLastLr() {
        return new ArrayList<>(lastLr);
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", o.max() ? "max" : "min");
        s.put("factor", o.factor());
        s.put("patience", o.patience());
        s.put("threshold", o.threshold());
        s.put("threshold_mode", o.relative() ? "rel" : "abs");
        s.put("cooldown", o.cooldown());
        s.put("min_lr", o.minLr());
        s.put("eps", o.eps());
        s.put("best", best);
        s.put("num_bad_epochs", numBadEpochs);
        s.put("cooldown_counter", cooldownCounter);
        s.put("last_epoch", lastEpoch);
        s.put("_last_lr", new ArrayList<>(lastLr));
        return s;
    }

    @Override
    public void loadStateDict(Map<String, Object> state) {
        String where = "ReduceLROnPlateau.loadStateDict: ";
        Map<String, Object> mine = stateDict();
        for (String k : List.of("mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "eps")) {
            if (!LRScheduler.same(mine.get(k), state.get(k))) {
                throw new IllegalArgumentException(where + k + " is " + state.get(k) + " in the state, " + mine.get(k) + " here");
            }
        }
        if (!(state.get("best") instanceof Number b)) {
            throw new IllegalArgumentException(where + "best is " + state.get("best") + ", expected a number");
        }
        if (!(state.get("_last_lr") instanceof List<?> last) || last.size() != lastLr.size()) {
            throw new IllegalArgumentException(where + "_last_lr is " + state.get("_last_lr"));
        }
        int bad = LRScheduler.integer(where, state, "num_bad_epochs"), cool = LRScheduler.integer(where, state, "cooldown_counter");
        int epoch = LRScheduler.integer(where, state, "last_epoch");
        best = b.doubleValue();
        numBadEpochs = bad;
        cooldownCounter = cool;
        lastEpoch = epoch;
        List<Double> l = new ArrayList<>();
        for (Object v : last) {
            l.add(((Number) v).doubleValue());
        }
        lastLr = l;
    }
}
