// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.DType;
import dev.panamax.Tensor;
import dev.panamax.kernel.UpdateKernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad ({@code torch.optim.Adagrad}, PyTorch 1.13's rule). The sum starts at
 * initialAccumulatorValue; at step t of a parameter p with gradient g:
 *
 * <pre>
 *   g = maximize ? -g : g;  g = g + weightDecay * p
 *   clr = lr / (1 + (t - 1) * lrDecay)
 *   sum = sum + g * g
 *   p = p - clr * g / (sqrt(sum) + eps)
 * </pre>
 *
 * Float32 parameters are updated by one fused pass ({@link UpdateKernels#adagrad}).
 */
public final class Adagrad extends Optimizer {
    private static Map<String, Object> defaults(double lr, double lrDecay, double weightDecay, double initial, double eps) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("lr_decay", lrDecay);
        d.put("eps", eps);
        d.put("weight_decay", weightDecay);
        d.put("initial_accumulator_value", initial);
        d.put("maximize", false);
        return d;
    }

    /** One group with PyTorch's defaults: no lr decay or weight decay, sum from 0, eps 1e-10. */
    public Adagrad(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, 1e-10);
    }

    public Adagrad(List<Tensor> params, double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
        super("Adagrad", defaults(lr, lrDecay, weightDecay, initialAccumulatorValue, eps), group(params));
    }

    /** Several groups; options a group leaves unset take lr and PyTorch's defaults. */
    public Adagrad(double lr, ParamGroup... groups) {
        super("Adagrad", defaults(lr, 0, 0, 0, 1e-10), groups);
    }

    @Override
    protected void check(Map<String, Object> o) {
        atLeast0(o, "lr");
        atLeast0(o, "lr_decay");
        atLeast0(o, "weight_decay");
        atLeast0(o, "initial_accumulator_value");
        atLeast0(o, "eps");
    }

    @Override
    protected void init(Tensor p, ParamGroup group, State st) {
        st.buffers.put("sum", Tensor.fullLike(p, group.num("initial_accumulator_value")));
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group, State st) {
        double wd = group.weightDecay();
        boolean maximize = group.flag("maximize");
        double clr = group.lr() / (1 + (st.step - 1) * group.num("lr_decay"));
        if (p.dtype() == DType.F32) {
            UpdateKernels.adagrad((float) -clr, (float) wd, (float) group.num("eps"), maximize, p.f32(), grad.f32(),
                    st.buffers.get("sum").f32(), p.numel());
            return;
        }
        Flat w = new Flat(p), g = new Flat(grad), sum = new Flat(st.buffers.get("sum"));
        double e = w.r(group.num("eps")), a = w.r(-clr), wdr = w.r(wd);
        for (int i = 0; i < w.n; i++) {
            double d = maximize ? -g.get(i) : g.get(i);
            if (wd != 0) {
                d = w.r(Math.fma(w.get(i), wdr, d));
            }
            double s = w.r(sum.get(i) + w.r(d * d));
            sum.set(i, s);
            w.set(i, w.get(i) + w.r(a * w.r(d / w.r(w.r(Math.sqrt(s)) + e))));
        }
    }
}
