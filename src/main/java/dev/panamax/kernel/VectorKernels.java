package dev.panamax.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Vectors live in locals only (a vector in a field or array is boxed).
 * Loaded only when {@link Simd#ENABLED}.
 */
public final class VectorKernels {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private VectorKernels() {}

    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        // Two accumulators hide the FMA latency; the tail is scalar.
        FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
        int l = F.length(), i = 0;
        for (; i + 2 * l <= n; i += 2 * l) {
            acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
            acc1 = FloatVector.fromArray(F, a, aOff + i + l).fma(FloatVector.fromArray(F, b, bOff + i + l), acc1);
        }
        for (; i + l <= n; i += l) {
            acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        DoubleVector acc0 = DoubleVector.zero(D), acc1 = DoubleVector.zero(D);
        int l = D.length(), i = 0;
        for (; i + 2 * l <= n; i += 2 * l) {
            acc0 = DoubleVector.fromArray(D, a, aOff + i).fma(DoubleVector.fromArray(D, b, bOff + i), acc0);
            acc1 = DoubleVector.fromArray(D, a, aOff + i + l).fma(DoubleVector.fromArray(D, b, bOff + i + l), acc1);
        }
        for (; i + l <= n; i += l) {
            acc0 = DoubleVector.fromArray(D, a, aOff + i).fma(DoubleVector.fromArray(D, b, bOff + i), acc0);
        }
        double s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }
}
