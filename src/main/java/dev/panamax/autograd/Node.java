// SPDX-License-Identifier: Apache-2.0
package dev.panamax.autograd;

import dev.panamax.Tensor;

/**
 * One recorded op in the graph: its inputs, the tensors its backward rule reads (with their
 * versions at record time, to catch in-place changes), and the rule itself. PyTorch's grad_fn.
 */
public final class Node {
    private final String op;
    private final Tensor output;
    private Tensor[] inputs;
    private Tensor[] saved;
    private int[] savedVersions;
    private Backward backward;
    private final String site;
    private boolean released;

    Node(String op, Tensor output, Tensor[] inputs, Tensor[] saved, Backward backward, String site) {
        this.op = op;
        this.output = output;
        this.inputs = inputs;
        this.saved = saved;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) {
            savedVersions[i] = saved[i].version();
        }
        this.backward = backward;
        this.site = site;
    }

    /** The op's name: "mul", "matmul", ... */
    public String op() {
        return op;
    }

    /** PyTorch's name of the node, e.g. {@code MulBackward0}, as printed in a tensor's toString. */
    public String name() {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char ch : op.toCharArray()) {
            if (ch == '_' || ch == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.append("Backward0").toString();
    }

    /** The inputs of the op, in the order its backward returns their gradients. */
    public Tensor[] inputs() {
        if (released) {
            throw freedError();
        }
        return inputs;
    }

    /** Where the op was created in user code, when anomaly detection was on; else null. */
    public String site() {
        return site;
    }

    Tensor output() {
        return output;
    }

    boolean released() {
        return released;
    }

    Tensor[] apply(Tensor grad) {
        if (released) {
            throw freedError();
        }
        for (int i = 0; i < saved.length; i++) {
            if (saved[i].version() != savedVersions[i]) {
                throw new IllegalStateException("one of the tensors needed for gradient computation has been modified"
                        + " by an in-place operation: input " + i + " of " + op + " " + dev.panamax.Shape.str(saved[i].shape())
                        + " is at version " + saved[i].version() + "; expected version " + savedVersions[i]
                        + (site == null ? "" : " (op created at " + site + ")"));
            }
        }
        return backward.apply(grad);
    }

    /** Drops what backward needs; a second backward through this node then fails clearly. */
    void release() {
        released = true;
        inputs = null;
        saved = null;
        backward = null;
    }

    private IllegalStateException freedError() {
        return new IllegalStateException("Trying to backward through the graph a second time (op " + op
                + "): its saved tensors were freed by the first backward. Call backward(grad, true) (retainGraph)"
                + " the first time if you need to backward twice.");
    }

    @Override
    public String toString() {
        return "<" + name() + ">";
    }
}
