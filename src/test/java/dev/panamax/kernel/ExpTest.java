// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.testing.Prop;
import org.junit.jupiter.api.Test;

/** {@link Exp}: within 1 ulp of Math.exp everywhere, and the vector version gives the scalar bits. */
class ExpTest {
    /** Where exp changes regime: zeros, subnormals, the overflow and underflow thresholds, the clamps, NaN, infinities. */
    static final float[] FLOAT_EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1f, -1f,
            0.34657359f, -0.34657359f, 0.6931472f, 10f, -10f, 88.0f, 88.37626f, 88.72283f, 88.72284f, 88.7229f, 89f, 89.5f,
            -87.33654f, -87.33655f, -87.5f, -100f, -103.27893f, -103.2789f, -103.97207f, -103.97208f, -103.9721f, -104f,
            -104.5f, 1e10f, -1e10f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.NaN};
    static final double[] DOUBLE_EDGES = {0d, -0d, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1d, -1d,
            0.34657359027997264, -0.34657359027997264, 0.6931471805599453, 700d, 709.782712893384, 709.7827128933841, 709.79,
            710d, 711d, -708.3964185322641, -708.4, -720d, -744.4400719213812, -745.1332191019411, -745.1332191019412, -746d,
            -747d, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN};

    @Test
    void floatExpIsWithinOneUlpOfMathExpOnEdgesAndRandomInputs() {
        for (float x : FLOAT_EDGES) {
            checkFloat(x);
        }
        Prop.forAll("exp.float", 20, g -> {
            for (int i = 0; i < 10_000; i++) {
                checkFloat((float) (g.nextDouble() * 200 - 108));
                checkFloat((float) (g.nextDouble() * 2 - 1));
                checkFloat(Float.intBitsToFloat((int) g.nextLong()));
            }
        });
    }

    @Test
    void doubleExpIsWithinOneUlpOfMathExpOnEdgesAndRandomInputs() {
        for (double x : DOUBLE_EDGES) {
            checkDouble(x);
        }
        Prop.forAll("exp.double", 20, g -> {
            for (int i = 0; i < 10_000; i++) {
                checkDouble(g.nextDouble() * 1460 - 750);
                checkDouble(g.nextDouble() * 2 - 1);
                checkDouble(Double.longBitsToDouble(g.nextLong()));
            }
        });
    }

    @Test
    void vectorExpGivesTheScalarBits() {
        assertTrue(Simd.ENABLED, Simd.describe());
        Prop.forAll("exp.twin", 5, g -> {
            int n = 4096 + FLOAT_EDGES.length;
            float[] x = new float[n], v = new float[n], s = new float[n];
            double[] xd = new double[n], vd = new double[n], sd = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i < FLOAT_EDGES.length ? FLOAT_EDGES[i] : (float) (g.nextDouble() * 200 - 108);
                xd[i] = i < DOUBLE_EDGES.length ? DOUBLE_EDGES[i] : g.nextDouble() * 1460 - 750;
            }
            Kernels.exp(x, 0, v, 0, n);
            ScalarKernels.exp(x, 0, s, 0, n);
            Kernels.exp(xd, 0, vd, 0, n);
            ScalarKernels.exp(xd, 0, sd, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(s[i]), Float.floatToIntBits(v[i]), "float exp(" + x[i] + "): " + s[i] + " vs " + v[i]);
                assertEquals(Double.doubleToLongBits(sd[i]), Double.doubleToLongBits(vd[i]), "double exp(" + xd[i] + ")");
            }
        });
    }

    /** Ulps between two floats of the same sign: the distance of their bit patterns (0 for two NaNs). */
    static void checkFloat(float x) {
        float got = Exp.exp(x), want = (float) Math.exp(x);
        if (Float.isNaN(want)) {
            assertTrue(Float.isNaN(got), "exp(" + x + ") = " + got + ", expected NaN");
            return;
        }
        long ulps = Math.abs((long) Float.floatToIntBits(got) - Float.floatToIntBits(want));
        assertTrue(ulps <= 1, () -> "exp(" + x + ") = " + got + ", Math.exp gives " + want + ": " + ulps + " ulps apart");
    }

    static void checkDouble(double x) {
        double got = Exp.exp(x), want = Math.exp(x);
        if (Double.isNaN(want)) {
            assertTrue(Double.isNaN(got), "exp(" + x + ") = " + got + ", expected NaN");
            return;
        }
        long ulps = Math.abs(Double.doubleToLongBits(got) - Double.doubleToLongBits(want));
        assertTrue(ulps <= 1, () -> "exp(" + x + ") = " + got + ", Math.exp gives " + want + ": " + ulps + " ulps apart");
    }
}
