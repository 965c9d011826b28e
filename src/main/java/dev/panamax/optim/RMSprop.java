// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.DType;
import dev.panamax.Tensor;
import dev.panamax.kernel.UpdateKernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop ({@code torch.optim.RMSprop}, PyTorch 1.13's rule). For each parameter p with gradient g:
 *
 * <pre>
 *   g = maximize ? -g : g;  g = g + weightDecay * p
 *   sq = alpha * sq + (1 - alpha) * g * g
 *   centered: ga = alpha * ga + (1 - alpha) * g;  avg = sqrt(sq - ga * ga) + eps
 *   else:     avg = sqrt(sq) + eps
 *   momentum > 0: buf = momentum * buf + g / avg;  p = p - lr * buf
 *   else:         p = p - lr * g / avg
 * </pre>
 *
 * Float32 parameters are updated by one fused pass ({@link UpdateKernels#rmsprop}).
 */
public final class RMSprop extends Optimizer {
    private static Map<String, Object> defaults(double lr, double alpha, double eps, double weightDecay, double momentum,
            boolean centered) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("momentum", momentum);
        d.put("alpha", alpha);
        d.put("eps", eps);
        d.put("centered", centered);
        d.put("weight_decay", weightDecay);
        d.put("maximize", false);
        return d;
    }

    /** One group with PyTorch's defaults: alpha 0.99, eps 1e-8, no weight decay or momentum, not centered. */
    public RMSprop(List<Tensor> params, double lr) {
        this(params, lr, 0.99, 1e-8, 0, 0, false);
    }

    public RMSprop(List<Tensor> params, double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        super("RMSprop", defaults(lr, alpha, eps, weightDecay, momentum, centered), group(params));
    }

    /** Several groups; options a group leaves unset take lr and PyTorch's defaults. */
    public RMSprop(double lr, ParamGroup... groups) {
        super("RMSprop", defaults(lr, 0.99, 1e-8, 0, 0, false), groups);
    }

    @Override
    protected void check(Map<String, Object> o) {
        atLeast0(o, "lr");
        atLeast0(o, "eps");
        atLeast0(o, "momentum");
        atLeast0(o, "weight_decay");
        atLeast0(o, "alpha");
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group, State st) {
        double lr = group.lr(), wd = group.weightDecay(), momentum = group.momentum(), alpha = group.num("alpha");
        double eps = group.num("eps");
        boolean centered = group.flag("centered"), maximize = group.flag("maximize");
        if (p.dtype() == DType.F32) {
            Tensor sqT = buffer(st, "square_avg", p), buf = momentum > 0 ? buffer(st, "momentum_buffer", p) : null;
            Tensor ga = centered ? buffer(st, "grad_avg", p) : null;
            UpdateKernels.rmsprop(new UpdateKernels.RmspropStep((float) -lr, (float) wd, (float) alpha, (float) (1 - alpha),
                    (float) eps, (float) momentum, maximize), p.f32(), grad.f32(), sqT.f32(), ga == null ? null : ga.f32(),
                    buf == null ? null : buf.f32(), p.numel());
            return;
        }
        Flat w = new Flat(p), g = new Flat(grad), sq = new Flat(buffer(st, "square_avg", p));
        Flat buf = momentum > 0 ? new Flat(buffer(st, "momentum_buffer", p)) : null;
        Flat ga = centered ? new Flat(buffer(st, "grad_avg", p)) : null;
        double a = w.r(alpha), c = w.r(1 - alpha), e = w.r(eps), ma = w.r(momentum), nlr = w.r(-lr), wdr = w.r(wd);
        for (int i = 0; i < w.n; i++) {
            double d = maximize ? -g.get(i) : g.get(i);
            if (wd != 0) {
                d = w.r(Math.fma(w.get(i), wdr, d));
            }
            double s = w.r(w.r(sq.get(i) * a) + w.r(w.r(c * d) * d));
            sq.set(i, s);
            double avg;
            if (ga != null) {
                double m = w.r(Math.fma(d, c, w.r(ga.get(i) * a)));
                ga.set(i, m);
                avg = w.r(Math.sqrt(w.r(s + w.r(w.r(-1.0 * m) * m))));
            } else {
                avg = w.r(Math.sqrt(s));
            }
            avg = w.r(avg + e);
            if (buf != null) {
                double bi = w.r(w.r(buf.get(i) * ma) + w.r(d / avg));
                buf.set(i, bi);
                w.set(i, Math.fma(bi, nlr, w.get(i)));
            } else {
                w.set(i, w.get(i) + w.r(nlr * w.r(d / avg)));
            }
        }
    }
}
