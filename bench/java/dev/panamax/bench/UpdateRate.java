// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.UpdateKernels;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The optimizers' fused float32 updates alone, over as many elements as the chapter's MLP has
 * parameters (784-256-10: 203,530): Adam's pass against SGD-with-momentum's, back to back in one
 * JVM, 200 steps of each per round, medians of 31 rounds after 5 of warm-up, on each thread count.
 *
 * <pre>
 * UpdateRate [--threads 1,2]
 * </pre>
 *
 * Run by {@code bench/run --updates}.
 */
public final class UpdateRate {
    public static void main(String[] args) {
        int[] threads = {1, 2};
        if (args.length == 2 && args[0].equals("--threads")) {
            threads = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        } else if (args.length != 0) {
            throw new IllegalArgumentException("UpdateRate: usage: UpdateRate [--threads 1,2]");
        }
        int n = 784 * 256 + 256 + 256 * 10 + 10, steps = 200, rounds = 31, warmup = 5;
        SplittableRandom rnd = new SplittableRandom(1);
        float[] p = new float[n], g = new float[n], m = new float[n], v = new float[n], buf = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) rnd.nextDouble(-0.1, 0.1);
            g[i] = (float) rnd.nextDouble(-1, 1);
            v[i] = 0.01f;
        }
        UpdateKernels.AdamStep s = new UpdateKernels.AdamStep(1f, 0f, false, 0.9f, 0.1f, 0.999f, 0.001f, 2f, 1e-8f, -1e-3f);
        System.out.printf(Locale.ROOT, "# %d elements, %d steps per round, medians of %d rounds, us per step%n", n, steps, rounds);
        for (int t : threads) {
            Gemm.setThreads(t);
            double[] adam = new double[rounds], sgd = new double[rounds];
            for (int r = -warmup; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < steps; k++) {
                    UpdateKernels.adam(s, p, g, m, v, null, n);
                }
                long t1 = System.nanoTime();
                for (int k = 0; k < steps; k++) {
                    UpdateKernels.sgdMomentum(-1e-3f, 0f, 0.9f, 1f, false, false, p, g, buf, n);
                }
                long t2 = System.nanoTime();
                if (r >= 0) {
                    adam[r] = (t1 - t0) / 1e3 / steps;
                    sgd[r] = (t2 - t1) / 1e3 / steps;
                }
            }
            Arrays.sort(adam);
            Arrays.sort(sgd);
            System.out.printf(Locale.ROOT, "%d thread(s): adam %.1f, sgd-momentum %.1f, adam / sgd-momentum %.2f%n", t,
                    adam[rounds / 2], sgd[rounds / 2], adam[rounds / 2] / sgd[rounds / 2]);
        }
    }
}
