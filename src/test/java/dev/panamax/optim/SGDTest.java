// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SGDTest {
    @Test
    void weightDecayOnOneGroupAndNotTheOther() {
        Tensor w = Tensor.of(1.0, -2.0).requiresGrad_();
        Tensor b = Tensor.of(0.5).requiresGrad_();
        SGD opt = new SGD(0.1, SGD.group(w).weightDecay(0.5), SGD.group(b));
        assertEquals(0.5, opt.paramGroups().get(0).weightDecay());
        assertEquals(0.0, opt.paramGroups().get(1).weightDecay());
        assertEquals(0.1, opt.paramGroups().get(1).lr());
        // loss = 3 w0 + 4 w1 + 5 b: gradients 3, 4 and 5.
        Tensor c = Tensor.of(3.0, 4.0);
        w.mul(c).sum().add(b.mul(5).sum()).backward();
        opt.step();
        // w -= lr (g + wd w); b -= lr g.
        assertArrayEquals(new double[] {1 - 0.1 * (3 + 0.5 * 1), -2 - 0.1 * (4 + 0.5 * -2)}, w.toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0.5 - 0.1 * 5}, b.toDoubleArray(), 1e-15);
        opt.zeroGrad();
        assertEquals(0.0, w.grad().abs().sum().item());
        assertEquals(0.0, b.grad().abs().sum().item());
        assertTrue(w.requiresGrad() && w.isLeaf());
    }

    @Test
    void momentumAccumulatesAsTorchDoes() {
        for (DType dt : DType.values()) {
            Tensor p = Tensor.full(dt, 1.0, 2).requiresGrad_();
            SGD opt = new SGD(List.of(p), 0.1, 0.9, 0.0);
            double expected = 1.0, buf = 0;
            for (int step = 0; step < 4; step++) {
                opt.zeroGrad();
                p.mul(2).sum().backward(); // gradient 2
                opt.step();
                buf = step == 0 ? 2 : 0.9 * buf + 2;
                expected -= 0.1 * buf;
                assertEquals(expected, p.get(0), dt == DType.F64 ? 1e-14 : 1e-6, dt + " step " + step);
            }
        }
    }

    @Test
    void momentumWithWeightDecayAndLrChange() {
        Tensor p = Tensor.of(2.0).requiresGrad_();
        SGD opt = new SGD(List.of(p), 0.5, 0.5, 0.1);
        p.mul(0).sum().backward(); // gradient 0: only the decay moves p
        opt.step(); // d = 0.2, buf = 0.2, p = 2 - 0.1 = 1.9
        assertEquals(1.9, p.item(), 1e-15);
        opt.setLr(1.0);
        opt.step(); // d = 0.19, buf = 0.1 + 0.19 = 0.29, p = 1.9 - 0.29
        assertEquals(1.61, p.item(), 1e-15);
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor p = Tensor.of(1.0).requiresGrad_();
        new SGD(List.of(p), 0.1).step();
        assertNull(p.grad());
        assertEquals(1.0, p.item());
    }

    @Test
    void rejectsBadSettingsAndDuplicates() {
        Tensor p = Tensor.of(1.0).requiresGrad_();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), -0.1));
        assertEquals("SGD: invalid lr value: -0.1 (expected >= 0)", e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> new SGD(0.1, SGD.group(p), SGD.group(p)));
        assertEquals("SGD: a parameter of shape [1] appears in more than one parameter group", d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(Tensor.of(1.0)), 0.1));
    }

    @Test
    void scratchSgdDividesByBatchSizeAndZeroesGradients() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad_();
        Tensor b = Tensor.of(0.0).requiresGrad_();
        w.mul(Tensor.of(10.0, 20.0)).sum().add(b.mul(4).sum()).backward();
        Optim.sgd(List.of(w, b), 0.5, 10);
        assertArrayEquals(new double[] {1 - 0.5 * 10 / 10, 2 - 0.5 * 20 / 10}, w.toDoubleArray(), 1e-15);
        assertEquals(-0.5 * 4 / 10, b.item(), 1e-15);
        assertEquals(0.0, w.grad().abs().sum().item());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Optim.sgd(List.of(Tensor.zeros(2, 3).requiresGrad_()), 0.1, 1));
        assertEquals("sgd: parameter 0 of shape [2, 3] has no gradient: call backward() on a loss that uses it first", e.getMessage());
    }
}
