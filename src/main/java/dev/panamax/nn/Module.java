// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

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
import java.util.function.Consumer;

/**
 * A layer or a model: PyTorch's {@code nn.Module}. A subclass registers its parameters and
 * submodules by name, in the order it wants them listed, usually from field initialisers:
 *
 * <pre>{@code
 * class Net extends Module {
 *     final Linear lin1 = register("lin1", new Linear(784, 256));
 *     final Linear lin2 = register("lin2", new Linear(256, 10));
 *     public Tensor forward(Tensor x) { return lin2.forward(lin1.forward(x.reshape(-1, 784)).relu()); }
 * }
 * }</pre>
 *
 * Registration order is the order of {@link #namedParameters()} ({@code lin1.weight, lin1.bias,
 * lin2.weight, ...}): own parameters first, then each submodule's, depth first, as in PyTorch.
 * Buffers ({@link #registerBuffer}: state such as batch norm's running statistics) are saved and
 * loaded with the parameters but get no gradient and are not given to optimizers.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes the module's output. Not modified: x. */
    public abstract Tensor forward(Tensor x);

    // ------------------------------------------------------------------ registration

    /**
     * Registers a parameter under a name and makes it require grad. Returns it.
     *
     * @throws IllegalArgumentException for an empty name, a name with a dot, or one already used
     */
    protected final Tensor registerParameter(String name, Tensor param) {
        checkName("registerParameter", name);
        if (!param.isLeaf()) {
            throw new IllegalArgumentException("registerParameter: '" + name + "' must be a leaf tensor (use detach())");
        }
        if (!param.requiresGrad()) {
            param.requiresGrad_();
        }
        params.put(name, param);
        return param;
    }

    /**
     * Registers a buffer: state that is not a parameter (no gradient, not given to optimizers) but
     * is saved in {@link #stateDict()} after the module's own parameters and loaded back, such as
     * batch norm's running statistics. Returns it.
     *
     * @throws IllegalArgumentException for a bad or used name, or a tensor that requires grad
     */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName("registerBuffer", name);
        if (buffer == null || buffer.requiresGrad()) {
            throw new IllegalArgumentException("registerBuffer: buffer '" + name + "' must be a tensor that does not require grad");
        }
        buffers.put(name, buffer);
        return buffer;
    }

    /** Registers a submodule under a name; returns it. */
    protected final <M extends Module> M register(String name, M module) {
        checkName("register", name);
        if (module == null) {
            throw new IllegalArgumentException("register: module '" + name + "' is null");
        }
        children.put(name, module);
        return module;
    }

    private void checkName(String op, String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(op + ": name '" + name + "' must be non-empty and contain no '.'");
        }
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(op + ": name '" + name + "' is already used in " + name());
        }
    }

    // ------------------------------------------------------------------ traversal

    /** Every parameter of this module and its submodules, in registration order (the live tensors). */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Parameters under dotted names ({@code 0.weight}, {@code lin1.bias}), in registration order. A
     * tensor registered twice (a shared layer) is listed once, under its first name, as in PyTorch,
     * so an optimizer updates it once.
     */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> all = allNamedParameters();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        all.values().removeIf(t -> !seen.add(t));
        return all;
    }

    /** Every parameter name, shared tensors under each of their names. */
    private Map<String, Tensor> allNamedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out);
        }
    }

    /** Every buffer of this module and its submodules under dotted names ({@code 1.running_mean}), the live tensors. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out, false);
        return out;
    }

    /** Parameters and buffers in PyTorch's state_dict order: each module's parameters, its buffers, then its submodules. */
    private Map<String, Tensor> allState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out, true);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out, boolean withParams) {
        if (withParams) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collectState(prefix + e.getKey() + ".", out, withParams);
        }
    }

    /** The direct submodules by name, in registration order (unmodifiable). */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** This module and all below it, depth first, parents before children. */
    public final List<Module> modules() {
        List<Module> out = new ArrayList<>();
        out.add(this);
        for (Module m : children.values()) {
            out.addAll(m.modules());
        }
        return out;
    }

    /** Calls fn on every submodule, then on this one (PyTorch's order). Returns this. */
    public final Module apply(Consumer<Module> fn) {
        for (Module m : children.values()) {
            m.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    // ------------------------------------------------------------------ mode and gradients

    /** Sets training mode here and below (dropout active, batch norm on batch statistics). Returns this. */
    public final Module train() {
        return train(true);
    }

    /** Sets training (true) or evaluation (false) mode here and below. Returns this. */
    public final Module train(boolean on) {
        training = on;
        for (Module m : children.values()) {
            m.train(on);
        }
        return this;
    }

    /** Evaluation mode (dropout off, batch norm on its running statistics). Returns this. */
    public final Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Zeroes every parameter's gradient in place (keeping the buffers). */
    public final void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    // ------------------------------------------------------------------ state dict

    /**
     * The parameters and buffers by dotted name, in PyTorch's order (each module's parameters,
     * then its buffers, then its submodules'), each detached but sharing storage with the module's
     * tensor (as PyTorch's {@code state_dict}, a shared tensor under each of its names): a new
     * map, the tensors live.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : allState().entrySet()) {
            out.put(e.getKey(), e.getValue().detach());
        }
        return out;
    }

    /** Keys a non-strict {@link #loadStateDict} could not match. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {}

    /**
     * Copies the values of state into the parameters and buffers of the same name (converting the
     * dtype). Checks everything before copying anything: a shape mismatch is always an error; with
     * strict, so is a parameter or buffer missing from state or a key of state that names none.
     *
     * @param state tensors by dotted name. Not modified.
     * @return the keys left unmatched (empty lists after a strict load)
     * @throws IllegalArgumentException listing every problem found, PyTorch's wording
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = allState();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                errors.add("size mismatch for " + e.getKey() + ": copying a param with shape " + Shape.str(src.shape())
                        + " from checkpoint, the shape in current model is " + Shape.str(e.getValue().shape()) + ".");
            }
        }
        for (String k : state.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (strict && !unexpected.isEmpty()) {
            errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ".");
        }
        if (strict && !missing.isEmpty()) {
            errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ".");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: Error(s) in loading state_dict for " + name() + ":\n\t"
                    + String.join("\n\t", errors));
        }
        try (Autograd.Scope _ = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor src = state.get(e.getKey());
                if (src != null) {
                    e.getValue().copy_(src);
                }
            }
        }
        return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
    }

    private static String quoted(List<String> keys) {
        List<String> q = new ArrayList<>();
        for (String k : keys) {
            q.add('"' + k + '"');
        }
        return String.join(", ", q);
    }

    // ------------------------------------------------------------------ printing

    /** The name printed by {@link #toString()}: the class's simple name. */
    protected String name() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? "Module" : n;
    }

    /** The layer's settings as printed inside its parentheses ({@code in_features=784, ...}); empty by default. */
    protected String extraRepr() {
        return "";
    }

    /** The module tree exactly as PyTorch prints it. */
    @Override
    public String toString() {
        String extra = extraRepr();
        List<String> extraLines = extra.isEmpty() ? List.of() : List.of(extra.split("\n", -1));
        List<String> childLines = new ArrayList<>();
        for (Map.Entry<String, Module> e : children.entrySet()) {
            childLines.add("(" + e.getKey() + "): " + indent(e.getValue().toString(), 2));
        }
        StringBuilder sb = new StringBuilder(name()).append('(');
        if (extraLines.size() == 1 && childLines.isEmpty()) {
            sb.append(extra);
        } else if (!extraLines.isEmpty() || !childLines.isEmpty()) {
            List<String> lines = new ArrayList<>(extraLines);
            lines.addAll(childLines);
            sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        }
        return sb.append(')').toString();
    }

    /** Indents every line but the first (PyTorch's {@code _addindent}). */
    private static String indent(String s, int spaces) {
        String[] lines = s.split("\n", -1);
        if (lines.length == 1) {
            return s;
        }
        String pad = " ".repeat(spaces);
        StringBuilder sb = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            sb.append('\n').append(pad).append(lines[i]);
        }
        return sb.toString();
    }

    /** A Python float as {@code repr} prints it (0.5, 1e-05), for {@link #extraRepr()}. */
    protected static String pyFloat(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return (long) v + ".0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) {
            return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        String s = Double.toString(v); // e.g. 1.0E-5
        int e = s.indexOf('E');
        String mant = s.substring(0, e);
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        return mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
}
