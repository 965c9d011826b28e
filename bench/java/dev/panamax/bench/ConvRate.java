// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.Simd;
import dev.panamax.kernel.conv.Activation;
import dev.panamax.kernel.conv.Conv2dKernels;
import dev.panamax.kernel.conv.ConvGeometry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * GFLOP/s of LeNet's convolutions at batch 256 through {@link Conv2dKernels}, pass by pass (forward
 * with the fused sigmoid, input gradient, weight gradient), and LeNet's floor. One thread is timed
 * on the thread's CPU clock (a busy neighbour does not count), more on the wall clock; each line is
 * the median of the rounds.
 *
 * <pre>
 * ConvRate [--threads 1] [--rounds 9] [--round-ms 300] [--batch 256]
 * </pre>
 */
public final class ConvRate {
    static final ThreadMXBean CLOCK = ManagementFactory.getThreadMXBean();
    static final long WARMUP_NS = Long.getLong("warmupMs", 4000) * 1_000_000L;

    interface Pass {
        void run();
    }

    public static void main(String[] args) {
        int threads = 1, rounds = 9, roundMs = 300, batch = 256;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> roundMs = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("ConvRate: unknown option " + args[i]);
            }
        }
        Gemm.setThreads(threads);
        System.out.printf(Locale.ROOT, "# ConvRate: %s, %d thread(s), batch %d, %s clock, median of %d rounds of %d ms%n",
                Simd.describe(), threads, batch, threads == 1 ? "thread CPU" : "wall", rounds, roundMs);
        ConvGeometry c1 = ConvGeometry.of(batch, 1, 28, 28, 6, 5, 1, 2), c2 = ConvGeometry.of(batch, 6, 14, 14, 16, 5, 1, 0);
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x1 = random(rnd, c1.inputSize()), w1 = random(rnd, c1.weightSize()), b1 = random(rnd, 6);
        float[] y1 = new float[(int) c1.outputSize()], gy1 = random(rnd, c1.outputSize());
        float[] gw1 = new float[w1.length], gb1 = new float[6];
        float[] x2 = random(rnd, c2.inputSize()), w2 = random(rnd, c2.weightSize()), b2 = random(rnd, 16);
        float[] y2 = new float[(int) c2.outputSize()], gy2 = random(rnd, c2.outputSize());
        float[] gx2 = new float[x2.length], gw2 = new float[w2.length], gb2 = new float[16];
        double total = 0;
        total += line("conv1 forward + bias + sigmoid [" + batch + ",1,28,28] -> 6, 5x5 pad 2", c1, threads, rounds, roundMs,
                () -> Conv2dKernels.forward(c1, x1, w1, b1, y1, Activation.SIGMOID));
        total += line("conv1 weight + bias gradient", c1, threads, rounds, roundMs,
                () -> Conv2dKernels.backwardWeight(c1, x1, gy1, gw1, gb1));
        total += line("conv2 forward + bias + sigmoid [" + batch + ",6,14,14] -> 16, 5x5", c2, threads, rounds, roundMs,
                () -> Conv2dKernels.forward(c2, x2, w2, b2, y2, Activation.SIGMOID));
        total += line("conv2 input gradient", c2, threads, rounds, roundMs,
                () -> Conv2dKernels.backwardInput(c2, gy2, w2, gx2));
        total += line("conv2 weight + bias gradient", c2, threads, rounds, roundMs,
                () -> Conv2dKernels.backwardWeight(c2, x2, gy2, gw2, gb2));
        double steps = Math.ceil(60000.0 / batch);
        System.out.printf(Locale.ROOT, "conv passes of one training step: %.2f ms; of one epoch (%d steps): %.2f s%n",
                total, (int) steps, total * steps / 1000);
    }

    static float[] random(SplittableRandom r, long n) {
        float[] a = new float[(int) n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** Prints one pass's median rate and returns its median milliseconds per call. */
    static double line(String name, ConvGeometry g, int threads, int rounds, int roundMs, Pass pass) {
        double flops = 2.0 * g.macs();
        for (long end = System.nanoTime() + WARMUP_NS; System.nanoTime() < end; ) {
            pass.run(); // warm-up: C2 compiles the tiles
        }
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = now(threads), wall = System.nanoTime();
            int calls = 0;
            do {
                pass.run();
                calls++;
            } while (System.nanoTime() - wall < roundMs * 1_000_000L);
            ms[r] = (now(threads) - t0) / 1e6 / calls;
        }
        Arrays.sort(ms);
        double med = ms[rounds / 2];
        System.out.printf(Locale.ROOT, "%-62s %7.3f ms %7.1f GFLOP/s  (rounds %.3f-%.3f ms)%n", name, med,
                flops / med / 1e6, ms[0], ms[rounds - 1]);
        return med;
    }

    static long now(int threads) {
        return threads == 1 ? CLOCK.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
