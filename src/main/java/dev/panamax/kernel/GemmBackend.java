// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * One implementation of general matrix multiply, row-major like {@code cblas_?gemm} with
 * {@code CblasRowMajor}: C = alpha * op(A) * op(B) + beta * C, where op(X) is X or its transpose.
 * op(A) is m x k, op(B) is k x n, C is m x n. When beta is 0, C is not read (NaN in C does not
 * propagate), as in BLAS.
 *
 * <p>Arguments reach a backend already checked by {@link Gemm}. The pure-Java backend lives in
 * this package; others (OpenBLAS through FFM) are found with {@link java.util.ServiceLoader} from
 * {@link Provider}, so this package never depends on them.
 */
public interface GemmBackend {

    /** Short name used by {@code panamax.backend}: "java", "openblas". */
    String name();

    /** One line for the user: implementation, library file, configuration. */
    default String describe() {
        return name();
    }

    /** Modified: c. Not modified: a, b. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /** Modified: c. Not modified: a, b. */
    void dgemm(boolean transA, boolean transB, int m, int n, int k,
               double alpha, double[] a, int aOff, int lda,
               double[] b, int bOff, int ldb,
               double beta, double[] c, int cOff, int ldc);

    /**
     * The vector width in bits of the float kernels this backend runs on this CPU, or -1 when it
     * cannot tell. The {@code auto} backend does not pick a backend whose kernels are narrower than
     * the java backend's.
     */
    default int kernelVectorBits() {
        return -1;
    }

    /** The name of the kernels in use, for messages ("SkylakeX", "Prescott"), or "". */
    default String kernelName() {
        return "";
    }

    /** Follows the thread count of {@link Gemm#setThreads}. */
    default void setThreads(int threads) {}

    /**
     * Finds a backend at run time. Registered in {@code META-INF/services/dev.panamax.kernel.GemmBackend$Provider}.
     */
    interface Provider {
        /** The backend's {@link GemmBackend#name()}. */
        String name();

        /** Loads the backend, or throws an exception whose message says why it is unavailable. */
        GemmBackend load() throws Exception;
    }
}
