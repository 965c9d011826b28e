// SPDX-License-Identifier: Apache-2.0
package dev.panamax.autograd;

import dev.panamax.Tensor;

/**
 * Records ops into the define-by-run graph. An op computes its output, then says what it read and
 * how to differentiate itself, side by side:
 *
 * <pre>{@code
 * Tensor out = ...forward...;
 * return Graph.of(out, "mul", a, b).saves(a, b).backward(g -> new Tensor[] {
 *         g.mul(b).sumTo(a.shape()),
 *         g.mul(a).sumTo(b.shape())});
 * }</pre>
 *
 * Nothing is recorded when grad mode is off or no input requires grad.
 */
public final class Graph {
    private static final Tensor[] NONE = new Tensor[0];

    private final Tensor out;
    private final String op;
    private final Tensor[] inputs;
    private Tensor[] saved = NONE;

    private Graph(Tensor out, String op, Tensor[] inputs) {
        this.out = out;
        this.op = op;
        this.inputs = inputs;
    }

    /** Starts recording the op {@code op} that made {@code out} from {@code inputs}. */
    public static Graph of(Tensor out, String op, Tensor... inputs) {
        return new Graph(out, op, inputs);
    }

    /** The tensors the backward rule reads: changing one in place before backward is an error. */
    public Graph saves(Tensor... tensors) {
        this.saved = tensors;
        return this;
    }

    /** Attaches the backward rule when a gradient can flow; returns the output either way. */
    public Tensor backward(Backward rule) {
        boolean anomaly = Autograd.isAnomalyEnabled();
        if (anomaly && !Autograd.inBackward() && Autograd.hasNonFinite(out)) {
            throw new ArithmeticException("anomaly: the forward of " + op + " produced NaN or Inf, at " + Autograd.userSite());
        }
        if (!Autograd.isGradEnabled()) {
            return out;
        }
        boolean needed = false;
        for (Tensor t : inputs) {
            needed |= t.requiresGrad();
        }
        if (needed) {
            out.setGradFn(new Node(op, out, inputs, saved, rule, anomaly ? Autograd.userSite() : null));
        }
        return out;
    }
}
