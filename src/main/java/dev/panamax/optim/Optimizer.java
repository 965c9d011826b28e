// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.DType;
import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Updates parameters from their gradients ({@code torch.optim.Optimizer}): parameter groups with
 * their own options, a state per parameter (created at its first update), {@link #zeroGrad},
 * {@link #stateDict()} and {@link #loadStateDict}. Subclasses give the options with their defaults,
 * the checks, and the update of one parameter.
 */
public abstract class Optimizer {
    /** A parameter's state: the step count (where the optimizer keeps one) and named buffers. */
    protected static final class State {
        /** Updates made so far (PyTorch's state['step']); the update being made during {@link #update}. */
        public long step;
        /** Buffers shaped as the parameter, in PyTorch's names (exp_avg, momentum_buffer...). */
        public final Map<String, Tensor> buffers = new LinkedHashMap<>();
    }

    /** PyTorch's optimizer state dict: per-parameter state by index, and each group's options with its "params" indices. */
    public record StateDict(Map<Integer, Map<String, Tensor>> state, List<Map<String, Object>> paramGroups) {}

    private final String name;
    private final Map<String, Object> defaults;
    private final List<ParamGroup> groups;
    private final Map<Tensor, State> state = new IdentityHashMap<>();

    /** A group of parameters to configure and pass to an optimizer's constructor. */
    public static ParamGroup group(List<Tensor> params) {
        return new ParamGroup(params);
    }

    public static ParamGroup group(Tensor... params) {
        return new ParamGroup(List.of(params));
    }

    /**
     * @param defaults every option this optimizer has, with its default (PyTorch's names and order)
     * @throws IllegalArgumentException on a bad option, an unknown one, a parameter that is not a leaf
     *     requiring grad, or one that appears twice
     */
    protected Optimizer(String name, Map<String, Object> defaults, ParamGroup... groups) {
        this.name = name;
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : groups) {
            for (Tensor p : g.params()) {
                if (!p.isLeaf() || !p.requiresGrad()) {
                    throw new IllegalArgumentException(name + ": can only optimize leaf tensors that require grad, got a "
                            + (p.isLeaf() ? "leaf that does not require grad" : "non-leaf") + " of shape " + Shape.str(p.shape()));
                }
                if (!seen.add(p)) {
                    throw new IllegalArgumentException(name + ": a parameter of shape " + Shape.str(p.shape())
                            + " appears in more than one parameter group");
                }
            }
        }
        for (ParamGroup g : groups) { // checked before any group is bound
            if (g.owner() != null) {
                throw new IllegalArgumentException(name + ": a param group can belong to one optimizer only, and this one is "
                        + g.owner().name() + "'s");
            }
            Map<String, Object> trial = new LinkedHashMap<>(this.defaults);
            trial.putAll(g.options());
            for (String k : g.options().keySet()) {
                if (!this.defaults.containsKey(k)) {
                    throw new IllegalArgumentException(name + ": unknown option " + k + " (its options are " + this.defaults.keySet() + ")");
                }
            }
            check(trial);
        }
        for (ParamGroup g : groups) {
            g.attach(this, this.defaults);
        }
        this.groups = List.of(groups);
    }

    /** The optimizer's name, as in its messages ("Adam"). */
    public final String name() {
        return name;
    }

    /** Every option with its default, PyTorch's names. */
    public final Map<String, Object> defaults() {
        return defaults;
    }

    /** Checks a full set of options; throws IllegalArgumentException naming the first bad one. */
    protected abstract void check(Map<String, Object> options);

    /**
     * Updates one parameter from its gradient under its group's options; the state's step has been
     * advanced already. Called under no-grad; the caller bumps the parameter's version.
     * Modified: p and st.
     */
    protected abstract void update(Tensor p, Tensor grad, ParamGroup group, State st);

    /** Whether this optimizer counts steps in its state (PyTorch's Adam, RMSprop, Adagrad do; SGD does not). */
    protected boolean countsSteps() {
        return true;
    }

    /** Creates the state of a parameter before its first update (Adagrad fills its sum here). */
    protected void init(Tensor p, ParamGroup group, State st) {}

    /** One update of every parameter that has a gradient. Modified: the parameters and the state. */
    public void step() {
        try (Autograd.Scope _ = Autograd.noGrad()) {
            for (ParamGroup g : groups) {
                for (Tensor p : g.params()) {
                    if (p.grad() != null) {
                        State st = state.get(p);
                        if (st == null) {
                            st = new State();
                            init(p, g, st);
                            state.put(p, st);
                        }
                        st.step++;
                        update(p, p.grad(), g, st);
                        p.bumpVersion();
                    }
                }
            }
        }
    }

    /** Zeroes every parameter's gradient in place (PyTorch 1.13's default). Modified: the gradients. */
    public void zeroGrad() {
        zeroGrad(false);
    }

    /** Zeroes every gradient, or with setToNone drops it (the next backward allocates a new one). */
    public void zeroGrad(boolean setToNone) {
        for (Tensor p : parameters()) {
            if (setToNone) {
                p.setGrad(null);
            } else {
                p.zeroGrad();
            }
        }
    }

    /** The groups, in order; their options may be changed between steps. */
    public final List<ParamGroup> paramGroups() {
        return groups;
    }

    /** Sets the learning rate of every group. */
    public void setLr(double lr) {
        for (ParamGroup g : groups) {
            g.lr(lr);
        }
    }

    /** All parameters of all groups, in order (a new list). */
    public final List<Tensor> parameters() {
        List<Tensor> out = new ArrayList<>();
        for (ParamGroup g : groups) {
            out.addAll(g.params());
        }
        return out;
    }

    /**
     * The state as PyTorch lays it out: per parameter index (counting through the groups in order)
     * its step (a 0-d float64 tensor, where the optimizer counts steps) and buffers, copied; and each
     * group's options with "params", the indices of its parameters. Not modified: this optimizer.
     */
    public StateDict stateDict() {
        Map<Integer, Map<String, Tensor>> out = new LinkedHashMap<>();
        List<Map<String, Object>> gs = new ArrayList<>();
        int index = 0;
        for (ParamGroup g : groups) {
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                State st = state.get(p);
                if (st != null) {
                    Map<String, Tensor> m = new LinkedHashMap<>();
                    if (countsSteps()) {
                        m.put("step", Tensor.full(DType.F64, st.step));
                    }
                    st.buffers.forEach((k, v) -> m.put(k, v.clone()));
                    out.put(index, m);
                }
                ids.add(index++);
            }
            Map<String, Object> opts = new LinkedHashMap<>();
            g.options().forEach((k, v) -> opts.put(k, v instanceof double[] a ? a.clone() : v));
            opts.putAll(g.scheduleValues());
            opts.put("params", List.copyOf(ids));
            gs.add(opts);
        }
        return new StateDict(out, gs);
    }

    /**
     * Replaces the state and the groups' options by a copy of sd (from {@link #stateDict()} of an
     * optimizer of the same kind over parameters of the same shapes, in the same groups). Everything
     * is checked first: on a mismatch nothing changes. Modified: this optimizer's state and options.
     *
     * @throws IllegalArgumentException naming the first mismatch
     */
    public void loadStateDict(StateDict sd) {
        String where = name + ".loadStateDict: ";
        if (sd.paramGroups().size() != groups.size()) {
            throw new IllegalArgumentException(where + "the state has " + sd.paramGroups().size()
                    + " parameter group(s), this optimizer " + groups.size());
        }
        List<Tensor> params = parameters();
        List<Map<String, Object>> newOptions = new ArrayList<>();
        List<Map<String, Double>> newExtras = new ArrayList<>();
        int index = 0;
        for (int gi = 0; gi < groups.size(); gi++) {
            Map<String, Object> saved = sd.paramGroups().get(gi);
            int size = groups.get(gi).params().size();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                expected.add(index++);
            }
            List<Integer> savedIds = new ArrayList<>();
            if (saved.get("params") instanceof List<?> l) {
                l.forEach(o -> savedIds.add(o instanceof Number num ? num.intValue() : -1));
            }
            if (!expected.equals(savedIds)) {
                throw new IllegalArgumentException(where + "group " + gi + " has parameters " + saved.get("params")
                        + " in the state and " + expected + " here");
            }
            Map<String, Object> opts = new LinkedHashMap<>();
            saved.forEach((k, v) -> opts.put(k, v instanceof Number num ? (Object) num.doubleValue()
                    : v instanceof List<?> l && !k.equals("params") ? toDoubles(l) : v));
            opts.remove("params");
            Map<String, Double> extra = new LinkedHashMap<>();
            for (String k : List.copyOf(opts.keySet())) {
                if (SCHEDULE_VALUES.contains(k) && opts.get(k) instanceof Number num) {
                    extra.put(k, num.doubleValue());
                    opts.remove(k);
                }
            }
            newExtras.add(extra);
            if (!opts.keySet().equals(defaults.keySet())) {
                throw new IllegalArgumentException(where + "group " + gi + " has options " + opts.keySet() + ", "
                        + name + " has " + defaults.keySet());
            }
            check(opts);
            newOptions.add(opts);
        }
        for (Map.Entry<Integer, Map<String, Tensor>> e : sd.state().entrySet()) {
            int i = e.getKey();
            if (i < 0 || i >= params.size()) {
                throw new IllegalArgumentException(where + "state for parameter " + i + ", but there are " + params.size());
            }
            Tensor p = params.get(i);
            for (Map.Entry<String, Tensor> b : e.getValue().entrySet()) {
                Tensor t = b.getValue();
                if (b.getKey().equals("step")) {
                    if (!countsSteps() || t.numel() != 1 || t.item() < 0 || t.item() != Math.rint(t.item())) {
                        throw new IllegalArgumentException(where + "parameter " + i + ": unexpected step " + t);
                    }
                } else if (!Arrays.equals(t.shape(), p.shape()) || t.dtype() != p.dtype()) {
                    throw new IllegalArgumentException(where + "parameter " + i + ": " + b.getKey() + " is " + t.dtype()
                            + Shape.str(t.shape()) + ", the parameter " + p.dtype() + Shape.str(p.shape()));
                }
            }
            if (countsSteps() && !e.getValue().containsKey("step")) {
                throw new IllegalArgumentException(where + "parameter " + i + ": no step");
            }
        }
        state.clear();
        for (Map.Entry<Integer, Map<String, Tensor>> e : sd.state().entrySet()) {
            State st = new State();
            for (Map.Entry<String, Tensor> b : e.getValue().entrySet()) {
                if (b.getKey().equals("step")) {
                    st.step = (long) b.getValue().item();
                } else {
                    st.buffers.put(b.getKey(), b.getValue().clone());
                }
            }
            state.put(params.get(e.getKey()), st);
        }
        for (int gi = 0; gi < groups.size(); gi++) {
            for (Map.Entry<String, Object> o : newOptions.get(gi).entrySet()) {
                groups.get(gi).set(o.getKey(), o.getValue());
            }
            groups.get(gi).scheduleValues().clear();
            groups.get(gi).scheduleValues().putAll(newExtras.get(gi));
        }
    }

    /** The values PyTorch's schedules keep in a param group, which its state dict carries with the options. */
    private static final Set<String> SCHEDULE_VALUES = Set.of("initial_lr", "max_lr", "min_lr", "max_momentum", "base_momentum");

    private static double[] toDoubles(List<?> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Number) l.get(i)).doubleValue();
        }
        return a;
    }

    // Checks shared by the optimizers; messages as "Adam: invalid eps value: -1.0 (expected >= 0)".

    protected final void atLeast0(Map<String, Object> o, String key) {
        double v = (Double) o.get(key);
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + ": invalid " + key + " value: " + v + " (expected >= 0)");
        }
    }

    protected final void betas(Map<String, Object> o) {
        double[] b = (double[]) o.get("betas");
        if (b.length != 2) {
            throw new IllegalArgumentException(name + ": betas must be two values, got " + b.length);
        }
        for (int i = 0; i < 2; i++) {
            if (!(b[i] >= 0 && b[i] < 1)) {
                throw new IllegalArgumentException(name + ": invalid beta parameter at index " + i + ": " + b[i]
                        + " (expected 0 <= beta < 1)");
            }
        }
    }

    /** The buffer of the state named key, made as zeros shaped as p on first use. */
    protected static Tensor buffer(State st, String key, Tensor p) {
        return st.buffers.computeIfAbsent(key, k -> Tensor.zerosLike(p));
    }
}
