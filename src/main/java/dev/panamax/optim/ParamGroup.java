// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters sharing one set of options ({@code torch.optim}'s param_groups), made by
 * {@link Optimizer#group} and passed to an optimizer's constructor. Options left unset take the
 * optimizer's defaults when the optimizer is made; an option the optimizer does not have is refused
 * then. Options are kept under PyTorch's names ({@code lr}, {@code weight_decay}, {@code betas}...),
 * which is how {@link Optimizer#stateDict()} writes them. Options may be changed between steps (a
 * schedule changes {@code lr}); once in an optimizer, a change is checked as the constructor checks.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final Map<String, Double> scheduleValues = new LinkedHashMap<>();
    private Optimizer owner;

    ParamGroup(List<Tensor> params) {
        this.params = List.copyOf(params);
    }

    public List<Tensor> params() {
        return params;
    }

    /** The options, PyTorch's names to Double, Boolean or double[] (betas); read-only. */
    public Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }

    public double lr() {
        return num("lr");
    }

    /** Sets the learning rate (also between steps: schedules do). Returns this. */
    public ParamGroup lr(double v) {
        return set("lr", v);
    }

    public ParamGroup weightDecay(double v) {
        return set("weight_decay", v);
    }

    public ParamGroup momentum(double v) {
        return set("momentum", v);
    }

    public ParamGroup dampening(double v) {
        return set("dampening", v);
    }

    public ParamGroup nesterov(boolean v) {
        return set("nesterov", v);
    }

    public ParamGroup maximize(boolean v) {
        return set("maximize", v);
    }

    public ParamGroup betas(double beta1, double beta2) {
        return set("betas", new double[] {beta1, beta2});
    }

    public ParamGroup eps(double v) {
        return set("eps", v);
    }

    public ParamGroup amsgrad(boolean v) {
        return set("amsgrad", v);
    }

    public ParamGroup alpha(double v) {
        return set("alpha", v);
    }

    public ParamGroup centered(boolean v) {
        return set("centered", v);
    }

    public ParamGroup lrDecay(double v) {
        return set("lr_decay", v);
    }

    public ParamGroup initialAccumulatorValue(double v) {
        return set("initial_accumulator_value", v);
    }

    public double weightDecay() {
        return num("weight_decay");
    }

    public double momentum() {
        return num("momentum");
    }

    /** A copy of (beta1, beta2). */
    public double[] betas() {
        return ((double[]) get("betas")).clone();
    }

    /** A numeric option by its PyTorch name. */
    public double num(String name) {
        return (Double) get(name);
    }

    /** A boolean option by its PyTorch name. */
    public boolean flag(String name) {
        return (Boolean) get(name);
    }

    private Object get(String name) {
        Object v = options.get(name);
        if (v == null) {
            throw new IllegalArgumentException("param group: no option " + name + " (it has " + options.keySet() + ")");
        }
        return v;
    }

    /**
     * Sets an option by its PyTorch name (a Double, Boolean or double[2] for betas); in an optimizer,
     * the value is checked first and nothing changes when it is refused. Returns this.
     */
    public ParamGroup set(String name, Object value) {
        Object v = value instanceof Number n ? (Object) n.doubleValue() : value instanceof double[] a ? a.clone() : value;
        if (owner != null) {
            Map<String, Object> trial = new LinkedHashMap<>(options);
            trial.put(name, v);
            owner.check(trial);
        }
        options.put(name, v);
        return this;
    }

    /**
     * A value a schedule keeps in the group ({@code initial_lr}, OneCycleLR's {@code max_lr}...), as
     * PyTorch's schedulers do, or null; these are not options of the optimizer.
     */
    public Double scheduleValue(String name) {
        return scheduleValues.get(name);
    }

    /** Sets a value a schedule keeps in the group (see {@link #scheduleValue}). Returns this. */
    public ParamGroup scheduleValue(String name, double v) {
        scheduleValues.put(name, v);
        return this;
    }

    Map<String, Double> scheduleValues() {
        return scheduleValues;
    }

    /** Fills unset options from the defaults and binds this group to its optimizer (which checked them). */
    void attach(Optimizer optimizer, Map<String, Object> defaults) {
        Map<String, Object> full = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
            full.put(e.getKey(), options.getOrDefault(e.getKey(), e.getValue()));
        }
        options.clear();
        options.putAll(full);
        owner = optimizer;
    }

    /** The optimizer this group belongs to, or null before one is made with it. */
    Optimizer owner() {
        return owner;
    }

}
