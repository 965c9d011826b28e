// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import java.util.ServiceLoader;

/**
 * The GEMM entry point of panamax: checks arguments, then dispatches to the selected backend.
 *
 * <p>The backend comes from the system property {@code panamax.backend} ({@code java},
 * {@code openblas} or {@code auto}, the default) and can be changed with {@link #setBackend}.
 * {@code auto} takes OpenBLAS when a provider loads and the pure-Java kernels otherwise. The
 * thread count comes from {@code panamax.threads} (default: available processors).
 */
public final class Gemm {
    private static final System.Logger LOG = System.getLogger("dev.panamax");

    private static volatile GemmBackend backend;
    /** Why {@code auto} last fell back to java (null when it did not), for Backend.describe(). */
    private static volatile String fallbackReason;
    private static volatile int threads = Math.max(1, Integer.getInteger("panamax.threads",
            Runtime.getRuntime().availableProcessors()));

    private Gemm() {}

    /** The pure-Java backend (Vector API or scalar twin, see {@link Simd}). */
    public static GemmBackend javaBackend() {
        return JavaGemm.INSTANCE;
    }

    /** The backend in use; selected on first use from {@code panamax.backend}. */
    public static GemmBackend backend() {
        GemmBackend b = backend;
        if (b == null) {
            synchronized (Gemm.class) {
                if (backend == null) {
                    backend = select(System.getProperty("panamax.backend", "auto"));
                    backend.setThreads(threads);
                }
                b = backend;
            }
        }
        return b;
    }

    /**
     * Selects the backend by name: {@code java}, {@code openblas} or {@code auto}. Asking for
     * {@code openblas} where it cannot load throws {@link IllegalStateException} with the reason.
     */
    public static synchronized void setBackend(String name) {
        if (!name.equals("auto")) {
            fallbackReason = null; // a backend named outright needs no reason
        }
        GemmBackend b = select(name);
        b.setThreads(threads);
        backend = b;
    }

    /** Uses the given backend from now on (tests, embedding). */
    public static synchronized void setBackend(GemmBackend b) {
        fallbackReason = null;
        b.setThreads(threads);
        backend = b;
    }

    /** Why the {@code auto} selection last fell back to java, or null if it did not. */
    public static String fallbackReason() {
        return fallbackReason;
    }

    public static int threads() {
        return threads;
    }

    /** Sets the number of threads the GEMM may use (1 or more). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        threads = n;
        if (backend != null) {
            backend.setThreads(n);
        }
    }

    /**
     * Runs {@code task} on one of the java backend's GEMM threads when it has no product to help
     * with (starting one if none runs yet), so it overlaps the caller's work without a thread of its
     * own competing with the GEMM's for the cores; the {@code DataLoader}'s prefetch makes its batches
     * this way. A task waits while every GEMM thread helps a product: pass a
     * {@link java.util.concurrent.FutureTask} and run it yourself when you need its result first
     * (a FutureTask runs once; its {@code run} returns at once when a GEMM thread has it). A
     * FutureTask keeps what its work throws for its {@code get}; anything else a task throws goes to
     * the thread's uncaught-exception handler, and the thread goes on.
     */
    public static void runWhenIdle(Runnable task) {
        GemmPool.INSTANCE.background(java.util.Objects.requireNonNull(task, "task"));
    }

    private static GemmBackend select(String name) {
        switch (name) {
            case "java":
                return JavaGemm.INSTANCE;
            case "auto":
            case "openblas": {
                String why = "no provider on the class path";
                for (GemmBackend.Provider p : ServiceLoader.load(GemmBackend.Provider.class, Gemm.class.getClassLoader())) {
                    if (!p.name().equals("openblas")) {
                        continue;
                    }
                    GemmBackend b;
                    try {
                        b = p.load();
                    } catch (Exception | LinkageError e) {
                        why = e.getMessage();
                        continue;
                    }
                    int bits = b.kernelVectorBits();
                    if (name.equals("openblas") || bits < 0 || bits >= Simd.BIT_SIZE || Simd.BIT_SIZE < 256) {
                        return b;
                    }
                    why = "it runs its " + bits + "-bit " + b.kernelName() + " kernels on this CPU, the java backend "
                            + Simd.BIT_SIZE + "-bit ones, which are faster (OPENBLAS_CORETYPE can name a newer core;"
                            + " panamax.backend=openblas uses it anyway)";
                }
                if (name.equals("openblas")) {
                    throw new IllegalStateException("panamax.backend=openblas, but OpenBLAS is not available: " + why);
                }
                fallbackReason = why;
                LOG.log(System.Logger.Level.INFO, "panamax: not using OpenBLAS (" + why + "); using the java backend");
                return JavaGemm.INSTANCE;
            }
            default:
                throw new IllegalArgumentException("unknown backend '" + name + "': expected java, openblas or auto");
        }
    }

    /**
     * C = alpha * op(A) * op(B) + beta * C in float, row-major. Modified: c. Not modified: a, b.
     *
     * <p>Any of m, n, k may be 0: with m or n 0 nothing is written; with k 0, C = beta * C (C is
     * zeroed, not read, when beta is 0, as in BLAS).
     *
     * @throws IllegalArgumentException for negative sizes, a leading dimension too small, or an
     *     array too short for the matrix it holds; raised before any work
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return; // C is empty
        }
        if (k == 0) { // alpha * A B is an empty sum: C = beta * C, and no backend sees k = 0
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        backend().sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The same as {@link #sgemm} in double. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double alpha, double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return; // C is empty
        }
        if (k == 0) { // alpha * A B is an empty sum: C = beta * C, and no backend sees k = 0
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        backend().dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** C = beta * C for the m x n block at cOff (C zeroed when beta is 0: BLAS does not read it). */
    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = cOff + i * ldc, end = j + n; j < end; j++) {
                c[j] = beta == 0 ? 0 : beta * c[j];
            }
        }
    }

    private static void scaleC(int m, int n, double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = cOff + i * ldc, end = j + n; j < end; j++) {
                c[j] = beta == 0 ? 0 : beta * c[j];
            }
        }
    }

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      int aLen, int aOff, int lda, int bLen, int bOff, int ldb, int cLen, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        // Row-major: A is stored as (transA ? k x m : m x k), each stored row ld apart.
        checkMatrix("A", transA ? k : m, transA ? m : k, aLen, aOff, lda);
        checkMatrix("B", transB ? n : k, transB ? k : n, bLen, bOff, ldb);
        checkMatrix("C", m, n, cLen, cOff, ldc);
    }

    private static void checkMatrix(String what, int rows, int cols, int len, int off, int ld) {
        // An empty matrix is never read (the entry points return or only scale C first), so its ld
        // need only be non-negative: a contiguous [2, 0] has ld 0.
        if (ld < (rows == 0 || cols == 0 ? 0 : cols)) {
            throw new IllegalArgumentException("gemm: ld" + what.toLowerCase() + "=" + ld + " is smaller than the "
                    + cols + " columns of " + what + " (" + rows + " x " + cols + ", row-major)");
        }
        if (off < 0) {
            throw new IllegalArgumentException("gemm: negative offset " + off + " for " + what);
        }
        long need = rows == 0 || cols == 0 ? 0 : (long) off + (long) (rows - 1) * ld + cols;
        if (need > len) {
            throw new IllegalArgumentException("gemm: " + what + " (" + rows + " x " + cols + ", ld " + ld + ", offset "
                    + off + ") needs " + need + " elements, the array has " + len);
        }
    }
}
