// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The pool's promises, on a job that records what runs: every task of a call runs exactly once,
 * and once the call has returned no thread is inside the job any more, so a caller may rewrite the
 * job for its next call. Several callers share the pool at once, so calls meet busy workers, and
 * workers meet jobs called again right after their last call returned. Background tasks run on a
 * worker and never hold a call up.
 */
class GemmPoolTest {
    /**
     * Tasks of uneven length. Counts the runs of each task and the threads inside claim or run, and
     * notes a thread that enters either between calls.
     */
    static final class Recorder extends GemmPool.Job {
        final AtomicIntegerArray runs = new AtomicIntegerArray(64);
        final AtomicInteger inside = new AtomicInteger(), late = new AtomicInteger();
        volatile boolean closed = true;

        private void enter() {
            inside.incrementAndGet();
            if (closed) {
                late.incrementAndGet();
            }
        }

        @Override
        int claim(int participant) {
            enter();
            try {
                return super.claim(participant);
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        void run(int task) {
            enter();
            runs.incrementAndGet(task);
            long until = System.nanoTime() + 2_000 * (task % 5);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            inside.decrementAndGet();
        }
    }

    @Test
    void everyTaskRunsOnceAndNoThreadLingers() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                int seed = c;
                done.add(callers.submit(() -> {
                    Recorder job = new Recorder();
                    for (int call = 0; call < 300; call++) {
                        int count = 1 + (call * 7 + seed) % 40, helpers = 1 + call % 3;
                        for (int t = 0; t < count; t++) {
                            job.runs.set(t, 0);
                        }
                        job.closed = false;
                        GemmPool.INSTANCE.invoke(job, count, helpers);
                        job.closed = true;
                        assertEquals(0, job.inside.get(), "a thread still inside after call " + call);
                        for (int t = 0; t < count; t++) {
                            assertEquals(1, job.runs.get(t), "task " + t + " of call " + call + " (" + count + " tasks)");
                        }
                    }
                    assertEquals(0, job.late.get(), "threads entered the job between its calls");
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void backgroundTasksRunOnWorkersAndNeverHoldACallUp() throws Exception {
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        List<String> where = new ArrayList<>();
        GemmPool.INSTANCE.background(() -> {
            where.add(Thread.currentThread().getName());
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(started.await(30, TimeUnit.SECONDS), "no worker took the task");
            assertTrue(where.get(0).startsWith("panamax-gemm-"), where.toString());
            // A worker is held by the task: calls made meanwhile still run every task once and return.
            Recorder job = new Recorder();
            for (int call = 0; call < 50; call++) {
                for (int t = 0; t < 40; t++) {
                    job.runs.set(t, 0);
                }
                GemmPool.INSTANCE.invoke(job, 40, 1 + call % 3);
                assertEquals(0, job.inside.get(), "a thread still inside after call " + call);
                for (int t = 0; t < 40; t++) {
                    assertEquals(1, job.runs.get(t), "task " + t + " of call " + call);
                }
            }
            // A task the caller needs before a worker got to it: it runs it itself, and only once.
            AtomicInteger ran = new AtomicInteger();
            FutureTask<Integer> queued = new FutureTask<>(ran::incrementAndGet);
            GemmPool.INSTANCE.background(queued);
            queued.run();
            assertEquals(1, queued.get());
        } finally {
            release.countDown();
        }
        // The held worker is free again: the next task runs on a worker, and the queued one stayed run once.
        FutureTask<String> next = new FutureTask<>(() -> Thread.currentThread().getName());
        GemmPool.INSTANCE.background(next);
        assertTrue(next.get(30, TimeUnit.SECONDS).startsWith("panamax-gemm-"));
    }

    @Test
    void aBackgroundTaskThatThrowsIsReportedAndTheWorkerGoesOn() throws Exception {
        Thread.UncaughtExceptionHandler saved = Thread.getDefaultUncaughtExceptionHandler();
        List<Throwable> reported = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            GemmPool.INSTANCE.background(() -> {
                throw new IllegalStateException("broken task");
            });
            FutureTask<String> next = new FutureTask<>(() -> Thread.currentThread().getName());
            GemmPool.INSTANCE.background(next);
            assertTrue(next.get(30, TimeUnit.SECONDS).startsWith("panamax-gemm-"));
            for (long t0 = System.nanoTime(); reported.isEmpty() && System.nanoTime() - t0 < 30_000_000_000L; ) {
                Thread.sleep(1); // another worker may have taken the broken task and still be reporting it
            }
            assertEquals(1, reported.size(), reported.toString());
            assertEquals("broken task", reported.get(0).getMessage());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(saved);
        }
    }
}
