// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * The pure-Java GEMM backend: {@link FloatGemm} and {@link DoubleGemm}, packed BLIS-style panels
 * and a register-tiled micro-kernel on the Vector API (or its scalar twin when {@link Simd} says
 * so), split over the daemon threads of {@link GemmPool}. Safe to call from many threads at once:
 * each calling thread has its own call state and packing buffers.
 */
final class JavaGemm implements GemmBackend {
    static final JavaGemm INSTANCE = new JavaGemm();

    private volatile int threads = Gemm.threads();

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String describe() {
        return "java (" + Simd.describe() + ", " + FloatGemm.MR + "x" + FloatGemm.NR + " float tile, blocks MC "
                + FloatGemm.MC + " KC " + FloatGemm.KC + " NC " + FloatGemm.NC + " from " + CpuCaches.THIS + ", "
                + threads + " threads)";
    }

    @Override
    public void setThreads(int threads) {
        this.threads = threads;
    }

    int threads() {
        return threads;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        FloatGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                null, 0, false, threads);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        DoubleGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                null, 0, false, threads);
    }
}
