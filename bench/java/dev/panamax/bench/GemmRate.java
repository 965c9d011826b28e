// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.Simd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * sgemm GFLOP/s of the {@code java} backend beside OpenBLAS, in one JVM, for the table that
 * {@code bench/run} prints. Each shape runs both backends in alternating rounds (so a noisy
 * neighbour slows both alike) and reports the median round of each and their ratio.
 *
 * <p>Without JMH on purpose: the point is also how fast a fresh JVM gets there, which {@code
 * --warmup} shows as one line per window from the very first call.
 *
 * <pre>
 * GemmRate [--shapes 256,1024,fwd,gradW,gradX,out] [--threads 1] [--rounds 7] [--round-ms 300]
 *          [--warmup-ms 3000] [--backends java,openblas] [--rewrite]
 * GemmRate --timeline SHAPE [--seconds 15] [--window-ms 1000]
 * </pre>
 */
public final class GemmRate {
    /** One-thread rounds on the thread's CPU clock (default) or, with {@code --wall}, the wall clock. */
    static boolean CPU_CLOCK = true;
    /**
     * With {@code --rewrite} the caller rewrites A and B before each call (untimed), as a training
     * step writes its batch and weights: a second thread then fetches its part of them from the
     * caller's cache, not its own.
     */
    static boolean REWRITE = false;
    static volatile float ZERO = 0f;
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();


    /** One product: C[m x n] = op(A) op(B) with k steps, as {@code Linear} and its gradients call it. */
    record Shape(String name, boolean transA, boolean transB, int m, int n, int k) {
        static Shape of(String name) {
            return switch (name) {
                case "fwd" -> new Shape("MLP forward 256x784 · (256x784)ᵀ (NT)", false, true, 256, 256, 784);
                case "gradW" -> new Shape("weight gradient 256x256ᵀ · 256x784 (TN)", true, false, 256, 784, 256);
                case "gradX" -> new Shape("input gradient 256x256 · 256x784 (NN)", false, false, 256, 784, 256);
                case "out" -> new Shape("output layer 256x256 · (10x256)ᵀ (NT)", false, true, 256, 10, 256);
                case "outW" -> new Shape("output weight gradient 256x10ᵀ · 256x256 (TN)", true, false, 10, 256, 256);
                default -> {
                    if (name.contains("x")) { // MxNxK[:NN|NT|TN|TT]
                        String[] parts = name.split(":");
                        String[] d = parts[0].split("x");
                        String t = parts.length > 1 ? parts[1] : "NN";
                        yield new Shape(name, t.charAt(0) == 'T', t.charAt(1) == 'T', Integer.parseInt(d[0]),
                                Integer.parseInt(d[1]), Integer.parseInt(d[2]));
                    }
                    int s = Integer.parseInt(name);
                    yield new Shape("n = " + s, false, false, s, s, s);
                }
            };
        }

        double flops() {
            return 2.0 * m * n * k;
        }
    }

    /** The operands of one shape, allocated once. */
    static final class Operands {
        final Shape s;
        final float[] a, b, c;
        final int lda, ldb;

        Operands(Shape s) {
            this.s = s;
            SplittableRandom rnd = new SplittableRandom(1);
            a = random(rnd, s.m * s.k);
            b = random(rnd, s.k * s.n);
            c = new float[s.m * s.n];
            lda = s.transA ? s.m : s.k;
            ldb = s.transB ? s.k : s.n;
        }

        void call() {
            Gemm.sgemm(s.transA, s.transB, s.m, s.n, s.k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n);
        }

        /**
         * GFLOP/s of calls for about ms milliseconds. On one thread the clock is the thread's CPU
         * time, so time the scheduler gives to other processes on a shared machine does not count.
         */
        double run(long ms) {
            boolean cpu = CPU_CLOCK && Gemm.threads() == 1;
            long end = now(cpu) + ms * 1_000_000L, t0 = now(cpu), calls = 0, t, spent = 0;
            do {
                if (REWRITE) {
                    rewrite(a);
                    rewrite(b);
                }
                long c0 = now(cpu);
                call();
                calls++;
                t = now(cpu);
                spent += t - c0;
            } while (t < end);
            return s.flops() * calls / (REWRITE ? spent : t - t0);
        }

        /** Writes every element again, adding {@link #ZERO} (which the JIT cannot fold away). */
        static void rewrite(float[] x) {
            float z = ZERO;
            for (int i = 0; i < x.length; i++) {
                x[i] += z;
            }
        }

        static long now(boolean cpu) {
            return cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        }

        static float[] random(SplittableRandom rnd, int len) {
            float[] x = new float[len];
            for (int i = 0; i < len; i++) {
                x[i] = (float) rnd.nextDouble(-1, 1);
            }
            return x;
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> shapes = List.of("256", "1024", "fwd", "gradW", "gradX", "out");
        List<String> backends = List.of("java", "openblas");
        int threads = 1, rounds = 7;
        long roundMs = 300, warmupMs = 3000, seconds = 15, windowMs = 1000;
        String timeline = null;
        Path csv = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--shapes" -> { shapes = List.of(v.split(",")); i++; }
                case "--backends" -> { backends = List.of(v.split(",")); i++; }
                case "--threads" -> { threads = Integer.parseInt(v); i++; }
                case "--rounds" -> { rounds = Integer.parseInt(v); i++; }
                case "--round-ms" -> { roundMs = Long.parseLong(v); i++; }
                case "--warmup-ms" -> { warmupMs = Long.parseLong(v); i++; }
                case "--timeline" -> { timeline = v; i++; }
                case "--seconds" -> { seconds = Long.parseLong(v); i++; }
                case "--window-ms" -> { windowMs = Long.parseLong(v); i++; }
                case "--csv" -> { csv = Path.of(v); i++; }
                case "--wall" -> CPU_CLOCK = false;
                case "--rewrite" -> REWRITE = true;
                default -> throw new IllegalArgumentException("GemmRate: unknown option " + args[i]);
            }
        }
        Gemm.setThreads(threads);
        if (timeline != null) {
            timeline(Shape.of(timeline), backends.get(0), seconds, windowMs);
            return;
        }
        System.out.printf(Locale.ROOT, "# java species: %s; threads %d; %d rounds of %d ms after %d ms warm-up%s%n",
                Simd.describe(), threads, rounds, roundMs, warmupMs, REWRITE ? "; A and B rewritten before each call" : "");
        StringBuilder rows = new StringBuilder();
        for (String name : shapes) {
            Operands op = new Operands(Shape.of(name));
            double[][] g = new double[backends.size()][rounds];
            for (int bi = 0; bi < backends.size(); bi++) {
                Gemm.setBackend(backends.get(bi));
                op.run(warmupMs);
            }
            for (int r = 0; r < rounds; r++) {
                for (int bi = 0; bi < backends.size(); bi++) {
                    Gemm.setBackend(backends.get(bi));
                    g[bi][r] = op.run(roundMs);
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-48s", op.s.name));
            double first = 0;
            for (int bi = 0; bi < backends.size(); bi++) {
                double med = median(g[bi]);
                if (bi == 0) {
                    first = med;
                }
                line.append(String.format(Locale.ROOT, " | %-8s %6.1f (%5.1f-%5.1f)", backends.get(bi), med,
                        Arrays.stream(g[bi]).min().orElse(0), Arrays.stream(g[bi]).max().orElse(0)));
                rows.append(String.format(Locale.ROOT, "%s,%d,%s,%.2f%n", name, threads, backends.get(bi), med));
            }
            if (backends.size() > 1) {
                line.append(String.format(Locale.ROOT, " | ratio %.2f", first / median(g[1])));
            }
            System.out.println(line);
        }
        if (csv != null) {
            Files.writeString(csv, rows, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** One line per window from the first call of a fresh JVM: how long it takes to get fast. */
    static void timeline(Shape s, String backend, long seconds, long windowMs) {
        Gemm.setBackend(backend);
        Operands op = new Operands(s);
        long start = System.nanoTime();
        List<Double> rates = new ArrayList<>();
        List<long[]> calls = new ArrayList<>(); // {end of the call since start, its duration}
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long w0 = System.nanoTime(), n = 0, t;
            do {
                long c0 = System.nanoTime();
                op.call();
                t = System.nanoTime();
                calls.add(new long[] {t - start, t - c0});
                n++;
            } while (t - w0 < windowMs * 1_000_000L);
            double g = s.flops() * n / (t - w0);
            rates.add(g);
            System.out.printf(Locale.ROOT, "t=%5.1f s  %6.1f GFLOP/s%n", (t - start) / 1e9, g);
        }
        double med = median(rates.stream().mapToDouble(Double::doubleValue).toArray());
        double min = rates.subList(1, rates.size()).stream().mapToDouble(Double::doubleValue).min().orElse(0);
        // The first call that ran at 0.8 of the median rate, and the share of the time after it spent
        // in calls slower than that.
        double fast = 0.8 * med;
        long reached = -1, slowNs = 0, afterNs = 0;
        for (long[] c : calls) {
            boolean ok = s.flops() / c[1] >= fast;
            if (reached < 0 && ok) {
                reached = c[0] - c[1];
            }
            if (reached >= 0) {
                afterNs += c[1];
                slowNs += ok ? 0 : c[1];
            }
        }
        System.out.printf(Locale.ROOT, "median %.1f; first window %.2f of it; lowest later window %.2f of it%n",
                med, rates.get(0) / med, min / med);
        System.out.printf(Locale.ROOT, "first call at >= 0.8 of the median began %.2f s after the first call"
                + " (which took %.2f s); %.1f %% of the time after it went to slower calls%n",
                reached / 1e9, calls.get(0)[1] / 1e9, afterNs == 0 ? 0 : 100.0 * slowNs / afterNs);
    }

    static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y.length % 2 == 1 ? y[y.length / 2] : (y[y.length / 2 - 1] + y[y.length / 2]) / 2;
    }
}
