// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import dev.panamax.nn.AvgPool2d;
import dev.panamax.nn.Conv2d;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Module;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.nn.Sigmoid;
import dev.panamax.optim.SGD;
import dev.panamax.train.History;
import dev.panamax.train.Trainer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Sample: lenet — d2l 6.6: LeNet-5 as the book writes it (sigmoid, average pooling), the shape after
 * each layer, then the book's training on Fashion-MNIST: xavier-uniform weights, SGD lr 0.9, batch
 * 256, 10 epochs.
 */
public final class Lenet {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("lenet",
            "d2l 6.6: LeNet on Fashion-MNIST (sigmoid, average pooling, SGD lr 0.9)",
            10, "training epochs", "seed threads backend out limit data");

    /** 6.6.1: two convolution blocks (conv, sigmoid, average pooling), then three fully connected layers. */
    static Sequential lenet(Generator g) {
        return new Sequential(
                conv2d(1, 6, 5, g).padding(2), new Sigmoid(), new AvgPool2d(2, 2),
                conv2d(6, 16, 5, g), new Sigmoid(), new AvgPool2d(2, 2),
                new Flatten(),
                new Linear(16 * 5 * 5, 120, true, DType.F32, g), new Sigmoid(),
                new Linear(120, 84, true, DType.F32, g), new Sigmoid(),
                new Linear(84, 10, true, DType.F32, g));
    }

    /** nn.Conv2d(in, out, kernel_size) in float32, its initial weights drawn from g. */
    static Conv2d conv2d(int in, int out, int kernel, Generator g) {
        return new Conv2d(in, out, new int[] {kernel}, 1, true, DType.F32, g);
    }

    /** The book's train_ch6 initialisation: xavier-uniform on every Conv2d and Linear weight. */
    static void xavier(Module net, Generator g) {
        net.apply(m -> {
            if (m instanceof Conv2d conv) {
                Init.xavierUniform_(conv.weight(), 1.0, g);
            } else if (m instanceof Linear linear) {
                Init.xavierUniform_(linear.weight(), 1.0, g);
            }
        });
    }

    /** 6.6's loop over the layers: each one's name and output shape on a [1, 1, 28, 28] input. */
    static void printShapes(Sequential net, Generator g) {
        Tensor x = Tensor.rand(g, 1, 1, 28, 28);
        try (var _ = Autograd.noGrad()) {
            for (int i = 0; i < net.size(); i++) {
                x = net.get(i).forward(x);
                System.out.printf(Locale.ROOT, "%-12s output shape: \t%s%n", net.get(i).getClass().getSimpleName(), Arrays.toString(x.shape()));
            }
        }
    }

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Generator g = new Generator(args.seed);

        Sequential net = lenet(g);
        printShapes(net, g);

        // 6.6.2 Training: the book's train_ch6
        double lr = 0.9;
        int numEpochs = args.epochs, batchSize = 256;
        FashionSample.Loaders data = FashionSample.load(args, batchSize);
        xavier(net, g);
        History h = Trainer.of(net, new CrossEntropyLoss(Reduction.NONE), new SGD(net.parameters(), lr))
                .name("lenet")
                .chart(args.out.resolve("training.png"))
                .csv(args.out.resolve("history.csv"))
                .fit(data.train(), data.test(), numEpochs);

        Result r = FashionSample.report(args, data, "lenet", h, 0.469, 0.823, 0.779);
        double examplesPerSecond = FashionSample.median(h.epochs().stream().mapToDouble(History.Epoch::examplesPerSecond).toArray());
        double process = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        System.out.printf(Locale.ROOT, "%.0f examples/s (median epoch); this process: %.1f s from JVM start%n", examplesPerSecond, process);
        args.wrote("training.png", "history.csv");
        r.put("examples_per_second", examplesPerSecond).put("process_seconds", process).print();
    }
}
