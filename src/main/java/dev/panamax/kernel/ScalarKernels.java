package dev.panamax.kernel;

/** Scalar twins of {@link VectorKernels}: the reference the vector kernels are tested against. */
public final class ScalarKernels {
    private ScalarKernels() {}

    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double s = 0d;
        for (int i = 0; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }
}
