// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.panamax.Generator;
import dev.panamax.kernel.Gemm;
import dev.panamax.testing.Prop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The fast float convolutions behind {@link Conv2dKernels} against the definition in double, with a
 * tolerance scaled by the sum of |terms| of each element (what float rounding can move it by), on
 * stride-1 geometries (the direct kernels' domain) with odd sizes, padding, dilation, groups, tails
 * of the register tiles and batches across several weight-gradient chunks; then the same bits on 1
 * and 2 threads, the fused activations, and LeNet's two layers.
 */
class VectorConvTest {

    static ConvGeometry stride1(Generator r) {
        int groups = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1;
        int c = groups * (1 + r.nextInt(r.nextInt(3) == 0 ? 9 : 3)), k = groups * (1 + r.nextInt(r.nextInt(2) == 0 ? 20 : 5));
        int kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(5);
        int dh = r.nextInt(4) == 0 ? 2 : 1, dw = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1;
        int ph = r.nextInt(3), pw = r.nextInt(4);
        int minH = Math.max(0, dh * (kh - 1) + 1 - 2 * ph), minW = Math.max(0, dw * (kw - 1) + 1 - 2 * pw);
        int h = minH + r.nextInt(r.nextInt(3) == 0 ? 30 : 8), w = minW + r.nextInt(r.nextInt(3) == 0 ? 40 : 8);
        int n = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(r.nextInt(3) == 0 ? 20 : 3);
        return new ConvGeometry(n, c, h, w, k, kh, kw, 1, 1, ph, pw, dh, dw, groups);
    }

    static float[] random(Generator r, long n) {
        float[] a = new float[(int) n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    static double[] abs(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Math.abs(a[i]);
        }
        return d;
    }

    static double[] dbl(float[] a) {
        return a == null ? null : ScalarConvTest.toDouble(a);
    }

    /** |actual - expected| &lt;= 1e-5 * (scale + 1e-6) elementwise: scale is the sum of |terms|. */
    static void assertNear(double[] expected, double[] scale, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-5 * (scale[i] + 1e-6);
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " within " + tol + ", got " + actual[i]);
            }
        }
    }

    /** One geometry through all three passes against the definition in double. */
    static void check(ConvGeometry g, Generator r) {
        float[] x = random(r, g.inputSize()), w = random(r, g.weightSize()), b = random(r, g.outChannels());
        float[] gy = random(r, g.outputSize());
        ScalarConvTest.Reference ref = ScalarConvTest.Reference.of(g, dbl(x), dbl(w), dbl(b), dbl(gy));
        ScalarConvTest.Reference mag = ScalarConvTest.Reference.of(g, abs(x), abs(w), abs(b), abs(gy));
        String at = " at " + g;
        float[] y = new float[(int) g.outputSize()];
        Arrays.fill(y, Float.NaN);
        Conv2dKernels.forward(g, x, w, b, y);
        assertNear(ref.y(), mag.y(), y, "y" + at);
        float[] gx = new float[x.length];
        Arrays.fill(gx, Float.NaN);
        Conv2dKernels.backwardInput(g, gy, w, gx);
        assertNear(ref.gx(), mag.gx(), gx, "gx" + at);
        float[] gw = new float[w.length], gb = new float[g.outChannels()];
        Arrays.fill(gw, 0.5f); // accumulated into
        Arrays.fill(gb, -0.25f);
        Conv2dKernels.backwardWeight(g, x, gy, gw, gb);
        for (int i = 0; i < gw.length; i++) {
            gw[i] -= 0.5f;
        }
        for (int i = 0; i < gb.length; i++) {
            gb[i] += 0.25f;
        }
        double[] gwScale = mag.gw().clone(), gbScale = mag.gb().clone();
        for (int i = 0; i < gwScale.length; i++) {
            gwScale[i] += 0.5; // the accumulated 0.5 is rounded with the sum
        }
        for (int i = 0; i < gbScale.length; i++) {
            gbScale[i] += 0.25;
        }
        assertNear(ref.gw(), gwScale, gw, "gw" + at);
        assertNear(ref.gb(), gbScale, gb, "gb" + at);
        float[] gw2 = new float[w.length];
        Conv2dKernels.backwardWeight(g, x, gy, gw2, null); // no bias gradient: the same weight gradient
        assertNear(ref.gw(), mag.gw(), gw2, "gw without gb" + at);
    }

    @Test
    void strideOneGeometriesAgreeWithTheDefinition() {
        Prop.forAll("conv2d vector stride 1", 150, r -> check(stride1(r), r));
    }

    @Test
    void sameBitsAsTheScalarLoops() {
        Prop.forAll("conv2d vector bits", 80, r -> {
            ConvGeometry g = r.nextInt(3) == 0 ? ScalarConvTest.randomGeometry(r) : stride1(r);
            float[] x = random(r, g.inputSize()), w = random(r, g.weightSize()), b = random(r, g.outChannels());
            float[] gy = random(r, g.outputSize());
            float[] y0 = new float[(int) g.outputSize()], gx0 = new float[x.length], gw0 = new float[w.length], gb0 = new float[b.length];
            ScalarConv.forward(g, x, w, b, y0);
            ScalarConv.backwardInput(g, gy, w, gx0);
            ScalarConv.backwardWeight(g, x, gy, gw0, gb0);
            float[] y = new float[y0.length], gx = new float[x.length], gw = new float[w.length], gb = new float[b.length];
            Conv2dKernels.forward(g, x, w, b, y);
            Conv2dKernels.backwardInput(g, gy, w, gx);
            Conv2dKernels.backwardWeight(g, x, gy, gw, gb);
            assertArrayEquals(y0, y, "y at " + g);
            assertArrayEquals(gx0, gx, "gx at " + g);
            assertArrayEquals(gw0, gw, "gw at " + g);
            assertArrayEquals(gb0, gb, "gb at " + g);
        });
    }

    @Test
    void anyGeometryAgreesWithTheDefinition() {
        Prop.forAll("conv2d vector any", 60, r -> check(ScalarConvTest.randomGeometry(r), r));
    }

    @Test
    void leNetLayersAgreeWithTheDefinition() {
        Generator r = new Generator(6);
        check(ConvGeometry.of(19, 1, 28, 28, 6, 5, 1, 2), r);
        check(ConvGeometry.of(19, 6, 14, 14, 16, 5, 1, 0), r);
    }

    /** Runs the three passes and returns their outputs concatenated. */
    static float[] passes(ConvGeometry g, float[] x, float[] w, float[] b, float[] gy, Activation act) {
        float[] y = new float[(int) g.outputSize()], gx = new float[x.length], gw = new float[w.length], gb = new float[b.length];
        Conv2dKernels.forward(g, x, w, b, y, act);
        Conv2dKernels.backwardInput(g, gy, w, gx);
        Conv2dKernels.backwardWeight(g, x, gy, gw, gb);
        float[] all = Arrays.copyOf(y, y.length + gx.length + gw.length + gb.length);
        System.arraycopy(gx, 0, all, y.length, gx.length);
        System.arraycopy(gw, 0, all, y.length + gx.length, gw.length);
        System.arraycopy(gb, 0, all, y.length + gx.length + gw.length, gb.length);
        return all;
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        int before = Gemm.threads();
        try {
            Generator r = new Generator(11);
            for (ConvGeometry g : new ConvGeometry[] {ConvGeometry.of(64, 6, 14, 14, 16, 5, 1, 0),
                    ConvGeometry.of(37, 1, 28, 28, 6, 5, 1, 2),
                    new ConvGeometry(21, 4, 13, 17, 6, 3, 3, 1, 1, 1, 2, 2, 1, 2)}) {
                float[] x = random(r, g.inputSize()), w = random(r, g.weightSize()), b = random(r, g.outChannels());
                float[] gy = random(r, g.outputSize());
                Gemm.setThreads(1);
                float[] one = passes(g, x, w, b, gy, Activation.SIGMOID);
                Gemm.setThreads(2);
                float[] two = passes(g, x, w, b, gy, Activation.SIGMOID);
                float[] again = passes(g, x, w, b, gy, Activation.SIGMOID);
                assertArrayEquals(one, two, "1 and 2 threads at " + g);
                assertArrayEquals(two, again, "two runs on 2 threads at " + g);
            }
        } finally {
            Gemm.setThreads(before);
        }
    }

    @Test
    void fusedActivationsAreTheActivationOfThePlainForward() {
        Prop.forAll("conv2d fused activation", 40, r -> {
            ConvGeometry g = r.nextInt(2) == 0 ? stride1(r) : ScalarConvTest.randomGeometry(r);
            float[] x = random(r, g.inputSize()), w = random(r, g.weightSize()), b = random(r, g.outChannels());
            float[] z = new float[(int) g.outputSize()];
            Conv2dKernels.forward(g, x, w, b, z);
            for (Activation act : Activation.values()) {
                float[] y = new float[z.length];
                Arrays.fill(y, Float.NaN);
                Conv2dKernels.forward(g, x, w, b, y, act);
                for (int i = 0; i < z.length; i++) {
                    assertEquals(act.apply(z[i]), y[i], act + "[" + i + "] at " + g);
                }
            }
        });
    }

    @Test
    void activationsTakeTheirValues() {
        assertEquals(0f, Activation.RELU.apply(-3f));
        assertEquals(2.5f, Activation.RELU.apply(2.5f));
        assertEquals(0.5f, Activation.SIGMOID.apply(0f));
        assertEquals(1 / (1 + Math.exp(-2)), Activation.SIGMOID.apply(2f), 1e-7);
        assertEquals(1 / (1 + Math.exp(30)), Activation.SIGMOID.apply(-30f), 1e-19);
        assertEquals(1f, Activation.SIGMOID.apply(200f));
        assertEquals(0f, Activation.SIGMOID.apply(-200f));
    }
}
