// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * The fused kernels of a fully connected layer, PyTorch layout: x is [m x k] (a batch of m rows),
 * the weight w is [n x k] (one row per output), bias is [n], all dense row-major.
 *
 * <p>Forward: {@code out = act(x · wᵀ + bias)}, act the identity or ReLU. On the {@code java}
 * backend the bias and the ReLU are applied in the GEMM's store, while each tile of out is still in
 * registers, so out is written once and never read back. On another backend (OpenBLAS) the GEMM runs
 * there and {@link #biasAct} follows as one vector pass over out.
 *
 * <p>Backward: {@link #backward} turns the gradient of out into the gradient of the pre-activation
 * z (gz = gradOut where out > 0, else 0) and adds the column sums of gz to the bias gradient, in one
 * pass. The weight and input gradients are then plain GEMMs: gradW += gzᵀ · x (TN) and
 * gradX = gz · w (NN).
 */
public final class LinearKernel {
    private LinearKernel() {}

    /**
     * out[m x n] = act(x[m x k] · w[n x k]ᵀ + bias[n]), act = ReLU when relu, else identity; bias
     * may be null (no bias). Modified: out. Not modified: x, w, bias.
     *
     * @throws IllegalArgumentException for negative sizes or arrays too short, before any work
     */
    public static void forward(int m, int n, int k, float[] x, int xOff, float[] w, int wOff,
                               float[] bias, int biasOff, boolean relu, float[] out, int outOff) {
        check(m, n, k, x.length, xOff, w.length, wOff, bias == null ? -1 : bias.length, biasOff, out.length, outOff);
        if (m == 0 || n == 0) {
            return;
        }
        GemmBackend backend = Gemm.backend();
        if (backend instanceof JavaGemm java) {
            FloatGemm.gemm(false, true, m, n, k, 1f, x, xOff, k, w, wOff, k, 0f, out, outOff, n,
                    bias, biasOff, relu, java.threads());
        } else {
            backend.sgemm(false, true, m, n, k, 1f, x, xOff, k, w, wOff, k, 0f, out, outOff, n);
            biasAct(out, outOff, m, n, bias, biasOff, relu);
        }
    }

    /** The same as {@link #forward(int, int, int, float[], int, float[], int, float[], int, boolean, float[], int)} in double. */
    public static void forward(int m, int n, int k, double[] x, int xOff, double[] w, int wOff,
                               double[] bias, int biasOff, boolean relu, double[] out, int outOff) {
        check(m, n, k, x.length, xOff, w.length, wOff, bias == null ? -1 : bias.length, biasOff, out.length, outOff);
        if (m == 0 || n == 0) {
            return;
        }
        GemmBackend backend = Gemm.backend();
        if (backend instanceof JavaGemm java) {
            DoubleGemm.gemm(false, true, m, n, k, 1d, x, xOff, k, w, wOff, k, 0d, out, outOff, n,
                    bias, biasOff, relu, java.threads());
        } else {
            backend.dgemm(false, true, m, n, k, 1d, x, xOff, k, w, wOff, k, 0d, out, outOff, n);
            biasAct(out, outOff, m, n, bias, biasOff, relu);
        }
    }

    /**
     * c[i][j] = act(c[i][j] + bias[j]) over a dense m x n block at cOff; bias may be null. The
     * epilogue of {@link #forward} as a separate pass, for backends that cannot fuse it.
     * Modified: c. Not modified: bias.
     */
    public static void biasAct(float[] c, int cOff, int m, int n, float[] bias, int biasOff, boolean relu) {
        if (Simd.ENABLED) {
            VectorKernels.biasAct(c, cOff, m, n, bias, biasOff, relu);
        } else {
            ScalarKernels.biasAct(c, cOff, m, n, bias, biasOff, relu);
        }
    }

    /** The same as {@link #biasAct(float[], int, int, int, float[], int, boolean)} in double. */
    public static void biasAct(double[] c, int cOff, int m, int n, double[] bias, int biasOff, boolean relu) {
        if (Simd.ENABLED) {
            VectorKernels.biasAct(c, cOff, m, n, bias, biasOff, relu);
        } else {
            ScalarKernels.biasAct(c, cOff, m, n, bias, biasOff, relu);
        }
    }

    /**
     * In one pass over dense m x n blocks: gz[i][j] = gradOut[i][j] if !relu or out[i][j] > 0, else
     * 0 (the ReLU derivative, taken from the forward output: out > 0 exactly where z > 0); and, when
     * gradBias is not null, gradBias[j] += gz[i][j] for i = 0, 1, ..., m - 1 in that order (the
     * column sums of gz, accumulated). The vector and scalar paths give identical bits. gz may be
     * gradOut itself. Modified: gz, gradBias. Not modified: gradOut, out.
     */
    public static void backward(int m, int n, float[] gradOut, int gOff, float[] out, int outOff, boolean relu,
                                float[] gz, int gzOff, float[] gradBias, int gbOff) {
        if (Simd.ENABLED) {
            VectorKernels.linearBackward(m, n, gradOut, gOff, out, outOff, relu, gz, gzOff, gradBias, gbOff);
        } else {
            ScalarKernels.linearBackward(m, n, gradOut, gOff, out, outOff, relu, gz, gzOff, gradBias, gbOff);
        }
    }

    /** The same as {@link #backward(int, int, float[], int, float[], int, boolean, float[], int, float[], int)} in double. */
    public static void backward(int m, int n, double[] gradOut, int gOff, double[] out, int outOff, boolean relu,
                                double[] gz, int gzOff, double[] gradBias, int gbOff) {
        if (Simd.ENABLED) {
            VectorKernels.linearBackward(m, n, gradOut, gOff, out, outOff, relu, gz, gzOff, gradBias, gbOff);
        } else {
            ScalarKernels.linearBackward(m, n, gradOut, gOff, out, outOff, relu, gz, gzOff, gradBias, gbOff);
        }
    }

    private static void check(int m, int n, int k, int xLen, int xOff, int wLen, int wOff, int biasLen, int biasOff,
                              int outLen, int outOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("linear: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        need("x", m, k, xLen, xOff);
        need("w", n, k, wLen, wOff);
        need("out", m, n, outLen, outOff);
        if (biasLen >= 0) {
            need("bias", 1, n, biasLen, biasOff);
        }
    }

    private static void need(String what, int rows, int cols, int len, int off) {
        long need = (long) off + (long) rows * cols;
        if (off < 0 || need > len) {
            throw new IllegalArgumentException("linear: " + what + " [" + rows + ", " + cols + "] at offset " + off
                    + " needs " + need + " elements, the array has " + len);
        }
    }
}
