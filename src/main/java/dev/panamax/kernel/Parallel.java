// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * Independent tasks on the java GEMM's threads ({@code GemmPool}: the caller and its daemon
 * workers), for kernels outside this package (the convolutions). Each task runs exactly once, on
 * whichever thread claims it; a task must write only what no other task writes, so the results do
 * not depend on the thread count.
 */
public final class Parallel {
    /** One task of a call: {@code run(i)} for i in [0, tasks). */
    public interface Body {
        void run(int task);
    }

    private static final ThreadLocal<Tasks> JOBS = ThreadLocal.withInitial(Tasks::new);

    private Parallel() {}

    /**
     * Runs body for every task in [0, tasks) on up to {@code threads} threads, the caller one of
     * them, and returns when all are done; rethrows what a task threw. On one thread, or for one
     * task, the caller runs them in order.
     */
    public static void forEach(int tasks, int threads, Body body) {
        int parts = Math.min(tasks, threads);
        if (parts < 2) {
            for (int i = 0; i < tasks; i++) {
                body.run(i);
            }
            return;
        }
        Tasks job = JOBS.get();
        if (job.body != null) { // a task that itself calls forEach: run the inner call here
            for (int i = 0; i < tasks; i++) {
                body.run(i);
            }
            return;
        }
        job.body = body;
        try {
            GemmPool.INSTANCE.invoke(job, tasks, parts - 1);
        } finally {
            job.body = null; // the job is reused; it must not keep the caller's arrays alive
        }
    }

    /** The number of threads kernels may use: {@link Gemm#threads()}. */
    public static int threads() {
        return Gemm.threads();
    }

    private static final class Tasks extends GemmPool.Job {
        Body body;

        @Override
        void run(int task) {
            body.run(task);
        }
    }
}
