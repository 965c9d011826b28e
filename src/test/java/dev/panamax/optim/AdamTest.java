// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.panamax.DType;
import dev.panamax.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
    /** Adam by the textbook formula in double, for one element with a constant gradient. */
    private static double[] reference(double p, double g, int steps, double lr, double b1, double b2, double eps, double wd,
            boolean decoupled, boolean amsgrad) {
        double m = 0, v = 0, vmax = 0;
        double[] out = new double[steps];
        for (int t = 1; t <= steps; t++) {
            if (decoupled) {
                p *= 1 - lr * wd;
            }
            double d = decoupled ? g : g + wd * p;
            m = b1 * m + (1 - b1) * d;
            v = b2 * v + (1 - b2) * d * d;
            vmax = Math.max(vmax, v);
            double vh = (amsgrad ? vmax : v);
            p -= lr / (1 - Math.pow(b1, t)) * m / (Math.sqrt(vh) / Math.sqrt(1 - Math.pow(b2, t)) + eps);
            out[t - 1] = p;
        }
        return out;
    }

    @Test
    void firstStepMovesEachParameterByLr() {
        // m_hat = g and sqrt(v_hat) = |g| at t = 1: the step is lr * sign(g) (eps aside).
        Tensor p = Tensor.of(1.0, -2.0, 3.0).requiresGrad_();
        Adam opt = new Adam(List.of(p), 0.1);
        p.mul(Tensor.of(5.0, -0.001, 0.0)).sum().backward();
        opt.step();
        assertArrayEquals(new double[] {1 - 0.1 * 5 / (5 + 1e-8), -2 + 0.1 * 0.001 / (0.001 + 1e-8), 3.0}, p.toDoubleArray(), 1e-12);
    }

    @Test
    void matchesTheFormulaOverManySteps() {
        for (DType dt : DType.values()) {
            for (int variant = 0; variant < 4; variant++) {
                boolean amsgrad = variant % 2 == 1, decoupled = variant / 2 == 1;
                Tensor p = Tensor.full(dt, 0.5, 3).requiresGrad_();
                Optimizer opt = decoupled ? new AdamW(List.of(p), 0.01, 0.8, 0.99, 1e-6, 0.1, amsgrad)
                        : new Adam(List.of(p), 0.01, 0.8, 0.99, 1e-6, 0.1, amsgrad);
                double[] gs = {0.3, -2.0, 1e-4, 0.0, 5.0};
                double[][] expected = new double[3][];
                for (int e = 0; e < 3; e++) {
                    expected[e] = new double[20];
                }
                // The gradient changes each step; the reference replays it element by element.
                double[] ps = {0.5, 0.5, 0.5}, m = new double[3], v = new double[3], vmax = new double[3];
                for (int t = 1; t <= 20; t++) {
                    opt.zeroGrad();
                    double[] g = {gs[t % 5], -gs[(t + 1) % 5], gs[(t + 2) % 5] * 0.5};
                    p.mul(Tensor.fromArray(g, 3).to(dt)).sum().backward();
                    opt.step();
                    for (int e = 0; e < 3; e++) {
                        if (decoupled) {
                            ps[e] *= 1 - 0.01 * 0.1;
                        }
                        double d = decoupled ? g[e] : g[e] + 0.1 * ps[e];
                        m[e] = 0.8 * m[e] + 0.2 * d;
                        v[e] = 0.99 * v[e] + 0.01 * d * d;
                        vmax[e] = Math.max(vmax[e], v[e]);
                        double vh = amsgrad ? vmax[e] : v[e];
                        ps[e] -= 0.01 / (1 - Math.pow(0.8, t)) * m[e] / (Math.sqrt(vh) / Math.sqrt(1 - Math.pow(0.99, t)) + 1e-6);
                    }
                    assertArrayEquals(ps, p.toDoubleArray(), dt == DType.F64 ? 1e-13 : 2e-6, dt + " variant " + variant + " step " + t);
                }
            }
        }
    }

    @Test
    void constantGradientAgreesWithReference() {
        Tensor p = Tensor.of(2.0).requiresGrad_();
        Adam opt = new Adam(List.of(p), 0.05, 0.9, 0.999, 1e-8, 0.0, false);
        double[] ref = reference(2.0, 1.5, 25, 0.05, 0.9, 0.999, 1e-8, 0, false, false);
        for (int t = 0; t < 25; t++) {
            opt.zeroGrad(true);
            p.mul(1.5).sum().backward();
            opt.step();
            assertEquals(ref[t], p.item(), 1e-13, "step " + (t + 1));
        }
    }

    @Test
    void zeroGradSetToNoneDropsTheGradient() {
        Tensor p = Tensor.of(1.0).requiresGrad_();
        Adam opt = new Adam(List.of(p), 0.1);
        p.mul(2).sum().backward();
        opt.zeroGrad();
        assertEquals(0.0, p.grad().item());
        opt.zeroGrad(true);
        assertEquals(null, p.grad());
        opt.step(); // no gradient: no update, no state
        assertEquals(1.0, p.item());
        assertEquals(0, opt.stateDict().state().size());
    }

    @Test
    void perGroupOptions() {
        Tensor a = Tensor.of(1.0).requiresGrad_(), b = Tensor.of(1.0).requiresGrad_();
        Adam opt = new Adam(0.1, Adam.group(a), Adam.group(b).lr(0.2).maximize(true));
        a.add(b).sum().backward();
        opt.step();
        assertEquals(0.9, a.item(), 1e-7);
        assertEquals(1.2, b.item(), 1e-6); // maximize: up the gradient
        assertArrayEquals(new double[] {0.9, 0.999}, opt.paramGroups().get(1).betas());
    }

    @Test
    void rejectsBadOptionsInOneLineChangingNothing() {
        Tensor p = Tensor.of(1.0).requiresGrad_();
        assertEquals("Adam: invalid lr value: -1.0 (expected >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), -1)).getMessage());
        assertEquals("Adam: invalid beta parameter at index 1: 1.0 (expected 0 <= beta < 1)",
                assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1, 0.9, 1.0, 1e-8, 0, false)).getMessage());
        assertEquals("Adam: invalid eps value: -1.0E-8 (expected >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1, 0.9, 0.9, -1e-8, 0, false)).getMessage());
        assertEquals("AdamW: invalid weight_decay value: NaN (expected >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(p), 0.1, 0.9, 0.9, 1e-8, Double.NaN, false)).getMessage());
        assertEquals("Adam: unknown option momentum (its options are [lr, betas, eps, weight_decay, amsgrad, maximize])",
                assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, Adam.group(p).momentum(0.9))).getMessage());
        Adam opt = new Adam(List.of(p), 0.1);
        ParamGroup g = opt.paramGroups().get(0);
        assertEquals("SGD: a param group can belong to one optimizer only, and this one is Adam's",
                assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, g)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.betas(-0.1, 0.9));
        assertArrayEquals(new double[] {0.9, 0.999}, g.betas());
    }
}
