// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.DType;
import dev.panamax.Tensor;
import dev.panamax.kernel.Kernels;
import dev.panamax.kernel.UpdateKernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent ({@code torch.optim.SGD}, PyTorch 1.13's rule). For each parameter p
 * with gradient g, in its group's options:
 *
 * <pre>
 *   d = maximize ? -g : g
 *   d = d + weightDecay * p                               (L2 penalty folded into the gradient)
 *   buf = d on the first step, else momentum * buf + (1 - dampening) * d   (when momentum != 0)
 *   d = nesterov ? d + momentum * buf : buf
 *   p = p - lr * d
 * </pre>
 *
 * The chapter's weight decay decays the weight but not the bias:
 *
 * <pre>{@code
 * SGD opt = new SGD(lr, SGD.group(lin.weight()).weightDecay(wd), SGD.group(lin.bias()));
 * }</pre>
 */
public final class SGD extends Optimizer {
    private static Map<String, Object> defaults(double lr, double momentum, double weightDecay) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("momentum", momentum);
        d.put("dampening", 0.0);
        d.put("weight_decay", weightDecay);
        d.put("nesterov", false);
        d.put("maximize", false);
        return d;
    }

    /** One group, plain SGD: p -= lr * g. */
    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0, 0);
    }

    /** One group with momentum and weight decay. */
    public SGD(List<Tensor> params, double lr, double momentum, double weightDecay) {
        this(lr, momentum, weightDecay, group(params));
    }

    /** Several groups; a group's unset lr takes this lr, its other unset options PyTorch's defaults. */
    public SGD(double lr, ParamGroup... groups) {
        this(lr, 0, 0, groups);
    }

    /** Several groups with default lr, momentum and weight decay for the values a group leaves unset. */
    public SGD(double lr, double momentum, double weightDecay, ParamGroup... groups) {
        super("SGD", defaults(lr, momentum, weightDecay), groups);
    }

    @Override
    protected void check(Map<String, Object> o) {
        atLeast0(o, "lr");
        atLeast0(o, "momentum");
        atLeast0(o, "weight_decay");
        if ((Boolean) o.get("nesterov") && ((Double) o.get("momentum") <= 0 || (Double) o.get("dampening") != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening (momentum "
                    + o.get("momentum") + ", dampening " + o.get("dampening") + ")");
        }
    }

    @Override
    protected boolean countsSteps() {
        return false;
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group, State st) {
        double lr = group.lr(), wd = group.weightDecay(), momentum = group.momentum();
        double dampening = group.num("dampening");
        boolean nesterov = group.flag("nesterov"), maximize = group.flag("maximize");
        int n = p.numel();
        if (p.dtype() == DType.F32 && momentum == 0 && wd == 0 && !maximize) { // as torch: p += (-lr) * g in float
            Kernels.axpy((float) -lr, grad.f32(), 0, p.f32(), 0, n);
            return;
        }
        Tensor buf = momentum != 0 ? st.buffers.get("momentum_buffer") : null;
        if (p.dtype() == DType.F32 && buf != null) {
            UpdateKernels.sgdMomentum((float) -lr, (float) wd, (float) momentum, (float) (1 - dampening), nesterov, maximize,
                    p.f32(), grad.f32(), buf.f32(), n);
            return;
        }
        boolean first = momentum != 0 && buf == null;
        if (first) {
            buf = Tensor.zerosLike(p);
            st.buffers.put("momentum_buffer", buf);
        }
        Flat w = new Flat(p), g = new Flat(grad), b = buf == null ? null : new Flat(buf);
        double c = w.r(1 - dampening), ma = w.r(momentum), a = w.r(-lr), wdr = w.r(wd);
        for (int i = 0; i < n; i++) {
            double d = maximize ? -g.get(i) : g.get(i);
            if (wd != 0) {
                d = w.r(Math.fma(w.get(i), wdr, d));
            }
            if (b != null) {
                double bi = first ? d : w.r(Math.fma(d, c, w.r(b.get(i) * ma)));
                b.set(i, bi);
                d = nesterov ? w.r(Math.fma(bi, ma, d)) : bi;
            }
            w.set(i, Math.fma(d, a, w.get(i)));
        }
    }
}
