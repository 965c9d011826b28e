// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import org.junit.jupiter.api.Test;

class InitTest {
    private static double std(Tensor t) {
        double m = t.mean().item();
        return Math.sqrt(t.sub(m).pow(2).mean().item());
    }

    private static double maxAbs(Tensor t) {
        return t.abs().max().item();
    }

    @Test
    void gainsAreTorchs() {
        assertEquals(1.0, Init.calculateGain("linear"));
        assertEquals(1.0, Init.calculateGain("sigmoid"));
        assertEquals(5.0 / 3, Init.calculateGain("tanh"));
        assertEquals(Math.sqrt(2), Init.calculateGain("relu"));
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.calculateGain("leaky_relu"));
        assertEquals(Math.sqrt(2 / 6.0), Init.calculateGain("leaky_relu", Math.sqrt(5)), 1e-15);
        assertEquals(0.75, Init.calculateGain("selu"));
        assertThrows(IllegalArgumentException.class, () -> Init.calculateGain("gelu"));
        assertArrayEquals(new int[] {3 * 5 * 7, 2 * 5 * 7}, Init.fans(Tensor.zeros(2, 3, 5, 7)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.xavierNormal_(Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("fewer than 2 dimensions, got [5]"), e.getMessage());
    }

    @Test
    void xavierNormalStdIsSqrtTwoOverFanSum() {
        Tensor w = Init.xavierNormal_(Tensor.zeros(1000, 1000), 1.0, new Generator(1));
        double expected = Math.sqrt(2.0 / 2000);
        assertEquals(expected, std(w), 0.02 * expected);
        assertEquals(0.0, w.mean().item(), 0.01 * expected);
        Tensor r = Init.xavierNormal_(Tensor.zeros(300, 500), Init.calculateGain("tanh"), new Generator(2));
        assertEquals(5.0 / 3 * Math.sqrt(2.0 / 800), std(r), 0.03 * 5.0 / 3 * Math.sqrt(2.0 / 800));
    }

    @Test
    void xavierUniformBoundAndStd() {
        Tensor w = Init.xavierUniform_(Tensor.zeros(DType.F64, 1000, 1000), 1.0, new Generator(3));
        double a = Math.sqrt(6.0 / 2000);
        assertTrue(maxAbs(w) <= a && maxAbs(w) > 0.999 * a);
        assertEquals(Math.sqrt(2.0 / 2000), std(w), 0.02 * Math.sqrt(2.0 / 2000));
    }

    @Test
    void kaimingBoundsAndStd() {
        // Defaults (a = 0, fan_in, leaky_relu): bound = sqrt(2) * sqrt(3 / fan_in) = sqrt(6 / fan_in).
        Tensor w = Init.kaimingUniform_(Tensor.zeros(DType.F64, 200, 600), 0, Init.FanMode.FAN_IN, "leaky_relu", new Generator(4));
        double bound = Math.sqrt(6.0 / 600);
        assertTrue(maxAbs(w) <= bound && maxAbs(w) > 0.999 * bound, maxAbs(w) + " vs " + bound);
        // fan_out and relu: bound = sqrt(6 / fan_out).
        Tensor o = Init.kaimingUniform_(Tensor.zeros(DType.F64, 200, 600), 0, Init.FanMode.FAN_OUT, "relu", new Generator(5));
        assertTrue(maxAbs(o) <= Math.sqrt(6.0 / 200) && maxAbs(o) > 0.999 * Math.sqrt(6.0 / 200));
        // Normal: std = gain / sqrt(fan).
        Tensor n = Init.kaimingNormal_(Tensor.zeros(1000, 1000), 0, Init.FanMode.FAN_IN, "relu", new Generator(6));
        assertEquals(Math.sqrt(2.0 / 1000), std(n), 0.02 * Math.sqrt(2.0 / 1000));
    }

    @Test
    void simpleFillsAndNoGraph() {
        Tensor p = Tensor.zeros(3, 4).requiresGrad_();
        assertEquals(12 * 0.5, Init.constant_(p, 0.5).sum().item());
        assertEquals(0.0, Init.zeros_(p).abs().sum().item());
        Init.uniform_(p, 2, 3, new Generator(1));
        assertTrue(-p.neg().max().item() >= 2 && p.max().item() < 3);
        Tensor big = Init.normal_(Tensor.zeros(100_000), 1, 2, new Generator(2));
        assertEquals(1, big.mean().item(), 0.03);
        assertEquals(2, std(big), 0.03);
        assertTrue(p.isLeaf() && p.requiresGrad());
    }
}
