// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

import java.util.Arrays;

/**
 * Plain-loop 2-D pooling, float and double: the scalar twin behind {@link Pool2dKernels}. Each
 * output element's window is clipped to the input once, so the inner loops have no bounds tests.
 */
public final class ScalarPool {
    private ScalarPool() {}

    /**
     * Max over each window, padding counting as -inf; argmax gets the index (row * inW + column,
     * within the plane) of the first maximum in row-major window order, or of the last NaN, as
     * PyTorch. A window wholly in the padding gives -inf and index -1. Modified: y, argmax (both
     * [planes, outH, outW], overwritten). Not modified: x.
     */
    public static void maxForward(PoolGeometry g, float[] x, float[] y, int[] argmax) {
        int inPlane = g.inH() * g.inW(), outPlane = g.outH() * g.outW();
        for (int pl = 0; pl < g.planes(); pl++) {
            int xOff = pl * inPlane, yOff = pl * outPlane;
            for (int p = 0; p < g.outH(); p++) {
                int h0 = p * g.strideH() - g.padH();
                int iLo = ScalarConv.lo(h0, g.dilationH()), iHi = ScalarConv.hi(h0, g.dilationH(), g.inH(), g.kernelH());
                for (int q = 0; q < g.outW(); q++) {
                    int w0 = q * g.strideW() - g.padW();
                    int jLo = ScalarConv.lo(w0, g.dilationW()), jHi = ScalarConv.hi(w0, g.dilationW(), g.inW(), g.kernelW());
                    float best = Float.NEGATIVE_INFINITY;
                    int at = iLo < iHi && jLo < jHi ? (h0 + iLo * g.dilationH()) * g.inW() + w0 + jLo * g.dilationW() : -1;
                    for (int i = iLo; i < iHi; i++) {
                        int row = (h0 + i * g.dilationH()) * g.inW() + w0;
                        for (int j = jLo; j < jHi; j++) {
                            float v = x[xOff + row + j * g.dilationW()];
                            if (v > best || Float.isNaN(v)) {
                                best = v;
                                at = row + j * g.dilationW();
                            }
                        }
                    }
                    y[yOff + p * g.outW() + q] = best;
                    argmax[yOff + p * g.outW() + q] = at;
                }
            }
        }
    }

    /** gx[argmax] += gy, after zeroing gx. Modified: gx [planes, inH, inW], overwritten. Not modified: gy, argmax. */
    public static void maxBackward(PoolGeometry g, float[] gy, int[] argmax, float[] gx) {
        int inPlane = g.inH() * g.inW(), outPlane = g.outH() * g.outW();
        Arrays.fill(gx, 0, (int) g.inputSize(), 0f);
        for (int pl = 0; pl < g.planes(); pl++) {
            int xOff = pl * inPlane, yOff = pl * outPlane;
            for (int o = 0; o < outPlane; o++) {
                int at = argmax[yOff + o];
                if (at >= 0) {
                    gx[xOff + at] += gy[yOff + o];
                }
            }
        }
    }

    /**
     * The divisor of window (p, q), PyTorch's rule: the window clipped to the padded input (never
     * the part of a ceilMode window beyond it), then, without countIncludePad, to the input.
     */
    static int divisor(PoolGeometry g, int p, int q, boolean countIncludePad) {
        int h0 = p * g.strideH() - g.padH(), w0 = q * g.strideW() - g.padW();
        int h1 = Math.min(h0 + g.kernelH(), g.inH() + g.padH()), w1 = Math.min(w0 + g.kernelW(), g.inW() + g.padW());
        if (countIncludePad) {
            return (h1 - h0) * (w1 - w0);
        }
        return (Math.min(h1, g.inH()) - Math.max(h0, 0)) * (Math.min(w1, g.inW()) - Math.max(w0, 0));
    }

    /**
     * Mean over each window (dilation 1), divided as {@link #divisor} says. Modified: y
     * [planes, outH, outW], overwritten. Not modified: x.
     */
    public static void avgForward(PoolGeometry g, float[] x, float[] y, boolean countIncludePad) {
        int inPlane = g.inH() * g.inW(), outPlane = g.outH() * g.outW();
        for (int pl = 0; pl < g.planes(); pl++) {
            int xOff = pl * inPlane;
            for (int p = 0; p < g.outH(); p++) {
                int h0 = Math.max(p * g.strideH() - g.padH(), 0), h1 = Math.min(p * g.strideH() - g.padH() + g.kernelH(), g.inH());
                for (int q = 0; q < g.outW(); q++) {
                    int w0 = Math.max(q * g.strideW() - g.padW(), 0), w1 = Math.min(q * g.strideW() - g.padW() + g.kernelW(), g.inW());
                    float s = 0f;
                    for (int i = h0; i < h1; i++) {
                        for (int j = w0; j < w1; j++) {
                            s += x[xOff + i * g.inW() + j];
                        }
                    }
                    y[pl * outPlane + p * g.outW() + q] = s / divisor(g, p, q, countIncludePad);
                }
            }
        }
    }

    /** gx = the transpose of {@link #avgForward} applied to gy. Modified: gx [planes, inH, inW], overwritten. Not modified: gy. */
    public static void avgBackward(PoolGeometry g, float[] gy, float[] gx, boolean countIncludePad) {
        int inPlane = g.inH() * g.inW(), outPlane = g.outH() * g.outW();
        Arrays.fill(gx, 0, (int) g.inputSize(), 0f);
        for (int pl = 0; pl < g.planes(); pl++) {
            int xOff = pl * inPlane;
            for (int p = 0; p < g.outH(); p++) {
                int h0 = Math.max(p * g.strideH() - g.padH(), 0), h1 = Math.min(p * g.strideH() - g.padH() + g.kernelH(), g.inH());
                for (int q = 0; q < g.outW(); q++) {
                    int w0 = Math.max(q * g.strideW() - g.padW(), 0), w1 = Math.min(q * g.strideW() - g.padW() + g.kernelW(), g.inW());
                    float v = gy[pl * outPlane + p * g.outW() + q] / divisor(g, p, q, countIncludePad);
                    for (int i = h0; i < h1; i++) {
                        for (int j = w0; j < w1; j++) {
                            gx[xOff + i * g.inW() + j] += v;
                        }
                    }
                }
            }
        }
    }

    /**
     * Adaptive average pooling: output (p, q) averages rows [floor(p H / OH), ceil((p + 1) H / OH))
     * and the columns likewise, as PyTorch. Modified: y [planes, outH, outW], overwritten. Not modified: x.
     */
    public static void adaptiveAvgForward(int planes, int inH, int inW, int outH, int outW, float[] x, float[] y) {
        for (int pl = 0; pl < planes; pl++) {
            int xOff = pl * inH * inW;
            for (int p = 0; p < outH; p++) {
                int h0 = start(p, inH, outH), h1 = end(p, inH, outH);
                for (int q = 0; q < outW; q++) {
                    int w0 = start(q, inW, outW), w1 = end(q, inW, outW);
                    float s = 0f;
                    for (int i = h0; i < h1; i++) {
                        for (int j = w0; j < w1; j++) {
                            s += x[xOff + i * inW + j];
                        }
                    }
                    y[(pl * outH + p) * outW + q] = s / ((h1 - h0) * (w1 - w0));
                }
            }
        }
    }

    /** The transpose of {@link #adaptiveAvgForward}. Modified: gx [planes, inH, inW], overwritten. Not modified: gy. */
    public static void adaptiveAvgBackward(int planes, int inH, int inW, int outH, int outW, float[] gy, float[] gx) {
        Arrays.fill(gx, 0, planes * inH * inW, 0f);
        for (int pl = 0; pl < planes; pl++) {
            int xOff = pl * inH * inW;
            for (int p = 0; p < outH; p++) {
                int h0 = start(p, inH, outH), h1 = end(p, inH, outH);
                for (int q = 0; q < outW; q++) {
                    int w0 = start(q, inW, outW), w1 = end(q, inW, outW);
                    float v = gy[(pl * outH + p) * outW + q] / ((h1 - h0) * (w1 - w0));
                    for (int i = h0; i < h1; i++) {
                        for (int j = w0; j < w1; j++) {
                            gx[xOff + i * inW + j] += v;
                        }
                    }
                }
            }
        }
    }

    static int start(int o, int in, int out) {
        return (int) ((long) o * in / out);
    }

    static int end(int o, int in, int out) {
        return (int) (((long) (o + 1) * in + out - 1) / out);
    }

    /** The same as {@link #maxForward} in double. */
    public static void maxForward(PoolGeometry g, double[] x, double[] y, int[] argmax) {
        int inPlane = g.inH() * g.inW(), outPlane = g.outH() * g.outW();
        for (int pl = 0; pl < g.planes(); pl++) {
            int xOff = pl * inPlane, yOff = pl * outPlane;
            for (int p = 0; p < g.outH(); p++) {
                int h0 = p * g.strideH() - g.padH();
                int iLo = ScalarConv.lo(h0, g.dilationH()), iHi = ScalarConv.hi(h0, g.dilationH(), g.inH(), g.kernelH());
                for (int q = 0; q < g.outW(); q++) {
                    int w0 = q * g.strideW() - g.padW();
                    int jLo = ScalarConv.lo(w0, g.dilationW()), jHi = ScalarConv.hi(w0, g.dilationW(), g.inW(), g.kernelW());
                    double best = Double.NEGATIVE_INFINITY;
                    int at = iLo < iHi && jLo < jHi ? (h0 + iLo * g.dilationH()) * g.inW() + w0 + jLo * g.dilationW() : -1;
                    for (int i = iLo; i < iHi; i++) {
                        int row = (h0 + i * g.dilationH()) * g.inW() + w0;
                        for (int j = jLo; j < jHi; j++) {
                            double v = x[xOff + row + j * g.dilationW()];
                            if (v > best || Double.isNaN(v)) {
                                best = v;
                                at = row + j * g.dilationW();
                            }
                        }
                    }
                    y[yOff + p * g.outW() + q] = best;
                    argmax[yOff + p * g.outW() + q] = at;
                }
            }
        }
    }

    /** The same as {@link #maxBackward} in double. */
    public static void maxBackward(PoolGeometry g, double[] gy, int[] argmax, double[] gx) {
        int inPlane = g.inH() * g.inW(), outPlane = g.outH() * g.outW();
        Arrays.fill(gx, 0, (int) g.inputSize(), 0.0);
        for (int pl = 0; pl < g.planes(); pl++) {
            int xOff = pl * inPlane, yOff = pl * outPlane;
            for (int o = 0; o < outPlane; o++) {
                int at = argmax[yOff + o];
                if (at >= 0) {
                    gx[xOff + at] += gy[yOff + o];
                }
            }
        }
    }

    /** The same as {@link #avgForward} in double. */
    public static void avgForward(PoolGeometry g, double[] x, double[] y, boolean countIncludePad) {
        int inPlane = g.inH() * g.inW(), outPlane = g.outH() * g.outW();
        for (int pl = 0; pl < g.planes(); pl++) {
            int xOff = pl * inPlane;
            for (int p = 0; p < g.outH(); p++) {
                int h0 = Math.max(p * g.strideH() - g.padH(), 0), h1 = Math.min(p * g.strideH() - g.padH() + g.kernelH(), g.inH());
                for (int q = 0; q < g.outW(); q++) {
                    int w0 = Math.max(q * g.strideW() - g.padW(), 0), w1 = Math.min(q * g.strideW() - g.padW() + g.kernelW(), g.inW());
                    double s = 0;
                    for (int i = h0; i < h1; i++) {
                        for (int j = w0; j < w1; j++) {
                            s += x[xOff + i * g.inW() + j];
                        }
                    }
                    y[pl * outPlane + p * g.outW() + q] = s / divisor(g, p, q, countIncludePad);
                }
            }
        }
    }

    /** The same as {@link #avgBackward} in double. */
    public static void avgBackward(PoolGeometry g, double[] gy, double[] gx, boolean countIncludePad) {
        int inPlane = g.inH() * g.inW(), outPlane = g.outH() * g.outW();
        Arrays.fill(gx, 0, (int) g.inputSize(), 0.0);
        for (int pl = 0; pl < g.planes(); pl++) {
            int xOff = pl * inPlane;
            for (int p = 0; p < g.outH(); p++) {
                int h0 = Math.max(p * g.strideH() - g.padH(), 0), h1 = Math.min(p * g.strideH() - g.padH() + g.kernelH(), g.inH());
                for (int q = 0; q < g.outW(); q++) {
                    int w0 = Math.max(q * g.strideW() - g.padW(), 0), w1 = Math.min(q * g.strideW() - g.padW() + g.kernelW(), g.inW());
                    double v = gy[pl * outPlane + p * g.outW() + q] / divisor(g, p, q, countIncludePad);
                    for (int i = h0; i < h1; i++) {
                        for (int j = w0; j < w1; j++) {
                            gx[xOff + i * g.inW() + j] += v;
                        }
                    }
                }
            }
        }
    }

    /** The same as {@link #adaptiveAvgForward} in double. */
    public static void adaptiveAvgForward(int planes, int inH, int inW, int outH, int outW, double[] x, double[] y) {
        for (int pl = 0; pl < planes; pl++) {
            int xOff = pl * inH * inW;
            for (int p = 0; p < outH; p++) {
                int h0 = start(p, inH, outH), h1 = end(p, inH, outH);
                for (int q = 0; q < outW; q++) {
                    int w0 = start(q, inW, outW), w1 = end(q, inW, outW);
                    double s = 0;
                    for (int i = h0; i < h1; i++) {
                        for (int j = w0; j < w1; j++) {
                            s += x[xOff + i * inW + j];
                        }
                    }
                    y[(pl * outH + p) * outW + q] = s / ((h1 - h0) * (w1 - w0));
                }
            }
        }
    }

    /** The same as {@link #adaptiveAvgBackward} in double. */
    public static void adaptiveAvgBackward(int planes, int inH, int inW, int outH, int outW, double[] gy, double[] gx) {
        Arrays.fill(gx, 0, planes * inH * inW, 0.0);
        for (int pl = 0; pl < planes; pl++) {
            int xOff = pl * inH * inW;
            for (int p = 0; p < outH; p++) {
                int h0 = start(p, inH, outH), h1 = end(p, inH, outH);
                for (int q = 0; q < outW; q++) {
                    int w0 = start(q, inW, outW), w1 = end(q, inW, outW);
                    double v = gy[(pl * outH + p) * outW + q] / ((h1 - h0) * (w1 - w0));
                    for (int i = h0; i < h1; i++) {
                        for (int j = w0; j < w1; j++) {
                            gx[xOff + i * inW + j] += v;
                        }
                    }
                }
            }
        }
    }
}
