package dev.panamax.kernel;

/**
 * Level-1 kernels over raw arrays: each call goes to the Vector API version when {@link Simd#ENABLED}
 * and to its scalar twin otherwise. Arguments are not checked here: callers (the tensor layer)
 * have validated shapes, offsets and lengths.
 */
public final class Kernels {
    private Kernels() {}

    /** Returns sum of a[aOff + i] * b[bOff + i] for i in [0, n). Not modified: a, b. */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return Simd.ENABLED ? VectorKernels.dot(a, aOff, b, bOff, n) : ScalarKernels.dot(a, aOff, b, bOff, n);
    }

    /** Returns sum of a[aOff + i] * b[bOff + i] for i in [0, n). Not modified: a, b. */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        return Simd.ENABLED ? VectorKernels.dot(a, aOff, b, bOff, n) : ScalarKernels.dot(a, aOff, b, bOff, n);
    }
}
