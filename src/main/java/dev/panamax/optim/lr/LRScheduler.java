// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import dev.panamax.optim.Optimizer;
import dev.panamax.optim.ParamGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An epoch- or step-based schedule ({@code torch.optim.lr_scheduler._LRScheduler}, PyTorch 1.13).
 * Making one sets each group's initial learning rate (its {@code initial_lr}, kept from the first
 * schedule made on the optimizer) and takes the first step, so the optimizer's lr is the schedule's
 * value for epoch 0. Call {@link #step()} after {@code optimizer.step()}, once per epoch (or per
 * batch, for schedules counted in batches):
 *
 * <pre>{@code
 * for (int epoch = 0; epoch < n; epoch++) {
 *     train(...);          // optimizer.step() per batch
 *     scheduler.step();
 * }
 * }</pre>
 *
 * Each schedule computes the next rate from the current one as PyTorch's get_lr() does (the
 * "chainable" form), with the same floating-point operations in the same order, so the sequence of
 * rates is PyTorch's to the bit.
 */
public abstract class LRScheduler implements Scheduler {
    protected final Optimizer optimizer;
    protected final List<ParamGroup> groups;
    protected double[] baseLrs;
    /** The epoch of the rates last set: 0 after construction. */
    protected int lastEpoch = -1;
    protected int stepCount;
    private double[] lastLr;

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.groups = optimizer.paramGroups();
        for (ParamGroup g : groups) {
            if (g.scheduleValue("initial_lr") == null) {
                g.scheduleValue("initial_lr", g.lr());
            }
        }
        baseLrs = new double[groups.size()];
        for (int i = 0; i < baseLrs.length; i++) {
            baseLrs[i] = groups.get(i).scheduleValue("initial_lr");
        }
    }

    /** PyTorch's _initial_step: the step that a constructor ends with. */
    protected final void initialStep() {
        stepCount = 0;
        step();
    }

    /** The rates for lastEpoch, from the groups' current rates (PyTorch's get_lr()). */
    protected abstract double[] getLr();

    /** The rates for lastEpoch from the base rates alone, or null when there is no closed form. */
    protected double[] closedFormLr() {
        return null;
    }

    /** Advances one epoch (or batch) and sets every group's learning rate. Modified: the optimizer's groups. */
    public void step() {
        stepCount++;
        lastEpoch++;
        apply(getLr());
    }

    /** Jumps to an epoch, with the closed form when there is one (SequentialLR restarts a schedule so). */
    void step(int epoch) {
        stepCount++;
        lastEpoch = epoch;
        double[] closed = closedFormLr();
        apply(closed != null ? closed : getLr());
    }

    private void apply(double[] lrs) {
        for (int i = 0; i < lrs.length; i++) {
            groups.get(i).lr(lrs[i]);
        }
        lastLr = currentLrs();
    }

    /** lr[i] * f for each i, in place (PyTorch's group['lr'] * gamma). Returns lr. */
    static double[] times(double[] lr, double f) {
        for (int i = 0; i < lr.length; i++) {
            lr[i] = lr[i] * f;
        }
        return lr;
    }

    /** Each group's current learning rate. */
    protected final double[] currentLrs() {
        double[] lr = new double[groups.size()];
        for (int i = 0; i < lr.length; i++) {
            lr[i] = groups.get(i).lr();
        }
        return lr;
    }

    @Override
    public List<Double> getLastLr() {
        List<Double> l = new ArrayList<>();
        for (double v : lastLr) {
            l.add(v);
        }
        return l;
    }

    /** The epoch of the rates last set (0 right after construction). */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** This schedule's settings under PyTorch's names, checked equal on loading. */
    protected abstract Map<String, Object> settings();

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> s = new LinkedHashMap<>(settings());
        s.put("base_lrs", list(baseLrs));
        s.put("last_epoch", lastEpoch);
        s.put("_step_count", stepCount);
        s.put("_last_lr", list(lastLr));
        return s;
    }

    @Override
    public void loadStateDict(Map<String, Object> state) {
        String where = getClass().getSimpleName() + ".loadStateDict: ";
        for (Map.Entry<String, Object> e : settings().entrySet()) {
            if (!same(e.getValue(), state.get(e.getKey()))) {
                throw new IllegalArgumentException(where + e.getKey() + " is " + state.get(e.getKey()) + " in the state, "
                        + e.getValue() + " here");
            }
        }
        double[] base = doubles(where, state, "base_lrs"), last = doubles(where, state, "_last_lr");
        int epoch = integer(where, state, "last_epoch"), count = integer(where, state, "_step_count");
        loadMore(where, state);
        baseLrs = base;
        lastLr = last;
        lastEpoch = epoch;
        stepCount = count;
    }

    /** Checks and restores what a subclass keeps beyond the base counters (SequentialLR: its schedules). */
    void loadMore(String where, Map<String, Object> state) {}

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private double[] doubles(String where, Map<String, Object> state, String key) {
        if (!(state.get(key) instanceof List<?> l) || l.size() != groups.size()) {
            throw new IllegalArgumentException(where + key + " is " + state.get(key) + ", expected " + groups.size() + " numbers");
        }
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            if (!(l.get(i) instanceof Number n)) {
                throw new IllegalArgumentException(where + key + " holds " + l.get(i) + ", expected numbers");
            }
            a[i] = n.doubleValue();
        }
        return a;
    }

    static int integer(String where, Map<String, Object> state, String key) {
        if (!(state.get(key) instanceof Number n) || n.doubleValue() != n.intValue()) {
            throw new IllegalArgumentException(where + key + " is " + state.get(key) + ", expected an integer");
        }
        return n.intValue();
    }

    static List<Double> list(double[] a) {
        List<Double> l = new ArrayList<>();
        for (double v : a) {
            l.add(v);
        }
        return l;
    }

    /** Returns v when v >= 0; otherwise throws naming the schedule and the setting. */
    static double atLeast0(String who, String what, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(who + ": invalid " + what + " value: " + v + " (expected >= 0)");
        }
        return v;
    }

    static int[] increasing(String who, int[] milestones) {
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] < 0 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                throw new IllegalArgumentException(who + ": milestones must be increasing non-negative epochs, got "
                        + java.util.Arrays.toString(milestones));
            }
        }
        return milestones.clone();
    }
}
