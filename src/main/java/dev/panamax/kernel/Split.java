// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * Element-wise work over [0, n) on the java GEMM backend's threads: one contiguous range per
 * thread, each a multiple of 64 elements long but the last, the caller taking one as well. For
 * arrays large enough that a second core's share pays for handing it over: the optimizer's update
 * of a large weight, which reads a gradient both GEMM threads wrote. Each element is computed as
 * on one thread, so the results do not depend on the split.
 */
final class Split extends GemmPool.Job {
    /** Elements below which the work stays on the caller. */
    static final int MIN = 1 << 16;

    /** The work on elements [from, to). */
    interface Range {
        void run(int from, int to);
    }

    private static final ThreadLocal<Split> JOBS = ThreadLocal.withInitial(Split::new);
    private Range body;
    private int n, parts;

    private Split() {}

    /**
     * Runs body over [0, n), split across the GEMM's threads when n >= {@link #MIN}, in ranges of at
     * least MIN / 2 elements (on a many-core machine a small array goes to a few threads, not all).
     */
    static void run(int n, Range body) {
        int threads = n < MIN || Gemm.backend() != Gemm.javaBackend() ? 1 : Math.min(Gemm.threads(), n / (MIN / 2));
        if (threads < 2) {
            body.run(0, n);
            return;
        }
        Split job = JOBS.get();
        job.body = body;
        job.n = n;
        job.parts = threads;
        try {
            GemmPool.INSTANCE.invoke(job, threads, threads - 1);
        } finally {
            job.body = null; // the job is reused; it must not keep the caller's arrays alive
        }
    }

    @Override
    void run(int task) {
        int units = n / 64;
        int from = task == 0 ? 0 : units * task / parts * 64;
        int to = task == parts - 1 ? n : units * (task + 1) / parts * 64;
        if (from < to) {
            body.run(from, to);
        }
    }
}
