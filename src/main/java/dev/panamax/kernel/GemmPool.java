package dev.panamax.kernel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of daemon threads that help a caller run the tasks of one {@link Job}.
 *
 * <p>The caller always works on its own job too, so a call never waits for a free worker: a job
 * offered to a busy pool is simply run by fewer threads. Tasks are claimed from one atomic
 * counter, so each task (one block of C) runs on exactly one thread; which thread does not
 * matter for the result. No allocation per call: a job is reused by its calling thread and the
 * queue is array-backed.
 */
final class GemmPool {
    static final GemmPool INSTANCE = new GemmPool();

    private final ArrayBlockingQueue<Job> queue = new ArrayBlockingQueue<>(1024);
    private int started;

    private GemmPool() {}

    /** Starts workers until there are at least {@code n}; never stops any (they are daemons). */
    synchronized void ensureWorkers(int n) {
        for (; started < n; started++) {
            Thread t = new Thread(this::workLoop, "panamax-gemm-" + started);
            t.setDaemon(true);
            t.start();
        }
    }

    private void workLoop() {
        while (true) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                continue; // a daemon worker has nothing to clean up; keep serving
            }
            job.help();
        }
    }

    /**
     * Runs tasks [0, count) of {@code job} on the calling thread and up to {@code helpers} workers,
     * and returns when all are done.
     */
    void invoke(Job job, int count, int helpers) {
        job.start(count);
        if (helpers > 0) {
            ensureWorkers(helpers);
            for (int h = 0; h < helpers && h < count - 1; h++) {
                if (!queue.offer(job)) {
                    break; // the pool is saturated by other callers: do more of the work here
                }
            }
        }
        job.help();
        job.await();
    }

    /**
     * A divisible piece of work. {@code state} packs the task count (high 32 bits) and the next
     * unclaimed task (low 32 bits) in one word, so a worker that picks up a job late (after the
     * call it was offered for has finished, and even after the job was restarted) either claims a
     * valid task of the current call or sees that none are left.
     */
    abstract static class Job {
        private final AtomicLong state = new AtomicLong();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;
        private Thread owner;

        /** Runs one task; reads the call's arguments from the job's fields. */
        abstract void run(int task);

        private void start(int count) {
            owner = Thread.currentThread();
            failure = null;
            done.set(0);
            state.set((long) count << 32); // publishes the fields written before this call
        }

        private void help() {
            while (true) {
                long v = state.getAndIncrement();
                int count = (int) (v >>> 32), task = (int) v;
                if (task >= count) {
                    return;
                }
                try {
                    run(task);
                } catch (Throwable t) {
                    failure = t;
                }
                if (done.incrementAndGet() == count && Thread.currentThread() != owner) {
                    LockSupport.unpark(owner);
                }
            }
        }

        private void await() {
            int count = (int) (state.get() >>> 32);
            while (done.get() < count) {
                LockSupport.park(this);
            }
            Throwable t = failure;
            if (t != null) {
                failure = null;
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(t);
            }
        }
    }
}
