// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * The optimizers' fused element-wise updates, one pass over a parameter and its state instead of
 * PyTorch's five or six (each of which reads and writes the whole tensor). Each element goes through
 * the float32 operations of PyTorch's single-tensor loop in the same order, so the result is that of
 * the unfused ops; the Vector API path ({@link UpdateVectorKernels}) and the scalar twin here do the
 * same operations and give the same bits. From {@link Split#MIN} elements on, the java GEMM backend's
 * threads each take a contiguous range, as {@link Kernels#axpy} does; the results do not depend on
 * the split.
 */
public final class UpdateKernels {
    private UpdateKernels() {}

    /**
     * Adam's and AdamW's constants for one step, as float32 (PyTorch casts the Python scalars so);
     * invBiasCorrection2Sqrt is 1 / sqrt(1 - beta2^t).
     */
    public record AdamStep(float decay, float weightDecay, boolean maximize, float beta1, float oneMinusBeta1,
            float beta2, float oneMinusBeta2, float invBiasCorrection2Sqrt, float eps, float negStepSize) {}

    /**
     * One Adam or AdamW step on n elements, element by element:
     *
     * <pre>
     *   p = p * decay                          (AdamW: decay = 1 - lr * wd; skipped when 1)
     *   g = maximize ? -g : g
     *   g = fma(p, weightDecay, g)             (Adam's L2 term; skipped when 0)
     *   m = fma(g, 1 - beta1, m * beta1)
     *   v = v * beta2 + (1 - beta2) * g * g
     *   vmax = max(vmax, v)                    (amsgrad, when vmax is not null)
     *   p = fma(m / fma(sqrt(vmax or v), invBiasCorrection2Sqrt, eps), negStepSize, p)
     * </pre>
     *
     * PyTorch divides sqrt(v) by sqrt(1 - beta2^t) and rounds after each operation; multiplying by
     * the reciprocal in fused multiply-adds changes the result by an ulp or so and leaves one
     * division per element, not two: on one Zen 5 core the pass over the MLP's 200K parameters went
     * from 148 to 102 us (SGD with momentum: 76), the fused multiply-adds saving a little more.
     *
     * Modified: p, m, v, vmax. Not modified: g.
     */
    public static void adam(AdamStep s, float[] p, float[] g, float[] m, float[] v, float[] vmax, int n) {
        if (n >= Split.MIN) {
            Split.run(n, (from, to) -> adamRange(s, p, g, m, v, vmax, from, to));
        } else {
            adamRange(s, p, g, m, v, vmax, 0, n);
        }
    }

    private static void adamRange(AdamStep s, float[] p, float[] g, float[] m, float[] v, float[] vmax, int from, int to) {
        if (Simd.ENABLED) {
            UpdateVectorKernels.adam(s, p, g, m, v, vmax, from, to);
        } else {
            adam(s, p, g, m, v, vmax, from, to);
        }
    }

    /** The scalar twin of {@link UpdateVectorKernels#adam}: elements [from, to). */
    static void adam(AdamStep s, float[] p, float[] g, float[] m, float[] v, float[] vmax, int from, int to) {
        for (int i = from; i < to; i++) {
            float w = s.decay() != 1f ? p[i] * s.decay() : p[i];
            float d = s.maximize() ? -g[i] : g[i];
            if (s.weightDecay() != 0f) {
                d = Math.fma(w, s.weightDecay(), d);
            }
            float mi = Math.fma(d, s.oneMinusBeta1(), m[i] * s.beta1());
            float vi = v[i] * s.beta2() + s.oneMinusBeta2() * d * d;
            m[i] = mi;
            v[i] = vi;
            if (vmax != null) {
                vi = Math.max(vmax[i], vi);
                vmax[i] = vi;
            }
            float denom = Math.fma((float) Math.sqrt(vi), s.invBiasCorrection2Sqrt(), s.eps());
            p[i] = Math.fma(mi / denom, s.negStepSize(), w);
        }
    }

    /** {@link #adam} in float64, with the same operations in double. Modified: p, m, v, vmax. */
    public static void adam(double decay, double weightDecay, boolean maximize, double beta1, double beta2,
            double biasCorrection2Sqrt, double eps, double negStepSize,
            double[] p, double[] g, double[] m, double[] v, double[] vmax, int n) {
        double c1 = 1 - beta1, c2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            double w = decay != 1 ? p[i] * decay : p[i];
            double d = maximize ? -g[i] : g[i];
            if (weightDecay != 0) {
                d = Math.fma(w, weightDecay, d);
            }
            double mi = Math.fma(d, c1, m[i] * beta1);
            double vi = v[i] * beta2 + c2 * d * d;
            m[i] = mi;
            v[i] = vi;
            if (vmax != null) {
                vi = Math.max(vmax[i], vi);
                vmax[i] = vi;
            }
            p[i] = w + negStepSize * (mi / (Math.sqrt(vi) / biasCorrection2Sqrt + eps));
        }
    }

    /**
     * SGD with momentum after the first step (the buffer exists), element by element, as PyTorch:
     * <pre>
     *   d = maximize ? -g : g;  d = fma(p, weightDecay, d)
     *   buf = fma(d, 1 - dampening, buf * momentum)
     *   p = fma(nesterov ? fma(buf, momentum, d) : buf, -lr, p)
     * </pre>
     * Modified: p, buf. Not modified: g.
     */
    public static void sgdMomentum(float negLr, float weightDecay, float momentum, float oneMinusDampening,
            boolean nesterov, boolean maximize, float[] p, float[] g, float[] buf, int n) {
        if (n >= Split.MIN) {
            Split.run(n, (from, to) -> sgdRange(negLr, weightDecay, momentum, oneMinusDampening, nesterov, maximize,
                    p, g, buf, from, to));
        } else {
            sgdRange(negLr, weightDecay, momentum, oneMinusDampening, nesterov, maximize, p, g, buf, 0, n);
        }
    }

    private static void sgdRange(float negLr, float weightDecay, float momentum, float oneMinusDampening,
            boolean nesterov, boolean maximize, float[] p, float[] g, float[] buf, int from, int to) {
        if (Simd.ENABLED) {
            UpdateVectorKernels.sgdMomentum(negLr, weightDecay, momentum, oneMinusDampening, nesterov, maximize, p, g, buf, from, to);
        } else {
            sgdMomentum(negLr, weightDecay, momentum, oneMinusDampening, nesterov, maximize, p, g, buf, from, to);
        }
    }

    /** The scalar twin of {@link UpdateVectorKernels#sgdMomentum}: elements [from, to). */
    static void sgdMomentum(float negLr, float weightDecay, float momentum, float oneMinusDampening,
            boolean nesterov, boolean maximize, float[] p, float[] g, float[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            float d = maximize ? -g[i] : g[i];
            if (weightDecay != 0f) {
                d = Math.fma(p[i], weightDecay, d);
            }
            float b = Math.fma(d, oneMinusDampening, buf[i] * momentum);
            buf[i] = b;
            p[i] = Math.fma(nesterov ? Math.fma(b, momentum, d) : b, negLr, p[i]);
        }
    }

    /** RMSprop's constants for one step, as float32. */
    public record RmspropStep(float negLr, float weightDecay, float alpha, float oneMinusAlpha, float eps, float momentum,
            boolean maximize) {}

    /**
     * One RMSprop step on n elements, element by element, in PyTorch's order of operations:
     * <pre>
     *   g = maximize ? -g : g;  g = fma(p, weightDecay, g)           (skipped when 0)
     *   sq = sq * alpha + (1 - alpha) * g * g
     *   ga = fma(g, 1 - alpha, ga * alpha);  avg = sqrt(sq + (-ga) * ga) + eps   (centered: ga not null)
     *   avg = sqrt(sq) + eps                                         (otherwise)
     *   buf = buf * momentum + g / avg;  p = fma(buf, -lr, p)        (buf not null)
     *   p = p + (-lr) * (g / avg)                                    (otherwise)
     * </pre>
     * Modified: p, sq, ga, buf. Not modified: g.
     */
    public static void rmsprop(RmspropStep s, float[] p, float[] g, float[] sq, float[] ga, float[] buf, int n) {
        if (n >= Split.MIN) {
            Split.run(n, (from, to) -> rmspropRange(s, p, g, sq, ga, buf, from, to));
        } else {
            rmspropRange(s, p, g, sq, ga, buf, 0, n);
        }
    }

    private static void rmspropRange(RmspropStep s, float[] p, float[] g, float[] sq, float[] ga, float[] buf, int from, int to) {
        if (Simd.ENABLED) {
            UpdateVectorKernels.rmsprop(s, p, g, sq, ga, buf, from, to);
        } else {
            rmsprop(s, p, g, sq, ga, buf, from, to);
        }
    }

    /** The scalar twin of {@link UpdateVectorKernels#rmsprop}: elements [from, to). */
    static void rmsprop(RmspropStep s, float[] p, float[] g, float[] sq, float[] ga, float[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            float d = s.maximize() ? -g[i] : g[i];
            if (s.weightDecay() != 0f) {
                d = Math.fma(p[i], s.weightDecay(), d);
            }
            float q = sq[i] * s.alpha() + s.oneMinusAlpha() * d * d;
            sq[i] = q;
            float avg;
            if (ga != null) {
                float m = Math.fma(d, s.oneMinusAlpha(), ga[i] * s.alpha());
                ga[i] = m;
                avg = (float) Math.sqrt(q + -m * m) + s.eps();
            } else {
                avg = (float) Math.sqrt(q) + s.eps();
            }
            if (buf != null) {
                float b = buf[i] * s.momentum() + d / avg;
                buf[i] = b;
                p[i] = Math.fma(b, s.negLr(), p[i]);
            } else {
                p[i] = p[i] + s.negLr() * (d / avg);
            }
        }
    }

    /**
     * One Adagrad step on n elements, element by element, in PyTorch's order of operations:
     * g = maximize ? -g : g; g = fma(p, weightDecay, g) (skipped when 0); sum = sum + g * g;
     * p = p + negClr * (g / (sqrt(sum) + eps)). Modified: p, sum. Not modified: g.
     */
    public static void adagrad(float negClr, float weightDecay, float eps, boolean maximize, float[] p, float[] g, float[] sum, int n) {
        if (n >= Split.MIN) {
            Split.run(n, (from, to) -> adagradRange(negClr, weightDecay, eps, maximize, p, g, sum, from, to));
        } else {
            adagradRange(negClr, weightDecay, eps, maximize, p, g, sum, 0, n);
        }
    }

    private static void adagradRange(float negClr, float weightDecay, float eps, boolean maximize, float[] p, float[] g, float[] sum,
            int from, int to) {
        if (Simd.ENABLED) {
            UpdateVectorKernels.adagrad(negClr, weightDecay, eps, maximize, p, g, sum, from, to);
        } else {
            adagrad(negClr, weightDecay, eps, maximize, p, g, sum, from, to);
        }
    }

    /** The scalar twin of {@link UpdateVectorKernels#adagrad}: elements [from, to). */
    static void adagrad(float negClr, float weightDecay, float eps, boolean maximize, float[] p, float[] g, float[] sum, int from, int to) {
        for (int i = from; i < to; i++) {
            float d = maximize ? -g[i] : g[i];
            if (weightDecay != 0f) {
                d = Math.fma(p[i], weightDecay, d);
            }
            float s = sum[i] + d * d;
            sum[i] = s;
            p[i] = p[i] + negClr * (d / ((float) Math.sqrt(s) + eps));
        }
    }
}
