// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.panamax.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtilsTest {
    private static Tensor withGrad(double... g) {
        Tensor p = Tensor.zeros(dev.panamax.DType.F64, g.length).requiresGrad_();
        p.setGrad(Tensor.of(g));
        return p;
    }

    @Test
    void clipGradNormScalesAllGradientsTogether() {
        Tensor a = withGrad(3, 0), b = withGrad(0, -4); // total 2-norm 5
        double total = Utils.clipGradNorm_(List.of(a, b, Tensor.zeros(1).requiresGrad_()), 1.0);
        assertEquals(5.0, total);
        double c = 1.0 / (5 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 0}, a.grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, -4 * c}, b.grad().toDoubleArray(), 1e-15);
        Tensor d = withGrad(1, -2);
        assertEquals(2.0, Utils.clipGradNorm_(List.of(d), 10, Double.POSITIVE_INFINITY, true));
        assertArrayEquals(new double[] {1, -2}, d.grad().toDoubleArray()); // under the limit: unchanged
        Tensor e = withGrad(1, -2);
        assertEquals(3.0, Utils.clipGradNorm_(List.of(e), 10, 1, false));
    }

    @Test
    void nonFiniteNormFailsWhenAskedAndChangesNothing() {
        Tensor a = withGrad(1, Double.NaN);
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> Utils.clipGradNorm_(List.of(a), 1, 2, true));
        assertEquals("clipGradNorm_: the total norm of order 2.0 of the gradients of 1 parameters is NaN;"
                + " pass errorIfNonfinite false to clip anyway", ex.getMessage());
        assertEquals(1.0, a.grad().getFlat(0));
        assertEquals(Double.NaN, Utils.clipGradNorm_(List.of(a), 1, 2, false));
    }

    @Test
    void clipGradValueClamps() {
        Tensor a = withGrad(-3, 0.5, 2);
        Utils.clipGradValue_(List.of(a), 1);
        assertArrayEquals(new double[] {-1, 0.5, 1}, a.grad().toDoubleArray());
    }
}
