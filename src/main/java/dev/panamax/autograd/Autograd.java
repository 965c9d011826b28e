// SPDX-License-Identifier: Apache-2.0
package dev.panamax.autograd;

import dev.panamax.Shape;
import dev.panamax.Tensor;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine: grad mode, anomaly detection, and the reverse walk that {@link Tensor#backward()}
 * runs.
 *
 * <pre>{@code
 * try (var scope = Autograd.noGrad()) {      // torch.no_grad(): nothing inside is recorded
 *     w.sub_(w.grad().mul(lr));
 * }
 * Autograd.detectAnomaly(true);             // the first op making NaN or Inf throws, naming where it was made
 * }</pre>
 */
public final class Autograd {
    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static volatile boolean anomaly = Boolean.getBoolean("panamax.detectAnomaly");
    /** Set while a backward rule runs: its inner ops are checked as backward, not forward. */
    private static final ThreadLocal<boolean[]> IN_BACKWARD = ThreadLocal.withInitial(() -> new boolean[1]);

    private Autograd() {}

    /** A scope in which no graph is recorded; close it (try-with-resources) to restore. */
    public static final class Scope implements AutoCloseable {
        private final int[] depth;
        private boolean closed;

        private Scope(int[] depth) {
            this.depth = depth;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                depth[0]--;
            }
        }
    }

    /** {@code try (var _ = Autograd.noGrad()) { ... }}: ops inside record no graph (torch.no_grad). */
    public static Scope noGrad() {
        int[] depth = NO_GRAD_DEPTH.get();
        depth[0]++;
        return new Scope(depth);
    }

    /** True unless inside a {@link #noGrad()} scope on this thread. */
    public static boolean isGradEnabled() {
        return NO_GRAD_DEPTH.get()[0] == 0;
    }

    /**
     * Anomaly mode: the first op whose forward or backward produces NaN or Inf throws, naming the op
     * and where the user's code created it. Also on with {@code -Dpanamax.detectAnomaly=true}.
     */
    public static void detectAnomaly(boolean on) {
        anomaly = on;
    }

    public static boolean isAnomalyEnabled() {
        return anomaly;
    }

    /**
     * For backward rules: the gradient buffer that backward would add this input's gradient into,
     * when the input is a leaf that already has one; else null. A rule may add its gradient straight
     * into it (+=, e.g. a GEMM with beta = 1, then {@link Tensor#bumpVersion()}) and return null
     * for that input: the weight gradient of a layer then costs no new buffer per step.
     */
    public static Tensor accumulationBuffer(Tensor input) {
        if (!inBackward() || !input.isLeaf() || !input.requiresGrad()) {
            return null;
        }
        return input.grad();
    }

    /** True while a backward rule runs on this thread. */
    static boolean inBackward() {
        return IN_BACKWARD.get()[0];
    }

    /**
     * Accumulates d(root)/d(leaf) * grad into the {@code grad()} of every leaf that requires grad.
     *
     * @param grad the gradient of root (null only when root is a scalar: then 1)
     * @param retainGraph keep the graph for a second backward
     */
    public static void backward(Tensor root, Tensor grad, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor does not require grad and has no grad_fn");
        }
        if (grad == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward: grad can be implicitly created only for scalar outputs;"
                        + " this output has shape " + Shape.str(root.shape()) + ": pass backward(gradOutput)");
            }
            grad = Tensor.full(root.dtype(), 1.0, root.shape());
        } else {
            if (!java.util.Arrays.equals(grad.shape(), root.shape())) {
                throw new IllegalArgumentException("backward: gradOutput has shape " + Shape.str(grad.shape())
                        + ", the output has shape " + Shape.str(root.shape()));
            }
            if (grad.dtype() != root.dtype()) {
                throw new IllegalArgumentException("backward: gradOutput is " + grad.dtype() + ", the output is " + root.dtype());
            }
            if (hasNonFinite(grad) && hasNaN(grad)) {
                throw new IllegalArgumentException("backward: gradOutput contains NaN");
            }
        }
        try (var _ = noGrad()) {
            Node rootNode = root.gradFn();
            if (rootNode == null) { // a leaf
                accumulateLeaf(root, grad);
                return;
            }
            List<Node> order = topologicalOrder(rootNode);
            Map<Node, Tensor> pending = new IdentityHashMap<>();
            pending.put(rootNode, grad);
            for (int n = order.size() - 1; n >= 0; n--) {
                Node node = order.get(n);
                Tensor g = pending.remove(node);
                if (g == null) {
                    continue;
                }
                if (node.output().retainsGrad()) {
                    accumulateLeaf(node.output(), g);
                }
                Tensor[] inputs = node.inputs();
                Tensor[] grads;
                boolean[] inBackward = IN_BACKWARD.get();
                boolean outer = inBackward[0];
                inBackward[0] = true;
                try {
                    grads = node.apply(g);
                } finally {
                    inBackward[0] = outer;
                }
                for (int i = 0; i < inputs.length; i++) {
                    Tensor in = inputs[i];
                    Tensor gi = i < grads.length ? grads[i] : null;
                    if (gi == null || !in.requiresGrad()) {
                        continue;
                    }
                    if (!java.util.Arrays.equals(gi.shape(), in.shape())) {
                        throw new IllegalStateException("backward of " + node.op() + ": gradient of input " + i + " has shape "
                                + Shape.str(gi.shape()) + ", the input has shape " + Shape.str(in.shape()));
                    }
                    if (anomaly && hasNonFinite(gi)) {
                        throw new ArithmeticException("anomaly: the backward of " + node.op() + " produced NaN or Inf in the"
                                + " gradient of input " + i + "; the op was created at " + node.site());
                    }
                    Node producer = in.gradFn();
                    if (producer == null) {
                        accumulateLeaf(in, gi);
                    } else {
                        // Out of place: gi may be shared with another input's gradient.
                        pending.merge(producer, gi, Tensor::add);
                    }
                }
                if (!retainGraph) {
                    node.release();
                }
            }
        }
    }

    private static void accumulateLeaf(Tensor leaf, Tensor g) {
        Tensor old = leaf.grad();
        if (old == null) {
            leaf.setGrad(g.clone());
        } else {
            old.accumulate(g);
        }
    }

    /** Nodes reachable from root, each after all nodes it feeds (iterative: deep graphs are fine). */
    private static List<Node> topologicalOrder(Node root) {
        List<Node> order = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        if (root.released()) {
            root.inputs(); // throws the "second time" error
        }
        stack.push(new Object[] {root, 0});
        seen.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Node node = (Node) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = node.released() ? new Tensor[0] : node.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Node child = inputs[next].gradFn();
                if (child != null && seen.add(child)) {
                    stack.push(new Object[] {child, 0});
                }
            } else {
                stack.pop();
                order.add(node); // post-order: inputs before their consumers
            }
        }
        // Post-order lists inputs first; the walk goes from the end, i.e. consumers first.
        return order;
    }

    static boolean hasNonFinite(Tensor t) {
        if (t.dtype() == dev.panamax.DType.F32) {
            for (float v : t.f32()) {
                if (!Float.isFinite(v)) {
                    return true;
                }
            }
        } else {
            for (double v : t.f64()) {
                if (!Double.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasNaN(Tensor t) {
        if (t.dtype() == dev.panamax.DType.F32) {
            for (float v : t.f32()) {
                if (Float.isNaN(v)) {
                    return true;
                }
            }
        } else {
            for (double v : t.f64()) {
                if (Double.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first stack frame outside the panamax jar: where the user's code called in. */
    static String userSite() {
        CodeSource lib = Tensor.class.getProtectionDomain().getCodeSource();
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> {
                    CodeSource cs = f.getDeclaringClass().getProtectionDomain().getCodeSource();
                    return cs == null || lib == null || !cs.getLocation().equals(lib.getLocation());
                })
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .orElse("<unknown>"));
    }
}
