// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.Generator;
import org.junit.jupiter.api.Test;

/** Kernels.sigmoid and sigmoidBackward: within 3 ulps of the double formula (normal results), vector and scalar the same bits, split or not. */
class SigmoidKernelTest {

    @Test
    void closeToTheDoubleFormulaAndTheSameBitsOnEveryPath() {
        Generator r = new Generator(3);
        int n = (1 << 17) + 37; // above Split.MIN, with a tail
        float[] x = new float[n], g = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * (i % 7 == 0 ? 40 : 4));
            g[i] = (float) r.nextGaussian();
        }
        x[0] = 0f;
        x[1] = -200f;
        x[2] = 200f;
        x[3] = Float.NaN;
        float[] y = new float[n], ys = new float[n];
        Kernels.sigmoid(x, 0, y, 0, n);
        ScalarKernels.sigmoid(x, 0, ys, 0, n);
        assertArrayEquals(ys, y);
        assertEquals(0.5f, y[0]);
        assertEquals(0f, y[1]);
        assertEquals(1f, y[2]);
        assertTrue(Float.isNaN(y[3]));
        for (int i = 4; i < n; i++) {
            double want = 1 / (1 + Math.exp(-(double) x[i]));
            // Below about -88.7 exp(-x) overflows and the result is 0, as PyTorch's float sigmoid gives
            // (torch.sigmoid(tensor(-96.)) is 0); above, subnormal results are within the subnormal spacing.
            double tol = want < Float.MIN_NORMAL ? Float.MIN_NORMAL : 3 * Math.ulp((float) want);
            assertEquals(want, y[i], tol, "sigmoid(" + x[i] + ")");
        }
        float[] gz = new float[n], gzs = new float[n];
        Kernels.sigmoidBackward(g, 0, y, 0, gz, 0, n);
        ScalarKernels.sigmoidBackward(g, 0, y, 0, gzs, 0, n);
        assertArrayEquals(gzs, gz);
        assertEquals(g[5] * (y[5] * (1 - y[5])), gz[5]);
    }
}
