// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.panamax.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateDictTest {
    private static void steps(Optimizer o, Tensor... ps) {
        for (int t = 0; t < 3; t++) {
            o.zeroGrad();
            for (Tensor p : ps) {
                p.mul(p).sum().mul(0.5 + t).backward();
            }
            o.step();
        }
    }

    @Test
    void aLoadedStateContinuesAsTheOriginal() {
        Tensor a = Tensor.of(1.0, -2.0).requiresGrad_(), b = Tensor.of(0.5).requiresGrad_();
        Adam o = new Adam(0.1, Adam.group(a).amsgrad(true), Adam.group(b).lr(0.05));
        steps(o, a, b);
        Optimizer.StateDict sd = o.stateDict();
        assertEquals(List.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"), List.copyOf(sd.state().get(0).keySet()));
        assertEquals(3.0, sd.state().get(1).get("step").item());
        assertEquals(List.of(1), sd.paramGroups().get(1).get("params"));
        assertEquals(0.05, sd.paramGroups().get(1).get("lr"));

        Tensor a2 = Tensor.of(a.toDoubleArray()).requiresGrad_(), b2 = Tensor.of(b.toDoubleArray()).requiresGrad_();
        Adam o2 = new Adam(0.3, Adam.group(a2), Adam.group(b2));
        o2.loadStateDict(sd);
        assertEquals(0.05, o2.paramGroups().get(1).lr());
        steps(o, a, b);
        steps(o2, a2, b2);
        assertArrayEquals(a.toDoubleArray(), a2.toDoubleArray(), 0.0);
        assertArrayEquals(b.toDoubleArray(), b2.toDoubleArray(), 0.0);
    }

    @Test
    void otherShapesOrParametersAreRefusedChangingNothing() {
        Tensor a = Tensor.of(1.0, -2.0).requiresGrad_();
        SGD o = new SGD(List.of(a), 0.1, 0.9, 0);
        steps(o, a);
        Optimizer.StateDict sd = o.stateDict();

        Tensor c = Tensor.of(1.0, 2.0, 3.0).requiresGrad_();
        SGD other = new SGD(List.of(c), 0.2, 0.5, 0);
        assertEquals("SGD.loadStateDict: parameter 0: momentum_buffer is F64[2], the parameter F64[3]",
                assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(sd)).getMessage());
        assertEquals(0.2, other.paramGroups().get(0).lr());
        assertEquals(0, other.stateDict().state().size());

        SGD two = new SGD(List.of(Tensor.of(1.0, 2.0).requiresGrad_(), Tensor.of(1.0).requiresGrad_()), 0.1);
        assertEquals("SGD.loadStateDict: group 0 has parameters [0] in the state and [0, 1] here",
                assertThrows(IllegalArgumentException.class, () -> two.loadStateDict(sd)).getMessage());
        Adam adam = new Adam(List.of(Tensor.of(1.0, 2.0).requiresGrad_()), 0.1);
        assertEquals("Adam.loadStateDict: group 0 has options [lr, momentum, dampening, weight_decay, nesterov, maximize],"
                + " Adam has [lr, betas, eps, weight_decay, amsgrad, maximize]",
                assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(sd)).getMessage());
    }

    @Test
    void nesterovAndMomentumChecks() {
        Tensor a = Tensor.of(1.0).requiresGrad_();
        assertEquals("SGD: Nesterov momentum requires a momentum and zero dampening (momentum 0.0, dampening 0.0)",
                assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, SGD.group(a).nesterov(true))).getMessage());
        assertEquals("SGD: invalid momentum value: -0.5 (expected >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(a), 0.1, -0.5, 0)).getMessage());
        assertEquals("RMSprop: invalid alpha value: -0.1 (expected >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new RMSprop(List.of(a), 0.1, -0.1, 1e-8, 0, 0, false)).getMessage());
        assertEquals("Adagrad: invalid lr_decay value: -1.0 (expected >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new Adagrad(List.of(a), 0.1, -1, 0, 0, 1e-10)).getMessage());
    }
}
