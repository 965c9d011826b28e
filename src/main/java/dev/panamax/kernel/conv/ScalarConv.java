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
                                int yRow = yOff + r * ow;
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                for (int o = cLo; o < cHi; o++) {
                                    y[yRow + o] = Math.fma(wv, x[xRow + o * g.strideW()], y[yRow + o]);
                                }
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
                                int yRow = yOff + r * ow;
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                for (int o = cLo; o < cHi; o++) {
                                    int xi = xRow + o * g.strideW();
                                    gx[xi] = Math.fma(wv, gy[yRow + o], gx[xi]);
                                }
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
                                int yRow = yOff + r * ow;
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                for (int o = cLo; o < cHi; o++) {
                                    y[yRow + o] = Math.fma(wv, x[xRow + o * g.strideW()], y[yRow + o]);
                                }
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
                                int yRow = yOff + r * ow;
                                int xRow = xOff + (r * g.strideH() + offH) * g.inW() + offW;
                                for (int o = cLo; o < cHi; o++) {
                                    int xi = xRow + o * g.strideW();
                                    gx[xi] = Math.fma(wv, gy[yRow + o], gx[xi]);
                                }
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
                        double s = 0;
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
}
