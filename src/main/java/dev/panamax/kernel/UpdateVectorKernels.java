// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bodies of {@link UpdateKernels}: the same float operations in the same order as the
 * scalar twins there, a vector at a time, then a scalar tail. Loaded only when {@link Simd#ENABLED}.
 */
final class UpdateVectorKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private UpdateVectorKernels() {}

    static void adam(UpdateKernels.AdamStep s, float[] p, float[] g, float[] m, float[] v, float[] vmax, int from, int to) {
        float decay = s.decay(), wd = s.weightDecay(), beta1 = s.beta1(), c1 = s.oneMinusBeta1(), beta2 = s.beta2();
        float c2 = s.oneMinusBeta2(), bc2 = s.invBiasCorrection2Sqrt(), eps = s.eps(), step = s.negStepSize();
        boolean scale = decay != 1f, l2 = wd != 0f, max = s.maximize();
        FloatVector vwd = FloatVector.broadcast(F, wd), vc1 = FloatVector.broadcast(F, c1);
        FloatVector vbc2 = FloatVector.broadcast(F, bc2), veps = FloatVector.broadcast(F, eps), vstep = FloatVector.broadcast(F, step);
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            FloatVector w = FloatVector.fromArray(F, p, i);
            if (scale) {
                w = w.mul(decay);
            }
            FloatVector d = FloatVector.fromArray(F, g, i);
            if (max) {
                d = d.neg();
            }
            if (l2) {
                d = w.fma(vwd, d);
            }
            FloatVector mi = d.fma(vc1, FloatVector.fromArray(F, m, i).mul(beta1));
            FloatVector vi = FloatVector.fromArray(F, v, i).mul(beta2).add(d.mul(c2).mul(d));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            if (vmax != null) {
                vi = FloatVector.fromArray(F, vmax, i).max(vi);
                vi.intoArray(vmax, i);
            }
            FloatVector denom = vi.sqrt().fma(vbc2, veps);
            mi.div(denom).fma(vstep, w).intoArray(p, i);
        }
        UpdateKernels.adam(s, p, g, m, v, vmax, i, to);
    }

    static void sgdMomentum(float negLr, float weightDecay, float momentum, float oneMinusDampening,
            boolean nesterov, boolean maximize, float[] p, float[] g, float[] buf, int from, int to) {
        boolean l2 = weightDecay != 0f;
        FloatVector vwd = FloatVector.broadcast(F, weightDecay), vc = FloatVector.broadcast(F, oneMinusDampening);
        FloatVector vm = FloatVector.broadcast(F, momentum), vlr = FloatVector.broadcast(F, negLr);
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            FloatVector d = FloatVector.fromArray(F, g, i);
            if (maximize) {
                d = d.neg();
            }
            FloatVector w = FloatVector.fromArray(F, p, i);
            if (l2) {
                d = w.fma(vwd, d);
            }
            FloatVector b = d.fma(vc, FloatVector.fromArray(F, buf, i).mul(momentum));
            b.intoArray(buf, i);
            (nesterov ? b.fma(vm, d) : b).fma(vlr, w).intoArray(p, i);
        }
        UpdateKernels.sgdMomentum(negLr, weightDecay, momentum, oneMinusDampening, nesterov, maximize, p, g, buf, i, to);
    }

    static void rmsprop(UpdateKernels.RmspropStep s, float[] p, float[] g, float[] sq, float[] ga, float[] buf, int from, int to) {
        float alpha = s.alpha(), c = s.oneMinusAlpha(), eps = s.eps(), mom = s.momentum(), lr = s.negLr();
        boolean l2 = s.weightDecay() != 0f, max = s.maximize();
        FloatVector vwd = FloatVector.broadcast(F, s.weightDecay()), vc = FloatVector.broadcast(F, c);
        FloatVector vlr = FloatVector.broadcast(F, lr);
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            FloatVector w = FloatVector.fromArray(F, p, i);
            FloatVector d = FloatVector.fromArray(F, g, i);
            if (max) {
                d = d.neg();
            }
            if (l2) {
                d = w.fma(vwd, d);
            }
            FloatVector q = FloatVector.fromArray(F, sq, i).mul(alpha).add(vc.mul(d).mul(d));
            q.intoArray(sq, i);
            FloatVector avg;
            if (ga != null) {
                FloatVector m = d.fma(vc, FloatVector.fromArray(F, ga, i).mul(alpha));
                m.intoArray(ga, i);
                avg = q.add(m.neg().mul(m)).sqrt().add(eps);
            } else {
                avg = q.sqrt().add(eps);
            }
            if (buf != null) {
                FloatVector b = FloatVector.fromArray(F, buf, i).mul(mom).add(d.div(avg));
                b.intoArray(buf, i);
                b.fma(vlr, w).intoArray(p, i);
            } else {
                w.add(vlr.mul(d.div(avg))).intoArray(p, i);
            }
        }
        UpdateKernels.rmsprop(s, p, g, sq, ga, buf, i, to);
    }

    static void adagrad(float negClr, float weightDecay, float eps, boolean maximize, float[] p, float[] g, float[] sum, int from, int to) {
        boolean l2 = weightDecay != 0f;
        FloatVector vwd = FloatVector.broadcast(F, weightDecay), vlr = FloatVector.broadcast(F, negClr);
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            FloatVector w = FloatVector.fromArray(F, p, i);
            FloatVector d = FloatVector.fromArray(F, g, i);
            if (maximize) {
                d = d.neg();
            }
            if (l2) {
                d = w.fma(vwd, d);
            }
            FloatVector s = FloatVector.fromArray(F, sum, i).add(d.mul(d));
            s.intoArray(sum, i);
            w.add(vlr.mul(d.div(s.sqrt().add(eps)))).intoArray(p, i);
        }
        UpdateKernels.adagrad(negClr, weightDecay, eps, maximize, p, g, sum, i, to);
    }
}
