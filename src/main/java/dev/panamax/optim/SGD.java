// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.DType;
import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.kernel.Kernels;
import dev.panamax.autograd.Autograd;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stochastic gradient descent with parameter groups ({@code torch.optim.SGD}). For each parameter
 * p with gradient g, in its group's settings:
 *
 * <pre>
 *   d = g + weightDecay * p                      (L2 penalty folded into the gradient)
 *   buf = d on the first step, else momentum * buf + d     (only when momentum != 0)
 *   d = buf
 *   p = p - lr * d
 * </pre>
 *
 * The chapter's weight decay decays the weight but not the bias:
 *
 * <pre>{@code
 * SGD opt = new SGD(lr, SGD.group(lin.weight()).weightDecay(wd), SGD.group(lin.bias()));
 * }</pre>
 */
public final class SGD implements Optimizer {
    /** Parameters sharing one lr, weight decay and momentum; unset values take the optimizer's defaults. */
    public static final class ParamGroup {
        private final List<Tensor> params;
        private Double lr;
        private Double weightDecay;
        private Double momentum;

        private ParamGroup(List<Tensor> params) {
            this.params = List.copyOf(params);
        }

        public List<Tensor> params() {
            return params;
        }

        /** Sets the learning rate (also between steps, for schedules). Returns this. */
        public ParamGroup lr(double v) {
            lr = check("lr", v);
            return this;
        }

        public ParamGroup weightDecay(double v) {
            weightDecay = check("weight_decay", v);
            return this;
        }

        public ParamGroup momentum(double v) {
            momentum = check("momentum", v);
            return this;
        }

        public double lr() {
            return lr;
        }

        public double weightDecay() {
            return weightDecay;
        }

        public double momentum() {
            return momentum;
        }

        private static double check(String what, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("SGD: invalid " + what + " value: " + v + " (expected a finite value >= 0)");
            }
            return v;
        }
    }

    /** A group of parameters to configure and pass to {@link #SGD(double, ParamGroup...)}. */
    public static ParamGroup group(List<Tensor> params) {
        return new ParamGroup(params);
    }

    public static ParamGroup group(Tensor... params) {
        return new ParamGroup(List.of(params));
    }

    private final List<ParamGroup> groups;
    private final Map<Tensor, Tensor> momentumBuffers = new IdentityHashMap<>();

    /** One group, plain SGD: p -= lr * g. */
    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0, 0);
    }

    /** One group with momentum and weight decay. */
    public SGD(List<Tensor> params, double lr, double momentum, double weightDecay) {
        this(lr, momentum, weightDecay, group(params));
    }

    /** Several groups; a group's unset lr takes this lr, unset weight decay and momentum are 0. */
    public SGD(double lr, ParamGroup... groups) {
        this(lr, 0, 0, groups);
    }

    /** Several groups with default lr, momentum and weight decay for the values a group leaves unset. */
    public SGD(double lr, double momentum, double weightDecay, ParamGroup... groups) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : groups) {
            if (g.lr == null) {
                g.lr(lr);
            }
            if (g.weightDecay == null) {
                g.weightDecay(weightDecay);
            }
            if (g.momentum == null) {
                g.momentum(momentum);
            }
            for (Tensor p : g.params) {
                if (!p.isLeaf() || !p.requiresGrad()) {
                    throw new IllegalArgumentException("SGD: can only optimize leaf tensors that require grad, got a "
                            + (p.isLeaf() ? "leaf that does not require grad" : "non-leaf") + " of shape " + Shape.str(p.shape()));
                }
                if (!seen.add(p)) {
                    throw new IllegalArgumentException("SGD: a parameter of shape " + Shape.str(p.shape())
                            + " appears in more than one parameter group");
                }
            }
        }
        this.groups = List.of(groups);
    }

    /** The groups, in order; their settings may be changed between steps. */
    public List<ParamGroup> paramGroups() {
        return groups;
    }

    /** Sets the learning rate of every group. */
    public void setLr(double lr) {
        for (ParamGroup g : groups) {
            g.lr(lr);
        }
    }

    /** One update as in the class comment; parameters without a gradient are skipped. Modified: the parameters. */
    @Override
    public void step() {
        try (Autograd.Scope _ = Autograd.noGrad()) {
            for (ParamGroup g : groups) {
                for (Tensor p : g.params) {
                    if (p.grad() != null) {
                        update(p, g.lr, g.weightDecay, g.momentum);
                    }
                }
            }
        }
    }

    private void update(Tensor p, double lr, double wd, double momentum) {
        int n = p.numel();
        Tensor buf = null;
        boolean first = false;
        if (momentum != 0) {
            buf = momentumBuffers.get(p);
            if (buf == null) {
                buf = Tensor.zerosLike(p);
                momentumBuffers.put(p, buf);
                first = true;
            }
        }
        if (p.dtype() == DType.F32 && buf == null && wd == 0) { // plain SGD, as torch: p += (-lr) * g in float
            Kernels.axpy((float) -lr, p.grad().f32(), 0, p.f32(), 0, n);
        } else if (p.dtype() == DType.F32) {
            float[] w = p.f32(), gr = p.grad().f32(), b = buf == null ? null : buf.f32();
            for (int i = 0; i < n; i++) {
                double d = gr[i] + wd * w[i];
                if (b != null) {
                    d = first ? d : momentum * b[i] + d;
                    b[i] = (float) d;
                }
                w[i] = (float) (w[i] - lr * d);
            }
        } else {
            double[] w = p.f64(), gr = p.grad().f64(), b = buf == null ? null : buf.f64();
            for (int i = 0; i < n; i++) {
                double d = gr[i] + wd * w[i];
                if (b != null) {
                    d = first ? d : momentum * b[i] + d;
                    b[i] = d;
                }
                w[i] = w[i] - lr * d;
            }
        }
        p.bumpVersion();
    }

    /** Zeroes every parameter's gradient in place. */
    @Override
    public void zeroGrad() {
        for (ParamGroup g : groups) {
            for (Tensor p : g.params) {
                p.zeroGrad();
            }
        }
    }

    /** All parameters of all groups, in order (a new list). */
    public List<Tensor> parameters() {
        List<Tensor> out = new ArrayList<>();
        for (ParamGroup g : groups) {
            out.addAll(g.params);
        }
        return out;
    }
}
