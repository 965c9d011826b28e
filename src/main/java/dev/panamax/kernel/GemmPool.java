// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of daemon threads that help a caller run the tasks of one {@link Job}.
 *
 * <p>The caller always works on its own job too, so a call never waits for a free worker: a job
 * offered to a busy pool is simply run by fewer threads. Tasks are claimed from one atomic
 * counter, so each task (one block of C) runs on exactly one thread; which thread does not
 * matter for the result. No allocation per call: a job is reused by its calling thread, a worker is
 * handed a job through its own slot (a compare-and-set) and woken with {@link LockSupport#unpark}.
 *
 * <p>Between jobs the workers also run {@linkplain #background background tasks}: work that
 * overlaps the caller's own, such as making the next batch. A worker busy with one joins the next
 * job when it is done, late, and the job's other threads take the panels it would have taken.
 */
final class GemmPool {
    static final GemmPool INSTANCE = new GemmPool();

    /** Started workers; replaced (never mutated) when the pool grows. */
    private volatile Worker[] workers = new Worker[0];
    /** Tasks for a worker with no job, oldest first. */
    private final Queue<Runnable> background = new ConcurrentLinkedQueue<>();

    private GemmPool() {}

    /**
     * A daemon thread that runs the job put in its slot and empties the slot; with no job, a
     * background task; with neither, it spins a while and sleeps.
     */
    private static final class Worker extends Thread {
        final AtomicReference<Job> slot = new AtomicReference<>();
        /** This worker's participant number in the job put in its slot (written before the slot). */
        volatile int participant;
        private final Queue<Runnable> background;

        Worker(int id, Queue<Runnable> background) {
            super("panamax-gemm-" + id);
            setDaemon(true);
            this.background = background;
        }

        @Override
        public void run() {
            while (true) {
                Job job = slot.get();
                Runnable task = null;
                for (long t0 = System.nanoTime(); job == null && (task = background.poll()) == null
                        && System.nanoTime() - t0 < SPIN_NANOS; job = slot.get()) {
                    Thread.onSpinWait();
                }
                if (job != null) {
                    job.help(participant, slot); // empties the slot on its way out
                } else if (task != null) {
                    try {
                        task.run();
                    } catch (Throwable t) { // reported as an uncaught exception would be; the worker goes on
                        getUncaughtExceptionHandler().uncaughtException(this, t);
                    }
                } else {
                    LockSupport.park(this); // an unpark before this park makes it return at once
                }
            }
        }
    }

    /**
     * Runs {@code task} on a worker once one has no job, starting a worker if none runs yet. Tasks
     * wait while every worker helps a product; pass a {@link java.util.concurrent.FutureTask} and
     * run it yourself when you need its result before a worker got to it (a FutureTask runs once).
     */
    void background(Runnable task) {
        Worker[] w = workers.length > 0 ? workers : ensureWorkers(1);
        background.add(task);
        for (Worker x : w) {
            if (x.slot.get() == null) {
                LockSupport.unpark(x);
                break;
            }
        }
    }

    /**
     * How long a worker that ran out of work, or a caller waiting for its helpers, spins before it
     * parks. Waking a parked thread took 20 to 400 us on the 2-core virtual machines measured (the
     * other virtual CPU had halted), as long as a whole n = 256 product; a training step calls the
     * GEMM again within tens to hundreds of microseconds, so a short spin catches the next job.
     * On a 2-core Zen 5 VM, 2 threads against 1 went from 1.31x to 1.66x at n = 512 and from 1.42x
     * to 1.68x on the MLP's forward product with a 200 us spin. {@code panamax.gemm.spinMicros}, 0
     * to never spin.
     */
    static final long SPIN_NANOS = Long.getLong("panamax.gemm.spinMicros", 200) * 1000;

    /** Starts workers until there are at least {@code n}; never stops any (they are daemons). */
    private synchronized Worker[] ensureWorkers(int n) {
        Worker[] w = workers;
        if (w.length < n) {
            Worker[] grown = Arrays.copyOf(w, n);
            for (int i = w.length; i < n; i++) {
                grown[i] = new Worker(i, background);
                grown[i].start();
            }
            workers = grown;
            w = grown;
        }
        return w;
    }

    /**
     * Runs tasks [0, count) of {@code job} on the calling thread and up to {@code helpers} idle
     * workers, and returns when all are done and every worker has left the job.
     */
    void invoke(Job job, int count, int helpers) {
        job.start(count);
        Worker[] w = workers.length >= helpers ? workers : ensureWorkers(helpers);
        int offered = 0;
        for (int i = 0; i < w.length && offered < helpers && offered < count - 1; i++) {
            if (w[i].slot.get() != null) {
                continue; // busy with another job (or yet to wake for this one's last call): skip it
            }
            w[i].participant = offered + 1;
            if (w[i].slot.compareAndSet(null, job)) {
                LockSupport.unpark(w[i]);
                offered++;
            }
        }
        job.help(0, null);
        job.await();
    }

    /**
     * A divisible piece of work. By default its tasks are claimed in order from {@code state}, which
     * packs the task count (high 32 bits) and the next unclaimed task (low 32 bits) in one word. A
     * call returns only when every task is done and no thread is inside the job any more, and a
     * worker that arrives after that (offered the call, but woken late) finds the job closed: the
     * caller may then rewrite the job's fields for its next call, whatever {@link #claim} and
     * {@link #run} read.
     */
    abstract static class Job {
        private final AtomicLong state = new AtomicLong();
        private final AtomicInteger done = new AtomicInteger(), active = new AtomicInteger();
        private volatile boolean open;
        private volatile Throwable failure;
        private Thread owner;

        /** Runs one task; reads the call's arguments from the job's fields. */
        abstract void run(int task);

        /**
         * The next task for this thread, or -1 when none is left. {@code participant} is 0 for the
         * caller and 1, 2, ... for the workers offered the call (a late worker may share a number
         * with another). By default: the next task in order.
         */
        int claim(int participant) {
            long v = state.getAndIncrement();
            int task = (int) v;
            return task < (int) (v >>> 32) ? task : -1;
        }

        /** The current call's task count: the high half of state, which claiming never changes. */
        private int tasks() {
            return (int) (state.get() >>> 32);
        }

        private void start(int tasks) {
            owner = Thread.currentThread();
            failure = null;
            done.set(0);
            state.set((long) tasks << 32); // publishes the fields written before this call
            open = true;
        }

        /**
         * Runs tasks until none is left. A worker passes its slot, emptied before the worker counts
         * itself out: a caller that sees no thread inside its job then also finds the worker's slot
         * free for its next call.
         */
        private void help(int participant, AtomicReference<Job> slot) {
            active.incrementAndGet();
            try {
                if (!open) {
                    return; // arrived after the call it was offered for
                }
                int tasks = tasks(), ran = 0;
                for (int task; (task = claim(participant)) >= 0; ran++) {
                    try {
                        run(task);
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                // Counted once on the way out, not per task: the counter's cache line would otherwise
                // travel between the cores after every task.
                if (ran > 0 && done.addAndGet(ran) == tasks && Thread.currentThread() != owner) {
                    LockSupport.unpark(owner);
                }
            } finally {
                if (slot != null) {
                    slot.set(null);
                }
                active.decrementAndGet();
            }
        }

        private void await() {
            int tasks = tasks();
            for (long t0 = System.nanoTime(); done.get() < tasks && System.nanoTime() - t0 < SPIN_NANOS; ) {
                Thread.onSpinWait();
            }
            while (done.get() < tasks) {
                LockSupport.park(this);
            }
            open = false; // then wait for the threads inside: a thread enters, then checks open
            for (long t0 = System.nanoTime(); active.get() != 0; ) {
                if (System.nanoTime() - t0 < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
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
