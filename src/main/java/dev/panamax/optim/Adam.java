// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.DType;
import dev.panamax.Tensor;
import dev.panamax.kernel.UpdateKernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam ({@code torch.optim.Adam}, PyTorch 1.13's rule). For each parameter p with gradient g, at
 * step t = 1, 2, ... of that parameter, in its group's options:
 *
 * <pre>
 *   g = maximize ? -g : g
 *   g = g + weightDecay * p                       (L2 penalty coupled into the gradient)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   vmax = max(vmax, v)                           (amsgrad: the raw second moment's maximum)
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(amsgrad ? vmax : v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * eps is added after the bias-corrected square root, as PyTorch does. Float32 parameters are
 * updated by one fused pass ({@link UpdateKernels#adam}), on the GEMM threads for large ones; it
 * multiplies by 1 / sqrt(1 - beta2^t) where PyTorch divides (within an ulp of the denominator).
 *
 * <pre>{@code
 * Adam opt = new Adam(net.parameters(), 1e-3);
 * Adam tuned = new Adam(1e-3, Adam.group(weights).weightDecay(1e-4), Adam.group(biases).betas(0.8, 0.99));
 * }</pre>
 */
public class Adam extends Optimizer {
    private final boolean decoupled;

    static Map<String, Object> defaults(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("betas", new double[] {beta1, beta2});
        d.put("eps", eps);
        d.put("weight_decay", weightDecay);
        d.put("amsgrad", amsgrad);
        d.put("maximize", false);
        return d;
    }

    /** One group with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /** One group with every option but maximize (set it on the group: {@code paramGroups().get(0).maximize(true)}). */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this("Adam", false, defaults(lr, beta1, beta2, eps, weightDecay, amsgrad), group(params));
    }

    /** Several groups; options a group leaves unset take lr and PyTorch's defaults. */
    public Adam(double lr, ParamGroup... groups) {
        this("Adam", false, defaults(lr, 0.9, 0.999, 1e-8, 0, false), groups);
    }

    Adam(String name, boolean decoupled, Map<String, Object> defaults, ParamGroup... groups) {
        super(name, defaults, groups);
        this.decoupled = decoupled;
    }

    @Override
    protected void check(Map<String, Object> o) {
        atLeast0(o, "lr");
        atLeast0(o, "eps");
        betas(o);
        atLeast0(o, "weight_decay");
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group, State st) {
        double lr = group.lr(), wd = group.weightDecay(), eps = group.num("eps");
        double[] b = group.betas();
        boolean amsgrad = group.flag("amsgrad"), maximize = group.flag("maximize");
        Tensor m = buffer(st, "exp_avg", p), v = buffer(st, "exp_avg_sq", p);
        Tensor vmax = amsgrad ? buffer(st, "max_exp_avg_sq", p) : null;
        double bc1 = 1 - Math.pow(b[0], st.step), bc2 = 1 - Math.pow(b[1], st.step);
        double stepSize = lr / bc1, bc2Sqrt = Math.sqrt(bc2);
        double decay = decoupled ? 1 - lr * wd : 1, l2 = decoupled ? 0 : wd;
        if (p.dtype() == DType.F32) {
            UpdateKernels.adam(new UpdateKernels.AdamStep((float) decay, (float) l2, maximize, (float) b[0],
                    (float) (1 - b[0]), (float) b[1], (float) (1 - b[1]), (float) (1 / bc2Sqrt), (float) eps, (float) -stepSize),
                    p.f32(), grad.f32(), m.f32(), v.f32(), vmax == null ? null : vmax.f32(), p.numel());
        } else {
            UpdateKernels.adam(decay, l2, maximize, b[0], b[1], bc2Sqrt, eps, -stepSize,
                    p.f64(), grad.f64(), m.f64(), v.f64(), vmax == null ? null : vmax.f64(), p.numel());
        }
    }
}
