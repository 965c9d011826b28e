// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.DataLoader;
import dev.panamax.data.FashionMnist;
import dev.panamax.kernel.Gemm;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.Adam;
import dev.panamax.optim.AdamW;
import dev.panamax.optim.Optimizer;
import dev.panamax.optim.SGD;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * Where a training step's time goes, on one thread and on two: mlp-concise's model, data and steps
 * (784-256-10, batch 256, SGD 0.1, Fashion-MNIST), without its charts and progress line, each
 * epoch timed phase by phase. Thread counts alternate epoch by epoch in one JVM, so the VM's drift
 * hits both alike; the first 3 rounds are warm-up, the medians are over the rest.
 *
 * <pre>
 * TrainPhases [--rounds 14] [--threads 1,2] [--prefetch on|off] [--optimizer sgd,sgd-momentum,adam,adamw]
 * </pre>
 *
 * With several optimizers (each on its own copy of the model, from the same initial weights), they
 * alternate as the thread counts do, and the step phase of each is given as a ratio to the first's.
 *
 * Run by {@code bench/run --phases}.
 */
public final class TrainPhases {
    private static final String[] PHASES = {"batch", "forward", "zeroGrad", "backward", "step", "metrics"};
    private static final int WARMUP_ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        int rounds = 14;
        int[] threads = {1, 2};
        boolean prefetch = true;
        String[] optimizers = {"sgd"};
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rounds" -> { rounds = Integer.parseInt(v); i++; }
                case "--threads" -> { threads = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray(); i++; }
                case "--prefetch" -> { prefetch = v.equals("on"); i++; }
                case "--optimizer" -> { optimizers = v.split(","); i++; }
                default -> throw new IllegalArgumentException("TrainPhases: unknown option " + args[i]);
            }
        }
        if (rounds <= WARMUP_ROUNDS) {
            throw new IllegalArgumentException("TrainPhases: --rounds must be more than " + WARMUP_ROUNDS);
        }
        FashionMnist.Data data = FashionMnist.load();
        Sequential[] nets = new Sequential[optimizers.length];
        Optimizer[] opts = new Optimizer[optimizers.length];
        for (int k = 0; k < optimizers.length; k++) {
            Generator g = new Generator(0);
            Sequential net = new Sequential(new Flatten(), new Linear(784, 256, true, DType.F32, g), new ReLU(),
                    new Linear(256, 10, true, DType.F32, g));
            net.apply(m -> {
                if (m instanceof Linear l) {
                    Init.normal_(l.weight(), 0, 0.01, g);
                }
            });
            nets[k] = net;
            opts[k] = switch (optimizers[k]) {
                case "sgd" -> new SGD(net.parameters(), 0.1);
                case "sgd-momentum" -> new SGD(net.parameters(), 0.1, 0.9, 0);
                case "adam" -> new Adam(net.parameters(), 1e-3);
                case "adamw" -> new AdamW(net.parameters(), 1e-3);
                default -> throw new IllegalArgumentException("TrainPhases: --optimizer: unknown " + optimizers[k]
                        + " (sgd, sgd-momentum, adam, adamw)");
            };
        }
        CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.NONE);
        DataLoader train = DataLoader.of(data.train()).batchSize(256).shuffle(new Generator(1)).prefetch(prefetch).build();
        System.out.printf(Locale.ROOT, "# backend %s; prefetch %s; ms per epoch, epochs %d-%d of each thread count%n",
                Gemm.backend().name(), prefetch ? "on" : "off", WARMUP_ROUNDS + 1, rounds);
        int runs = threads.length * optimizers.length;
        double[][][] ms = new double[runs][rounds - WARMUP_ROUNDS][PHASES.length + 1];
        for (int r = 0; r < rounds; r++) {
            for (int ri = 0; ri < runs; ri++) {
                int ti = ri / optimizers.length, oi = ri % optimizers.length;
                Sequential net = nets[oi];
                Optimizer opt = opts[oi];
                Gemm.setThreads(threads[ti]);
                long[] t = new long[PHASES.length];
                long e0 = System.nanoTime();
                Iterator<DataLoader.Batch> it = train.iterator();
                while (it.hasNext()) {
                    long s0 = System.nanoTime();
                    DataLoader.Batch b = it.next();
                    long s1 = System.nanoTime();
                    Tensor yHat = net.forward(b.x());
                    Tensor l = loss.apply(yHat, b.y());
                    long s2 = System.nanoTime();
                    opt.zeroGrad();
                    long s3 = System.nanoTime();
                    l.mean().backward();
                    long s4 = System.nanoTime();
                    opt.step();
                    long s5 = System.nanoTime();
                    double sum = l.detach().sum().item();
                    Tensor predicted = yHat.detach().argmax(1, false);
                    if (Double.isNaN(sum) || predicted.numel() != b.y().numel()) {
                        throw new IllegalStateException("TrainPhases: the loss went NaN");
                    }
                    long s6 = System.nanoTime();
                    t[0] += s1 - s0;
                    t[1] += s2 - s1;
                    t[2] += s3 - s2;
                    t[3] += s4 - s3;
                    t[4] += s5 - s4;
                    t[5] += s6 - s5;
                }
                long epoch = System.nanoTime() - e0;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d, %d thread(s)%s: epoch %6.1f |",
                        r + 1, threads[ti], label(optimizers, oi), epoch / 1e6));
                for (int p = 0; p < PHASES.length; p++) {
                    line.append(String.format(Locale.ROOT, " %s %5.1f", PHASES[p], t[p] / 1e6));
                }
                System.out.println(line);
                if (r >= WARMUP_ROUNDS) {
                    double[] row = ms[ri][r - WARMUP_ROUNDS];
                    for (int p = 0; p < PHASES.length; p++) {
                        row[p] = t[p] / 1e6;
                    }
                    row[PHASES.length] = epoch / 1e6;
                }
            }
        }
        System.out.println("# medians, ms per epoch");
        double[] epochMedian = new double[runs];
        for (int ri = 0; ri < runs; ri++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d thread(s)%s: epoch %6.1f |",
                    threads[ri / optimizers.length], label(optimizers, ri % optimizers.length),
                    epochMedian[ri] = median(ms[ri], PHASES.length)));
            for (int p = 0; p < PHASES.length; p++) {
                line.append(String.format(Locale.ROOT, " %s %5.1f", PHASES[p], median(ms[ri], p)));
            }
            System.out.println(line);
        }
        for (int ti = 1; ti < threads.length; ti++) {
            int ri = ti * optimizers.length;
            System.out.printf(Locale.ROOT, "%d thread(s) / %d%s: %.2f%n", threads[ti], threads[0], label(optimizers, 0),
                    epochMedian[ri] / epochMedian[0]);
        }
        int step = 4; // the step phase
        for (int ti = 0; ti < threads.length; ti++) {
            for (int oi = 1; oi < optimizers.length; oi++) {
                int ri = ti * optimizers.length;
                System.out.printf(Locale.ROOT, "%d thread(s): step of %s / step of %s: %.2f%n", threads[ti], optimizers[oi],
                        optimizers[0], median(ms[ri + oi], step) / median(ms[ri], step));
            }
        }
    }

    private static String label(String[] optimizers, int oi) {
        return optimizers.length > 1 ? ", " + optimizers[oi] : "";
    }

    private static double median(double[][] rows, int col) {
        double[] x = Arrays.stream(rows).mapToDouble(r -> r[col]).sorted().toArray();
        return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
    }
}
