// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import dev.panamax.kernel.GemmBackend;

/**
 * The {@code openblas} GEMM backend: {@code cblas_sgemm} / {@code cblas_dgemm} on Java arrays.
 *
 * <p>Two ways to hand a Java array to C, picked per call by the work m * n * k:
 * <ul>
 *   <li><b>critical</b> (m * n * k up to {@link #DEFAULT_CRITICAL_LIMIT}): the arrays go straight to
 *   OpenBLAS as heap segments through a {@code Linker.Option.critical(true)} downcall. No copy and
 *   no thread-state transition, but the calling thread stays "in Java" for the whole call, so a
 *   safepoint (every GC, deoptimisation, any VM operation) in any thread waits for it to return.</li>
 *   <li><b>copied</b> (larger products): A, B and C are copied into a per-thread off-heap buffer and
 *   an ordinary downcall runs on it; the thread is "in native", the JVM is free meanwhile.</li>
 * </ul>
 * See {@link #DEFAULT_CRITICAL_LIMIT} for where the switch sits and the measurement behind it.
 *
 * <p>Thread-safe: OpenBLAS (pthread build) serialises or splits concurrent calls itself, and each
 * Java thread copies into its own buffer. That buffer is as large as the largest call the thread made (A, B
 * and C together) and is kept until the thread dies: a thread that once multiplied two 2048 x 2048
 * float matrices holds 48 MB.
 */
public final class OpenBlasGemm implements GemmBackend {

    /**
     * Largest m * n * k that takes the critical (no-copy) path by default: 2^24, a 256^3 product
     * (about 0.33 ms on one Zen 3 core). Override with the system property
     * {@value #CRITICAL_LIMIT_PROPERTY}.
     *
     * <p>Why there, measured on the project's 2-core Zen 3 VM, JDK 25, OpenBLAS 0.3.21, 1 thread,
     * square sgemm ({@code OpenBlasSgemmBench}, paths critical / copied, us per call):
     * <pre>
     *   n      64    128    192    256    320    384     512     1024
     *   crit   4.76  42.9   140    326    634    1096    2621    21798
     *   copy   5.65  46.0   147    342    658    1130    2777    21727
     *   cost   +19%  +7%    +5%    +5%    +4%    +3%     +6%     ~0 (noise)
     * </pre>
     * The copy always costs a few percent, falling as 1/n. What it buys is shown by
     * {@code SafepointStall} (one thread looping sgemm, the main thread calling System.gc(),
     * -Xlog:safepoint): time to reach a safepoint, median / max, was 254 / 422 us at n = 256,
     * 2083 / 3155 us at 512 and 15233 / 18231 us at 1024 on the critical path, against 3.4 to 4.5 us
     * / at most 103 us on the copied path. A critical call stalls every thread of the JVM for up to
     * its whole length, so it is kept to calls of about a third of a millisecond or less, where the
     * copy would cost 5 to 20 percent; longer calls pay 3 to 5 percent to keep safepoints prompt.
     */
    public static final long DEFAULT_CRITICAL_LIMIT = 1L << 24;

    /** System property that replaces {@link #DEFAULT_CRITICAL_LIMIT} (-1: always copy). */
    public static final String CRITICAL_LIMIT_PROPERTY = "panamax.openblas.criticalLimit";

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final OpenBlas blas;
    private final long criticalLimit;

    /** The backend on a loaded library with the measured switch between critical and copied calls. */
    public OpenBlasGemm(OpenBlas blas) {
        this(blas, Long.getLong(CRITICAL_LIMIT_PROPERTY, DEFAULT_CRITICAL_LIMIT));
    }

    /**
     * The backend with another switch: calls with m * n * k &lt;= criticalLimit go critical.
     * -1 copies always (0 too, as m * n * k &gt; 0 here), {@code Long.MAX_VALUE} never copies. For tests and benchmarks.
     */
    public OpenBlasGemm(OpenBlas blas, long criticalLimit) {
        this.blas = blas;
        this.criticalLimit = criticalLimit;
    }

    /** The library under this backend. */
    public OpenBlas library() {
        return blas;
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public String describe() {
        return "openblas " + blas.file() + " [" + blas.config() + "], " + blas.threads() + " thread(s)";
    }

    @Override
    public int kernelVectorBits() {
        return blas.kernelVectorBits();
    }

    @Override
    public String kernelName() {
        return blas.coreName();
    }

    @Override
    public void setThreads(int threads) {
        blas.setThreads(threads);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        int ta = transA ? OpenBlas.TRANS : OpenBlas.NO_TRANS, tb = transB ? OpenBlas.TRANS : OpenBlas.NO_TRANS;
        try {
            if ((long) m * n * k <= criticalLimit) {
                blas.sgemmCritical.invokeExact(OpenBlas.ROW_MAJOR, ta, tb, m, n, k, alpha,
                        heap(a, aOff), lda, heap(b, bOff), ldb, beta, heap(c, cOff), ldc);
                return;
            }
            long aLen = span(transA ? k : m, transA ? m : k, lda), bLen = span(transB ? n : k, transB ? k : n, ldb);
            long cLen = span(m, n, ldc);
            ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT;
            MemorySegment buf = SCRATCH.get().get((aLen + bLen + cLen) * Float.BYTES);
            MemorySegment sa = buf.asSlice(0, aLen * Float.BYTES);
            MemorySegment sb = buf.asSlice(aLen * Float.BYTES, bLen * Float.BYTES);
            MemorySegment sc = buf.asSlice((aLen + bLen) * Float.BYTES, cLen * Float.BYTES);
            MemorySegment.copy(a, aOff, sa, f, 0, (int) aLen);
            MemorySegment.copy(b, bOff, sb, f, 0, (int) bLen);
            // C is read when beta != 0, and the gaps between its rows must survive the copy back.
            boolean cIn = beta != 0f || ldc != n;
            if (cIn) {
                MemorySegment.copy(c, cOff, sc, f, 0, (int) cLen);
            }
            blas.sgemm.invokeExact(OpenBlas.ROW_MAJOR, ta, tb, m, n, k, alpha, sa, lda, sb, ldb, beta, sc, ldc);
            MemorySegment.copy(sc, f, 0, c, cOff, (int) cLen);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        int ta = transA ? OpenBlas.TRANS : OpenBlas.NO_TRANS, tb = transB ? OpenBlas.TRANS : OpenBlas.NO_TRANS;
        try {
            if ((long) m * n * k <= criticalLimit) {
                blas.dgemmCritical.invokeExact(OpenBlas.ROW_MAJOR, ta, tb, m, n, k, alpha,
                        heap(a, aOff), lda, heap(b, bOff), ldb, beta, heap(c, cOff), ldc);
                return;
            }
            long aLen = span(transA ? k : m, transA ? m : k, lda), bLen = span(transB ? n : k, transB ? k : n, ldb);
            long cLen = span(m, n, ldc);
            ValueLayout.OfDouble d = ValueLayout.JAVA_DOUBLE;
            MemorySegment buf = SCRATCH.get().get((aLen + bLen + cLen) * Double.BYTES);
            MemorySegment sa = buf.asSlice(0, aLen * Double.BYTES);
            MemorySegment sb = buf.asSlice(aLen * Double.BYTES, bLen * Double.BYTES);
            MemorySegment sc = buf.asSlice((aLen + bLen) * Double.BYTES, cLen * Double.BYTES);
            MemorySegment.copy(a, aOff, sa, d, 0, (int) aLen);
            MemorySegment.copy(b, bOff, sb, d, 0, (int) bLen);
            boolean cIn = beta != 0d || ldc != n;
            if (cIn) {
                MemorySegment.copy(c, cOff, sc, d, 0, (int) cLen);
            }
            blas.dgemm.invokeExact(OpenBlas.ROW_MAJOR, ta, tb, m, n, k, alpha, sa, lda, sb, ldb, beta, sc, ldc);
            MemorySegment.copy(sc, d, 0, c, cOff, (int) cLen);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_dgemm failed", t);
        }
    }

    /** Elements from the first to the last of a row-major matrix stored with leading dimension ld. */
    static long span(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
    }

    private static MemorySegment heap(float[] x, int off) {
        return MemorySegment.ofArray(x).asSlice((long) off * Float.BYTES);
    }

    private static MemorySegment heap(double[] x, int off) {
        return MemorySegment.ofArray(x).asSlice((long) off * Double.BYTES);
    }

    /**
     * One thread's off-heap buffer for the copied path: grows to the largest call seen and is then
     * reused, so steady-state calls allocate nothing and touch no fresh pages. Freed by the GC
     * (automatic arena) when its thread dies.
     */
    private static final class Scratch {
        private MemorySegment seg = MemorySegment.NULL;

        MemorySegment get(long bytes) {
            if (seg.byteSize() < bytes) {
                seg = MemorySegment.NULL;
                seg = Arena.ofAuto().allocate(bytes, 64);
            }
            return seg;
        }
    }
}
