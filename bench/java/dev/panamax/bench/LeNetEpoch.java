// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.Simd;
import dev.panamax.nn.AvgPool2d;
import dev.panamax.nn.Conv2d;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Sequential;
import dev.panamax.nn.Sigmoid;
import dev.panamax.optim.SGD;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * d2l-zh 6.6's LeNet training loop (sigmoid, average pooling, xavier_uniform_, SGD lr 0.9,
 * cross-entropy, batch 256, 235 steps an epoch) on random batches of Fashion-MNIST's shape, no
 * loader: the train loop that {@code bench/python/lenet_torch.py} times in PyTorch. Prints each
 * epoch's time split into forward, backward and step, and the median; one thread on the thread's CPU
 * clock, more on the wall clock.
 *
 * <pre>
 * LeNetEpoch [--threads 1] [--epochs 6] [--steps 235]
 * </pre>
 */
public final class LeNetEpoch {
    public static void main(String[] args) {
        int threads = 1, epochs = 6, steps = 235;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("LeNetEpoch: unknown option " + args[i]);
            }
        }
        Gemm.setThreads(threads);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = threads == 1;
        System.out.printf(Locale.ROOT, "# LeNetEpoch: %s, GEMM %s, %d thread(s), %s clock, %d steps of 256%n",
                Simd.describe(), Gemm.backend().name(), threads, cpu ? "thread CPU" : "wall", steps);
        Generator g = new Generator(0);
        Sequential net = new Sequential(
                new Conv2d(1, 6, 5).padding(2), new Sigmoid(), new AvgPool2d(2, 2),
                new Conv2d(6, 16, 5), new Sigmoid(), new AvgPool2d(2, 2), new Flatten(),
                new Linear(400, 120, true, DType.F32, g), new Sigmoid(),
                new Linear(120, 84, true, DType.F32, g), new Sigmoid(),
                new Linear(84, 10, true, DType.F32, g));
        net.apply(m -> {
            if (m instanceof Linear l) {
                Init.xavierUniform_(l.weight(), 1.0, g);
            } else if (m instanceof Conv2d c) {
                Init.xavierUniform_(c.weight(), 1.0, g);
            }
        });
        SGD opt = new SGD(net.parameters(), 0.9);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        int batches = Math.min(steps, 20); // a few distinct batches, reused: the data are not the point
        Tensor[] xs = new Tensor[batches], ys = new Tensor[batches];
        for (int b = 0; b < batches; b++) {
            xs[b] = Tensor.rand(DType.F32, g, 256, 1, 28, 28);
            float[] labels = new float[256];
            for (int i = 0; i < 256; i++) {
                labels[i] = g.nextInt(10);
            }
            ys[b] = Tensor.fromArray(labels, 256);
        }
        double[] total = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long fwd = 0, bwd = 0, step = 0;
            double sum = 0;
            for (int s = 0; s < steps; s++) {
                long t0 = now(mx, cpu);
                Tensor l = loss.apply(net.forward(xs[s % batches]), ys[s % batches]);
                long t1 = now(mx, cpu);
                opt.zeroGrad();
                l.backward();
                long t2 = now(mx, cpu);
                opt.step();
                long t3 = now(mx, cpu);
                fwd += t1 - t0;
                bwd += t2 - t1;
                step += t3 - t2;
                if (s % 50 == 0) {
                    sum += l.item();
                }
            }
            total[e] = (fwd + bwd + step) / 1e9;
            System.out.printf(Locale.ROOT, "epoch %d: %.3f s (forward %.3f, zeroGrad + backward %.3f, step %.3f)%s%n",
                    e + 1, total[e], fwd / 1e9, bwd / 1e9, step / 1e9, Double.isNaN(sum) ? " NaN loss" : "");
        }
        double[] later = Arrays.copyOfRange(total, Math.min(1, epochs - 1), epochs);
        Arrays.sort(later);
        System.out.printf(Locale.ROOT, "LeNet train-loop epoch, median of epochs 2-%d: %.3f s%n", epochs, later[later.length / 2]);
    }

    private static long now(ThreadMXBean mx, boolean cpu) {
        return cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
