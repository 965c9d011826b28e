// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

/**
 * Plain-loop 2-D convolution (cross-correlation, as PyTorch's conv2d), float and double: the
 * scalar twin behind {@link Conv2dKernels} and the reference its fast kernels are tested against.
 *
 * <p>Every pass walks one (input channel, output channel, kernel tap) triple at a time and runs
 * its innermost loop over a row of output pixels, whose valid range ({@link #lo}, {@link #hi})
 * is computed once per tap so the loop body has no bounds tests: a unit-stride row is a plain
 * multiply-add loop the JIT can unroll. Sums run in a fixed order whatever the thread count.
 */
public final class ScalarConv {
    private ScalarConv() {}

    /** First output index o with {@code 0 <= o * stride + offset}, offset = tap * dilation - pad. */
    static int lo(int offset, int stride) {
        return offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    }

    /** One past the last output index o with {@code o < out} and {@code o * stride + offset < in}. */
    static int hi(int offset, int stride, int in, int out) {
        int last = in - 1 - offset; // o * stride <= last
        return last < 0 ? 0 : Math.min(out, last / stride + 1);
    }

    /** y = x (*) w + bias. Modified: y [N, K, OH, OW], overwritten. Not modified: x, w, bias (may be null). */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int oh = g.outH(), ow = g.outW(), cg = g.inPerGroup(), kg = g.outPerGroup();
        int inPlane = g.inH() * g.inW(), outPlane = oh * ow, taps = g.kernelH() * g.kernelW();
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                int yOff = (n * g.outChannels() + k) * outPlane;
                java.util.Arrays.fill(y, yOff, yOff + outPlane, bias == null ? 0f : bias[k]);
                int c0 = k / kg * cg;
                for (int c = 0; c < cg; c++) {
                    int xOff = (n * g.inChannels() + c0 + c) * inPlane;
                    int wOff = (k * cg + c) * taps;
                    for (int i = 0; i < g.kernelH(); i++) {
                        int offH = i * g.dilationH() - g.padH();
                        int rLo = lo(offH, g.strideH()), rHi = hi(offH, g.strideH(), g.inH(), oh);
                        for (int j = 0; j < g.kernelW(); j++) {
                            float wv = w[wOff + i * g.kernelW() + j];
                            int offW = j * g.dilationW() - g.padW();
                            int cLo = lo(offW, g.strideW()), cHi = hi(offW, g.strideW(), g.inW(), ow);
                            for (int r = rLo; r < rHi; r++) {
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                gatherAxpy(wv, x, xRow, g.strideW(), y, yOff + r * ow, cLo, cHi);
                            }
                        }
                    }
                }
            }
        }
    }

    /** gx = dL/dx given gy = dL/dy. Modified: gx [N, C, H, W], overwritten. Not modified: gy, w. */
    public static void backwardInput(ConvGeometry g, float[] gy, float[] w, float[] gx) {
        int oh = g.outH(), ow = g.outW(), cg = g.inPerGroup(), kg = g.outPerGroup();
        int inPlane = g.inH() * g.inW(), outPlane = oh * ow, taps = g.kernelH() * g.kernelW();
        java.util.Arrays.fill(gx, 0, (int) g.inputSize(), 0f);
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                int yOff = (n * g.outChannels() + k) * outPlane;
                int c0 = k / kg * cg;
                for (int c = 0; c < cg; c++) {
                    int xOff = (n * g.inChannels() + c0 + c) * inPlane;
                    int wOff = (k * cg + c) * taps;
                    for (int i = 0; i < g.kernelH(); i++) {
                        int offH = i * g.dilationH() - g.padH();
                        int rLo = lo(offH, g.strideH()), rHi = hi(offH, g.strideH(), g.inH(), oh);
                        for (int j = 0; j < g.kernelW(); j++) {
                            float wv = w[wOff + i * g.kernelW() + j];
                            int offW = j * g.dilationW() - g.padW();
                            int cLo = lo(offW, g.strideW()), cHi = hi(offW, g.strideW(), g.inW(), ow);
                            for (int r = rLo; r < rHi; r++) {
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                scatterAxpy(wv, gy, yOff + r * ow, gx, xRow, g.strideW(), cLo, cHi);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * gw += dL/dw, gb += dL/db given gy = dL/dy. Modified: gw [K, C/groups, KH, KW], gb [K] (may be
     * null), both accumulated into. Not modified: x, gy.
     */
    public static void backwardWeight(ConvGeometry g, float[] x, float[] gy, float[] gw, float[] gb) {
        int oh = g.outH(), ow = g.outW(), cg = g.inPerGroup(), kg = g.outPerGroup();
        int inPlane = g.inH() * g.inW(), outPlane = oh * ow, taps = g.kernelH() * g.kernelW();
        // One running sum per weight, fma over images, output rows and columns in turn: the order the
        // vector kernel (VectorConv, the channels in the lanes) keeps, so both give the same bits.
        for (int k = 0; k < g.outChannels(); k++) {
            int c0 = k / kg * cg;
            for (int c = 0; c < cg; c++) {
                int wOff = (k * cg + c) * taps;
                for (int i = 0; i < g.kernelH(); i++) {
                    int offH = i * g.dilationH() - g.padH();
                    int rLo = lo(offH, g.strideH()), rHi = hi(offH, g.strideH(), g.inH(), oh);
                    for (int j = 0; j < g.kernelW(); j++) {
                        int offW = j * g.dilationW() - g.padW();
                        int cLo = lo(offW, g.strideW()), cHi = hi(offW, g.strideW(), g.inW(), ow);
                        float s = 0f;
                        for (int n = 0; n < g.batch(); n++) {
                            int yOff = (n * g.outChannels() + k) * outPlane;
                            int xOff = (n * g.inChannels() + c0 + c) * inPlane;
                            for (int r = rLo; r < rHi; r++) {
                                int yRow = yOff + r * ow;
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                for (int o = cLo; o < cHi; o++) {
                                    s = Math.fma(gy[yRow + o], x[xRow + o * g.strideW()], s);
                                }
                            }
                        }
                        gw[wOff + i * g.kernelW() + j] += s;
                    }
                }
            }
        }
        if (gb != null) {
            for (int k = 0; k < g.outChannels(); k++) {
                float s = 0f;
                for (int n = 0; n < g.batch(); n++) {
                    int yOff = (n * g.outChannels() + k) * outPlane;
                    for (int o = 0; o < outPlane; o++) {
                        s += gy[yOff + o];
                    }
                }
                gb[k] += s;
            }
        }
    }

    /** y[yo + o] += w * x[xo + o * stride] for o in [lo, hi); a unit stride is its own loop, which the JIT vectorises. */
    private static void gatherAxpy(float w, float[] x, int xo, int stride, float[] y, int yo, int lo, int hi) {
        if (stride == 1) {
            for (int o = lo; o < hi; o++) {
                y[yo + o] = Math.fma(w, x[xo + o], y[yo + o]);
            }
        } else {
            for (int o = lo; o < hi; o++) {
                y[yo + o] = Math.fma(w, x[xo + o * stride], y[yo + o]);
            }
        }
    }

    /** y[yo + o * stride] += w * x[xo + o] for o in [lo, hi). */
    private static void scatterAxpy(float w, float[] x, int xo, float[] y, int yo, int stride, int lo, int hi) {
        if (stride == 1) {
            for (int o = lo; o < hi; o++) {
                y[yo + o] = Math.fma(w, x[xo + o], y[yo + o]);
            }
        } else {
            for (int o = lo; o < hi; o++) {
                y[yo + o * stride] = Math.fma(w, x[xo + o], y[yo + o * stride]);
            }
        }
    }

    /** acc[o] += a[ao + o] * b[bo + o * stride] for o in [lo, hi). */
    private static void multiplyAccumulate(float[] a, int ao, float[] b, int bo, int stride, float[] acc, int lo, int hi) {
        if (stride == 1) {
            for (int o = lo; o < hi; o++) {
                acc[o] = Math.fma(a[ao + o], b[bo + o], acc[o]);
            }
        } else {
            for (int o = lo; o < hi; o++) {
                acc[o] = Math.fma(a[ao + o], b[bo + o * stride], acc[o]);
            }
        }
    }

    /** The same in double. */
    public static void forward(ConvGeometry g, double[] x, double[] w, double[] bias, double[] y) {
        int oh = g.outH(), ow = g.outW(), cg = g.inPerGroup(), kg = g.outPerGroup();
        int inPlane = g.inH() * g.inW(), outPlane = oh * ow, taps = g.kernelH() * g.kernelW();
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                int yOff = (n * g.outChannels() + k) * outPlane;
                java.util.Arrays.fill(y, yOff, yOff + outPlane, bias == null ? 0 : bias[k]);
                int c0 = k / kg * cg;
                for (int c = 0; c < cg; c++) {
                    int xOff = (n * g.inChannels() + c0 + c) * inPlane;
                    int wOff = (k * cg + c) * taps;
                    for (int i = 0; i < g.kernelH(); i++) {
                        int offH = i * g.dilationH() - g.padH();
                        int rLo = lo(offH, g.strideH()), rHi = hi(offH, g.strideH(), g.inH(), oh);
                        for (int j = 0; j < g.kernelW(); j++) {
                            double wv = w[wOff + i * g.kernelW() + j];
                            int offW = j * g.dilationW() - g.padW();
                            int cLo = lo(offW, g.strideW()), cHi = hi(offW, g.strideW(), g.inW(), ow);
                            for (int r = rLo; r < rHi; r++) {
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                gatherAxpy(wv, x, xRow, g.strideW(), y, yOff + r * ow, cLo, cHi);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The same in double. */
    public static void backwardInput(ConvGeometry g, double[] gy, double[] w, double[] gx) {
        int oh = g.outH(), ow = g.outW(), cg = g.inPerGroup(), kg = g.outPerGroup();
        int inPlane = g.inH() * g.inW(), outPlane = oh * ow, taps = g.kernelH() * g.kernelW();
        java.util.Arrays.fill(gx, 0, (int) g.inputSize(), 0.0);
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                int yOff = (n * g.outChannels() + k) * outPlane;
                int c0 = k / kg * cg;
                for (int c = 0; c < cg; c++) {
                    int xOff = (n * g.inChannels() + c0 + c) * inPlane;
                    int wOff = (k * cg + c) * taps;
                    for (int i = 0; i < g.kernelH(); i++) {
                        int offH = i * g.dilationH() - g.padH();
                        int rLo = lo(offH, g.strideH()), rHi = hi(offH, g.strideH(), g.inH(), oh);
                        for (int j = 0; j < g.kernelW(); j++) {
                            double wv = w[wOff + i * g.kernelW() + j];
                            int offW = j * g.dilationW() - g.padW();
                            int cLo = lo(offW, g.strideW()), cHi = hi(offW, g.strideW(), g.inW(), ow);
                            for (int r = rLo; r < rHi; r++) {
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                scatterAxpy(wv, gy, yOff + r * ow, gx, xRow, g.strideW(), cLo, cHi);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The same in double. */
    public static void backwardWeight(ConvGeometry g, double[] x, double[] gy, double[] gw, double[] gb) {
        int oh = g.outH(), ow = g.outW(), cg = g.inPerGroup(), kg = g.outPerGroup();
        int inPlane = g.inH() * g.inW(), outPlane = oh * ow, taps = g.kernelH() * g.kernelW();
        double[] acc = new double[ow]; // per output column: the products of one tap, summed over batch and rows
        for (int k = 0; k < g.outChannels(); k++) {
            int c0 = k / kg * cg;
            for (int c = 0; c < cg; c++) {
                int wOff = (k * cg + c) * taps;
                for (int i = 0; i < g.kernelH(); i++) {
                    int offH = i * g.dilationH() - g.padH();
                    int rLo = lo(offH, g.strideH()), rHi = hi(offH, g.strideH(), g.inH(), oh);
                    for (int j = 0; j < g.kernelW(); j++) {
                        int offW = j * g.dilationW() - g.padW();
                        int cLo = lo(offW, g.strideW()), cHi = hi(offW, g.strideW(), g.inW(), ow);
                        java.util.Arrays.fill(acc, 0.0);
                        for (int n = 0; n < g.batch(); n++) {
                            int yOff = (n * g.outChannels() + k) * outPlane;
                            int xOff = (n * g.inChannels() + c0 + c) * inPlane;
                            for (int r = rLo; r < rHi; r++) {
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                multiplyAccumulate(gy, yOff + r * ow, x, xRow, g.strideW(), acc, cLo, cHi);
                            }
                        }
                        double s = 0;
                        for (int o = cLo; o < cHi; o++) {
                            s += acc[o];
                        }
                        gw[wOff + i * g.kernelW() + j] += s;
                    }
                }
            }
        }
        if (gb != null) {
            for (int k = 0; k < g.outChannels(); k++) {
                double s = 0;
                for (int n = 0; n < g.batch(); n++) {
                    int yOff = (n * g.outChannels() + k) * outPlane;
                    for (int o = 0; o < outPlane; o++) {
                        s += gy[yOff + o];
                    }
                }
                gb[k] += s;
            }
        }
    }

    /** The same in double. */
    private static void gatherAxpy(double w, double[] x, int xo, int stride, double[] y, int yo, int lo, int hi) {
        if (stride == 1) {
            for (int o = lo; o < hi; o++) {
                y[yo + o] = Math.fma(w, x[xo + o], y[yo + o]);
            }
        } else {
            for (int o = lo; o < hi; o++) {
                y[yo + o] = Math.fma(w, x[xo + o * stride], y[yo + o]);
            }
        }
    }

    /** The same in double. */
    private static void scatterAxpy(double w, double[] x, int xo, double[] y, int yo, int stride, int lo, int hi) {
        if (stride == 1) {
            for (int o = lo; o < hi; o++) {
                y[yo + o] = Math.fma(w, x[xo + o], y[yo + o]);
            }
        } else {
            for (int o = lo; o < hi; o++) {
                y[yo + o * stride] = Math.fma(w, x[xo + o], y[yo + o * stride]);
            }
        }
    }

    /** The same in double. */
    private static void multiplyAccumulate(double[] a, int ao, double[] b, int bo, int stride, double[] acc, int lo, int hi) {
        if (stride == 1) {
            for (int o = lo; o < hi; o++) {
                acc[o] = Math.fma(a[ao + o], b[bo + o], acc[o]);
            }
        } else {
            for (int o = lo; o < hi; o++) {
                acc[o] = Math.fma(a[ao + o], b[bo + o * stride], acc[o]);
            }
        }
    }
}
