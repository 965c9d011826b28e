// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.conv.Conv2dKernels;
import dev.panamax.kernel.conv.ConvGeometry;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * GFLOP/s of LeNet's two convolutions (d2l 6.6, batch 256) through {@link Conv2dKernels}: forward,
 * input gradient and weight gradient (with the bias's), and OpenBLAS's sgemm at n = 1024 for LeNet's
 * floor; one JSON line each, for the table {@code bench/run} prints beside PyTorch's
 * ({@code bench/conv_torch.py}). Median of the rounds; on one thread each round is timed on the
 * thread's CPU clock, so a busy neighbour does not count.
 *
 * <pre>
 * ConvRate [--threads 1] [--rounds 7] [--round-ms 300] [--warmup-ms 2000]
 * </pre>
 */
public final class ConvRate {
    static final java.lang.management.ThreadMXBean CLOCK = java.lang.management.ManagementFactory.getThreadMXBean();

    /** LeNet's convolutions at batch 256: conv1 1 -> 6 channels 28x28 padding 2, conv2 6 -> 16 channels 14x14. */
    static final ConvGeometry CONV1 = ConvGeometry.of(256, 1, 28, 28, 6, 5, 1, 2), CONV2 = ConvGeometry.of(256, 6, 14, 14, 16, 5, 1, 0);

    static double flops(ConvGeometry g) {
        return 2.0 * g.batch() * g.outChannels() * g.outH() * g.outW() * g.inPerGroup() * g.kernelH() * g.kernelW();
    }

    static float[] random(SplittableRandom rnd, long n) {
        float[] a = new float[Math.toIntExact(n)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
        }
        return a;
    }

    static long now(boolean cpu) {
        return cpu ? CLOCK.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Seconds per call: median of rounds, each at least roundMs long. */
    static double time(Runnable call, int rounds, long roundMs, long warmupMs) {
        boolean cpu = Gemm.threads() == 1;
        long end = now(cpu) + warmupMs * 1_000_000L;
        do {
            call.run();
        } while (now(cpu) < end);
        double[] s = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = now(cpu), t, calls = 0;
            do {
                call.run();
                calls++;
                t = now(cpu);
            } while (t - t0 < roundMs * 1_000_000L);
            s[r] = (t - t0) / 1e9 / calls;
        }
        Arrays.sort(s);
        return s[rounds / 2];
    }

    static void print(String layer, String pass, double seconds, double flops, int threads) {
        System.out.printf(Locale.ROOT, "{\"layer\": \"%s\", \"pass\": \"%s\", \"ms\": %.4f, \"gflops\": %.2f, \"threads\": %d,"
                + " \"framework\": \"panamax\"}%n", layer, pass, seconds * 1e3, flops / seconds / 1e9, threads);
    }

    public static void main(String[] args) {
        int threads = 1, rounds = 7;
        long roundMs = 300, warmupMs = 2000;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--threads" -> { threads = Integer.parseInt(v); i++; }
                case "--rounds" -> { rounds = Integer.parseInt(v); i++; }
                case "--round-ms" -> { roundMs = Long.parseLong(v); i++; }
                case "--warmup-ms" -> { warmupMs = Long.parseLong(v); i++; }
                default -> throw new IllegalArgumentException("ConvRate: unknown option " + args[i]);
            }
        }
        Gemm.setThreads(threads);
        Gemm.setBackend("java");
        SplittableRandom rnd = new SplittableRandom(1);
        String[] names = {"conv1", "conv2"};
        ConvGeometry[] layers = {CONV1, CONV2};
        for (int l = 0; l < layers.length; l++) {
            ConvGeometry g = layers[l];
            float[] x = random(rnd, g.inputSize()), w = random(rnd, g.weightSize()), b = random(rnd, g.outChannels());
            float[] y = new float[Math.toIntExact(g.outputSize())], gy = random(rnd, g.outputSize());
            float[] gx = new float[x.length], gw = new float[w.length], gb = new float[b.length];
            double f = flops(g);
            print(names[l], "forward", time(() -> Conv2dKernels.forward(g, x, w, b, y), rounds, roundMs, warmupMs), f, threads);
            print(names[l], "input gradient", time(() -> Conv2dKernels.backwardInput(g, gy, w, gx), rounds, roundMs, warmupMs), f, threads);
            print(names[l], "weight gradient", time(() -> Conv2dKernels.backwardWeight(g, x, gy, gw, gb), rounds, roundMs, warmupMs), f,
                    threads);
        }
        // OpenBLAS's sgemm at n = 1024 on this many threads: the rate LeNet's floor is reckoned at
        try {
            Gemm.setBackend("openblas");
            int n = 1024;
            float[] a = random(rnd, (long) n * n), bb = random(rnd, (long) n * n), c = new float[n * n];
            double s = time(() -> Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, bb, 0, n, 0f, c, 0, n), rounds, roundMs, warmupMs);
            System.out.printf(Locale.ROOT, "{\"layer\": \"sgemm\", \"pass\": \"n = 1024\", \"ms\": %.4f, \"gflops\": %.2f, \"threads\": %d,"
                    + " \"framework\": \"openblas\"}%n", s * 1e3, 2.0 * n * n * n / s / 1e9, threads);
        } catch (IllegalStateException e) {
            System.out.println("{\"layer\": \"sgemm\", \"error\": \"" + e.getMessage().replace('"', '\'') + "\"}");
        }
    }
}
