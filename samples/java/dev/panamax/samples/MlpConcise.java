// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.Generator;
import dev.panamax.data.FashionMnist;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import dev.panamax.train.History;
import dev.panamax.train.Trainer;

/**
 * Sample: mlp-concise — d2l-zh 4.3, the same MLP with Sequential, Linear and SGD.
 */
public final class MlpConcise {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("mlp-concise",
            "d2l-zh 4.3: the same MLP with Sequential, Linear and SGD on Fashion-MNIST",
            10, "training epochs", "seed threads backend out limit data resume");

    /** The section's model: 784-256-10 with ReLU, weights from N(0, 0.01), biases zero. */
    static Sequential model(Generator g) {
        Sequential net = new Sequential(new Flatten(), new Linear(784, 256, true, dev.panamax.DType.F32, g), new ReLU(),
                new Linear(256, 10, true, dev.panamax.DType.F32, g));
        net.apply(m -> {
            if (m instanceof Linear linear) {
                Init.normal_(linear.weight(), 0, 0.01, g);
            }
        });
        return net;
    }

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Generator g = new Generator(args.seed);

        // 4.3.1 Model
        Sequential net = model(g);
        System.out.println(net);

        int batchSize = 256, numEpochs = args.epochs;
        double lr = 0.1;
        CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.NONE);
        SGD trainer = new SGD(net.parameters(), lr);
        FashionSample.Loaders data = FashionSample.load(args, batchSize);
        History h = FashionSample.checkpointed(Trainer.of(net, loss, trainer), args, data, g)
                .name("mlp-concise")
                .chart(args.out.resolve("training.png"))
                .csv(args.out.resolve("history.csv"))
                .fit(data.train(), data.test(), numEpochs);
        Trainer.predictCh3(net, data.test(), 6, FashionMnist.TEXT_LABELS, args.out.resolve("predictions.png"));

        Result result = FashionSample.report(args, data, "mlp-concise", h, 0.381, 0.865, 0.828);
        args.wrote("training.png", "history.csv", "predictions.png", "run.ckpt");
        result.print();
    }
}
