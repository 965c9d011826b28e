// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.panamax.Generator;
import dev.panamax.testing.Prop;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarConv} and {@link Conv2dKernels} against the definition written out element by
 * element in double: y[n, k, p, q] = b[k] + sum over c, i, j of w[k, c, i, j] * x[n, g * C/groups + c,
 * p * sh - ph + i * dh, q * sw - pw + j * dw], zero outside the input; the gradients scatter the
 * same sum.
 */
class ScalarConvTest {

    /** A random geometry: stride above the kernel, dilation, groups, padding, kernel as large as the padded input. */
    static ConvGeometry randomGeometry(Generator r) {
        int groups = 1 + r.nextInt(3);
        int c = groups * (1 + r.nextInt(3)), k = groups * (1 + r.nextInt(3));
        int kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4);
        int sh = 1 + r.nextInt(4), sw = 1 + r.nextInt(4);
        int dh = 1 + r.nextInt(3), dw = 1 + r.nextInt(3);
        int ph = r.nextInt(3), pw = r.nextInt(3);
        int minH = Math.max(0, dh * (kh - 1) + 1 - 2 * ph), minW = Math.max(0, dw * (kw - 1) + 1 - 2 * pw);
        int h = minH + r.nextInt(6), w = minW + r.nextInt(6);
        if (r.nextInt(4) == 0) { // kernel exactly as large as the padded input
            h = minH;
            w = minW;
        }
        int n = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(3);
        return new ConvGeometry(n, c, h, w, k, kh, kw, sh, sw, ph, pw, dh, dw, groups);
    }

    static double[] random(Generator r, long n) {
        double[] a = new double[(int) n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    /** The reference: y, and for a given gy the gradients gx, gw, gb, all by the definition. */
    record Reference(double[] y, double[] gx, double[] gw, double[] gb) {
        static Reference of(ConvGeometry g, double[] x, double[] w, double[] b, double[] gy) {
            int oh = g.outH(), ow = g.outW(), cg = g.inChannels() / g.groups(), kg = g.outChannels() / g.groups();
            double[] y = new double[(int) g.outputSize()];
            double[] gx = new double[x.length], gw = new double[w.length], gb = new double[g.outChannels()];
            for (int n = 0; n < g.batch(); n++) {
                for (int k = 0; k < g.outChannels(); k++) {
                    int grp = k / kg;
                    for (int p = 0; p < oh; p++) {
                        for (int q = 0; q < ow; q++) {
                            int yi = ((n * g.outChannels() + k) * oh + p) * ow + q;
                            double s = b == null ? 0 : b[k];
                            gb[k] += gy[yi];
                            for (int c = 0; c < cg; c++) {
                                for (int i = 0; i < g.kernelH(); i++) {
                                    for (int j = 0; j < g.kernelW(); j++) {
                                        int ih = p * g.strideH() - g.padH() + i * g.dilationH();
                                        int iw = q * g.strideW() - g.padW() + j * g.dilationW();
                                        if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) {
                                            continue;
                                        }
                                        int xi = ((n * g.inChannels() + grp * cg + c) * g.inH() + ih) * g.inW() + iw;
                                        int wi = ((k * cg + c) * g.kernelH() + i) * g.kernelW() + j;
                                        s += w[wi] * x[xi];
                                        gx[xi] += w[wi] * gy[yi];
                                        gw[wi] += x[xi] * gy[yi];
                                    }
                                }
                            }
                            y[yi] = s;
                        }
                    }
                }
            }
            return new Reference(y, gx, gw, gb);
        }
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    @Test
    void agreesWithTheDefinitionInDouble() {
        Prop.forAll("conv2d scalar double", 200, r -> {
            ConvGeometry g = randomGeometry(r);
            double[] x = random(r, g.inputSize()), w = random(r, g.weightSize());
            double[] b = r.nextInt(3) == 0 ? null : random(r, g.outChannels());
            double[] gy = random(r, g.outputSize());
            Reference ref = Reference.of(g, x, w, b, gy);
            String at = " at " + g;
            double[] y = new double[(int) g.outputSize()];
            java.util.Arrays.fill(y, Double.NaN);
            Conv2dKernels.forward(g, x, w, b, y);
            assertClose(ref.y(), y, 1e-12, "y" + at);
            double[] gx = new double[x.length];
            java.util.Arrays.fill(gx, Double.NaN); // overwritten
            Conv2dKernels.backwardInput(g, gy, w, gx);
            assertClose(ref.gx(), gx, 1e-12, "gx" + at);
            double[] gw = new double[w.length], gb = new double[g.outChannels()];
            java.util.Arrays.fill(gw, 1.0); // accumulated into
            java.util.Arrays.fill(gb, -2.0);
            Conv2dKernels.backwardWeight(g, x, gy, gw, gb);
            for (int i = 0; i < gw.length; i++) {
                gw[i] -= 1.0;
            }
            for (int i = 0; i < gb.length; i++) {
                gb[i] += 2.0;
            }
            assertClose(ref.gw(), gw, 1e-12, "gw" + at);
            assertClose(ref.gb(), gb, 1e-12, "gb" + at);
            Conv2dKernels.backwardWeight(g, x, gy, gw, null); // gb may be null
        });
    }

    /** The three float passes of one implementation: the facade, or the scalar loops themselves. */
    interface FloatConv {
        void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y);

        void backwardInput(ConvGeometry g, float[] gy, float[] w, float[] gx);

        void backwardWeight(ConvGeometry g, float[] x, float[] gy, float[] gw, float[] gb);
    }

    static final FloatConv FACADE = new FloatConv() {
        public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
            Conv2dKernels.forward(g, x, w, b, y);
        }

        public void backwardInput(ConvGeometry g, float[] gy, float[] w, float[] gx) {
            Conv2dKernels.backwardInput(g, gy, w, gx);
        }

        public void backwardWeight(ConvGeometry g, float[] x, float[] gy, float[] gw, float[] gb) {
            Conv2dKernels.backwardWeight(g, x, gy, gw, gb);
        }
    };

    static final FloatConv SCALAR = new FloatConv() {
        public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
            ScalarConv.forward(g, x, w, b, y);
        }

        public void backwardInput(ConvGeometry g, float[] gy, float[] w, float[] gx) {
            ScalarConv.backwardInput(g, gy, w, gx);
        }

        public void backwardWeight(ConvGeometry g, float[] x, float[] gy, float[] gw, float[] gb) {
            ScalarConv.backwardWeight(g, x, gy, gw, gb);
        }
    };

    @Test
    void agreesWithTheDefinitionInFloat() {
        agreesInFloat("conv2d facade float", FACADE);
    }

    @Test
    void theScalarLoopsAgreeWithTheDefinitionInFloat() { // the reference faster kernels are tested against
        agreesInFloat("conv2d scalar float", SCALAR);
    }

    static void agreesInFloat(String name, FloatConv impl) {
        Prop.forAll(name, 200, r -> {
            ConvGeometry g = randomGeometry(r);
            double[] x = random(r, g.inputSize()), w = random(r, g.weightSize());
            double[] b = random(r, g.outChannels());
            double[] gy = random(r, g.outputSize());
            // the reference in double on the float-rounded inputs
            float[] xf = toFloat(x), wf = toFloat(w), bf = toFloat(b), gyf = toFloat(gy);
            Reference ref = Reference.of(g, toDouble(xf), toDouble(wf), toDouble(bf), toDouble(gyf));
            String at = " at " + g;
            float[] y = new float[(int) g.outputSize()];
            impl.forward(g, xf, wf, bf, y);
            assertClose(ref.y(), y, 1e-5, "y" + at);
            float[] gx = new float[x.length];
            java.util.Arrays.fill(gx, Float.NaN);
            impl.backwardInput(g, gyf, wf, gx);
            assertClose(ref.gx(), gx, 1e-5, "gx" + at);
            float[] gw = new float[w.length], gb = new float[g.outChannels()];
            impl.backwardWeight(g, xf, gyf, gw, gb);
            assertClose(ref.gw(), gw, 1e-5, "gw" + at);
            assertClose(ref.gb(), gb, 1e-5, "gb" + at);
        });
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Test
    void crossCorrelationOfTheBook() {
        // 3x3 input 0..8 with the 2x2 kernel 0..3: [[19, 25], [37, 43]]
        ConvGeometry g = ConvGeometry.of(1, 1, 3, 3, 1, 2, 1, 0);
        float[] y = new float[4];
        Conv2dKernels.forward(g, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, new float[] {0, 1, 2, 3}, null, y);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {19, 25, 37, 43}, y);
    }

    @Test
    void geometryRejectsWhatNoKernelCanRun() {
        assertEquals(4, new ConvGeometry(1, 1, 8, 8, 1, 2, 2, 2, 2, 0, 0, 1, 1, 1).outH());
        assertEquals(3, new ConvGeometry(1, 1, 8, 8, 1, 3, 3, 3, 3, 1, 1, 1, 1, 1).outW());
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 1, 8, 8, 1, 3, 3, 0, 1, 0, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 1, 8, 8, 1, 3, 3, 1, 1, 0, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 1, 8, 8, 1, 3, 3, 1, 1, -1, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 3, 8, 8, 2, 3, 3, 1, 1, 0, 0, 1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 1, 2, 8, 1, 3, 3, 1, 1, 0, 0, 1, 1, 1));
    }
}
