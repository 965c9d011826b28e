// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.kernel.Gemm;
import dev.panamax.testing.Prop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The 2 x 2, stride 2 average pooling path gives ScalarPool's bits, odd sizes and many planes included, on 1 and 2 threads. */
class Pool2x2Test {

    @Test
    void sameBitsAsTheGeneralLoops() {
        int before = Gemm.threads();
        try {
            Prop.forAll("avgPool2d 2x2 fast path", 60, r -> {
                int planes = r.nextInt(4) == 0 ? 1 + r.nextInt(3000) : r.nextInt(20);
                int h = 2 + r.nextInt(30), w = 2 + r.nextInt(30);
                PoolGeometry g = new PoolGeometry(planes, h, w, h / 2, w / 2, 2, 2, 2, 2, 0, 0, 1, 1);
                assertTrue(Pool2x2.fits(g));
                float[] x = new float[planes * h * w], gy = new float[planes * (h / 2) * (w / 2)];
                double[] xd = new double[x.length], gyd = new double[gy.length];
                for (int i = 0; i < x.length; i++) {
                    xd[i] = x[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < gy.length; i++) {
                    gyd[i] = gy[i] = (float) r.nextGaussian();
                }
                float[] y0 = new float[gy.length], gx0 = new float[x.length];
                ScalarPool.avgForward(g, x, y0, r.nextInt(2) == 0);
                ScalarPool.avgBackward(g, gy, gx0, true);
                double[] yd0 = new double[gy.length], gxd0 = new double[x.length];
                ScalarPool.avgForward(g, xd, yd0, true);
                ScalarPool.avgBackward(g, gyd, gxd0, true);
                for (int threads = 1; threads <= 2; threads++) {
                    Gemm.setThreads(threads);
                    float[] y = new float[gy.length], gx = new float[x.length];
                    Arrays.fill(gx, Float.NaN); // overwritten, the rows and columns no window reads included
                    Pool2dKernels.avgForward(g, x, y, false);
                    Pool2dKernels.avgBackward(g, gy, gx, false);
                    assertArrayEquals(y0, y, "forward at " + g);
                    assertArrayEquals(gx0, gx, "backward at " + g);
                    double[] yd = new double[gy.length], gxd = new double[x.length];
                    Arrays.fill(gxd, Double.NaN);
                    Pool2dKernels.avgForward(g, xd, yd, true);
                    Pool2dKernels.avgBackward(g, gyd, gxd, true);
                    assertArrayEquals(yd0, yd, "double forward at " + g);
                    assertArrayEquals(gxd0, gxd, "double backward at " + g);
                }
            });
        } finally {
            Gemm.setThreads(before);
        }
    }

    @Test
    void otherWindowsTakeTheGeneralLoops() {
        assertFalse(Pool2x2.fits(new PoolGeometry(1, 4, 4, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1)));
        assertFalse(Pool2x2.fits(new PoolGeometry(1, 5, 5, 3, 3, 2, 2, 2, 2, 0, 0, 1, 1))); // ceilMode's partial window
        assertFalse(Pool2x2.fits(new PoolGeometry(1, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1)));
    }
}
