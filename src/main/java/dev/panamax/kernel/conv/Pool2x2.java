// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

import dev.panamax.kernel.Parallel;
import java.util.Arrays;

/**
 * Average pooling with a 2 x 2 window and stride 2, no padding (LeNet's {@code AvgPool2d(2, 2)}): every
 * window lies inside the input and divides by 4, so the loops carry no clipping and no divisor.
 * The same operations in the same order as {@link ScalarPool} ((((0 + a) + b) + c) + d) / 4, so the
 * same bits; planes are shared out on the GEMM's threads ({@link Parallel}) for large inputs, each
 * written by one thread, so the thread count changes nothing. The general loops spent most of their
 * time on the per-window bounds and divisor: this path is 4 to 8 times faster on LeNet's shapes.
 * (Not on the Vector API: a window's pair of columns would need a lane shuffle per vector.)
 */
final class Pool2x2 {
    /** Outputs per task, and below which a call stays on the caller's thread. */
    private static final int GRAIN = 1 << 14;

    private Pool2x2() {}

    static boolean fits(PoolGeometry g) {
        return g.kernelH() == 2 && g.kernelW() == 2 && g.strideH() == 2 && g.strideW() == 2 && g.padH() == 0
                && g.padW() == 0 && g.dilationH() == 1 && g.dilationW() == 1
                && 2 * g.outH() <= g.inH() && 2 * g.outW() <= g.inW();
    }

    private static void planes(PoolGeometry g, Range body) {
        int outPlane = Math.max(1, g.outH() * g.outW());
        int per = Math.max(1, GRAIN / outPlane), tasks = (g.planes() + per - 1) / per;
        Parallel.forEach(tasks, tasks < 2 ? 1 : Parallel.threads(), t -> body.run(t * per, Math.min(g.planes(), (t + 1) * per)));
    }

    private interface Range {
        void run(int from, int to);
    }

    static void avgForward(PoolGeometry g, float[] x, float[] y) {
        int inW = g.inW(), inPlane = g.inH() * inW, oh = g.outH(), ow = g.outW();
        planes(g, (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                for (int p = 0; p < oh; p++) {
                    int r0 = pl * inPlane + 2 * p * inW, r1 = r0 + inW, o = (pl * oh + p) * ow;
                    for (int q = 0; q < ow; q++) {
                        float s = 0f;
                        s += x[r0 + 2 * q];
                        s += x[r0 + 2 * q + 1];
                        s += x[r1 + 2 * q];
                        s += x[r1 + 2 * q + 1];
                        y[o + q] = s / 4;
                    }
                }
            }
        });
    }

    static void avgBackward(PoolGeometry g, float[] gy, float[] gx) {
        int inW = g.inW(), inPlane = g.inH() * inW, oh = g.outH(), ow = g.outW();
        boolean exact = 2 * oh == g.inH() && 2 * ow == inW; // else rows or columns no window reads stay 0
        planes(g, (from, to) -> {
            if (!exact) {
                Arrays.fill(gx, from * inPlane, to * inPlane, 0f);
            }
            for (int pl = from; pl < to; pl++) {
                for (int p = 0; p < oh; p++) {
                    int r0 = pl * inPlane + 2 * p * inW, r1 = r0 + inW, o = (pl * oh + p) * ow;
                    for (int q = 0; q < ow; q++) {
                        float v = gy[o + q] / 4;
                        gx[r0 + 2 * q] = v;
                        gx[r0 + 2 * q + 1] = v;
                        gx[r1 + 2 * q] = v;
                        gx[r1 + 2 * q + 1] = v;
                    }
                }
            }
        });
    }

    /**
     * {@link #avgBackward} followed by the sigmoid's backward from its output s, in one pass:
     * gz = (gy / 4) * (s * (1 - s)) over each window, 0 where no window reads. The same operations
     * as the two passes ({@link dev.panamax.kernel.Kernels#sigmoidBackward}), so the same bits,
     * without the [planes, inH, inW] gradient between them.
     */
    static void avgBackwardSigmoid(PoolGeometry g, float[] gy, float[] s, float[] gz) {
        int inW = g.inW(), inPlane = g.inH() * inW, oh = g.outH(), ow = g.outW();
        boolean exact = 2 * oh == g.inH() && 2 * ow == inW;
        planes(g, (from, to) -> {
            if (!exact) {
                Arrays.fill(gz, from * inPlane, to * inPlane, 0f);
            }
            for (int pl = from; pl < to; pl++) {
                for (int p = 0; p < oh; p++) {
                    int r0 = pl * inPlane + 2 * p * inW, r1 = r0 + inW, o = (pl * oh + p) * ow;
                    for (int q = 0; q < ow; q++) {
                        float v = gy[o + q] / 4;
                        int a = r0 + 2 * q, b = a + 1, c = r1 + 2 * q, d = c + 1;
                        float sa = s[a], sb = s[b], sc = s[c], sd = s[d];
                        gz[a] = v * (sa * (1f - sa));
                        gz[b] = v * (sb * (1f - sb));
                        gz[c] = v * (sc * (1f - sc));
                        gz[d] = v * (sd * (1f - sd));
                    }
                }
            }
        });
    }

    /** The same in double. */
    static void avgForward(PoolGeometry g, double[] x, double[] y) {
        int inW = g.inW(), inPlane = g.inH() * inW, oh = g.outH(), ow = g.outW();
        planes(g, (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                for (int p = 0; p < oh; p++) {
                    int r0 = pl * inPlane + 2 * p * inW, r1 = r0 + inW, o = (pl * oh + p) * ow;
                    for (int q = 0; q < ow; q++) {
                        double s = 0;
                        s += x[r0 + 2 * q];
                        s += x[r0 + 2 * q + 1];
                        s += x[r1 + 2 * q];
                        s += x[r1 + 2 * q + 1];
                        y[o + q] = s / 4;
                    }
                }
            }
        });
    }

    /** The same in double. */
    static void avgBackward(PoolGeometry g, double[] gy, double[] gx) {
        int inW = g.inW(), inPlane = g.inH() * inW, oh = g.outH(), ow = g.outW();
        boolean exact = 2 * oh == g.inH() && 2 * ow == inW;
        planes(g, (from, to) -> {
            if (!exact) {
                Arrays.fill(gx, from * inPlane, to * inPlane, 0d);
            }
            for (int pl = from; pl < to; pl++) {
                for (int p = 0; p < oh; p++) {
                    int r0 = pl * inPlane + 2 * p * inW, r1 = r0 + inW, o = (pl * oh + p) * ow;
                    for (int q = 0; q < ow; q++) {
                        double v = gy[o + q] / 4;
                        gx[r0 + 2 * q] = v;
                        gx[r0 + 2 * q + 1] = v;
                        gx[r1 + 2 * q] = v;
                        gx[r1 + 2 * q + 1] = v;
                    }
                }
            }
        });
    }
}
