// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.FashionMnist;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Module;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import dev.panamax.train.History;
import dev.panamax.train.Trainer;

/**
 * Sample: dropout — d2l-zh 4.6, dropout from scratch (dropoutLayer, a Net with a training flag) and
 * concise (nn.Dropout), 784-256-256-10, p = 0.2 then 0.5, lr 0.5.
 */
public final class Dropout {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("dropout",
            "d2l-zh 4.6: dropout from scratch and concise on Fashion-MNIST",
            10, "training epochs of each of the two nets", "seed threads backend out limit data");

    static final double DROPOUT1 = 0.2, DROPOUT2 = 0.5;

    /** 4.6.4.1: keeps each element with probability 1 - p and scales the kept ones by 1 / (1 - p). */
    static Tensor dropoutLayer(Tensor x, double dropout, Generator g) {
        if (dropout < 0 || dropout > 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1], got " + dropout);
        }
        if (dropout == 1) {
            return Tensor.zerosLike(x);
        }
        if (dropout == 0) {
            return x;
        }
        Tensor mask = Tensor.rand(g, x.shape()).gt(dropout);
        return mask.mul(x).div(1.0 - dropout);
    }

    /** 4.6.4.2: the book's Net, with dropout after each hidden layer while training. */
    static final class Net extends Module {
        final int numInputs;
        final Generator g;
        final Linear lin1, lin2, lin3;
        final ReLU relu = new ReLU();

        Net(int numInputs, int numOutputs, int numHiddens1, int numHiddens2, Generator g) {
            this.numInputs = numInputs;
            this.g = g;
            lin1 = register("lin1", new Linear(numInputs, numHiddens1, true, DType.F32, g));
            lin2 = register("lin2", new Linear(numHiddens1, numHiddens2, true, DType.F32, g));
            lin3 = register("lin3", new Linear(numHiddens2, numOutputs, true, DType.F32, g));
            register("relu", relu);
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h1 = relu.forward(lin1.forward(x.reshape(-1, numInputs)));
            if (isTraining()) {
                h1 = dropoutLayer(h1, DROPOUT1, g);
            }
            Tensor h2 = relu.forward(lin2.forward(h1));
            if (isTraining()) {
                h2 = dropoutLayer(h2, DROPOUT2, g);
            }
            return lin3.forward(h2);
        }
    }

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Generator g = new Generator(args.seed);

        Tensor x = Tensor.arange(16).reshape(2, 8);
        System.out.println(dropoutLayer(x, 0.0, g));
        System.out.println(dropoutLayer(x, 0.5, g));
        System.out.println(dropoutLayer(x, 1.0, g));

        int numEpochs = args.epochs, batchSize = 256;
        double lr = 0.5;
        CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.NONE);
        FashionSample.Loaders data = FashionSample.load(args, batchSize);

        // 4.6.4 Implementation from scratch
        Net scratch = new Net(784, 10, 256, 256, g);
        History hs = Trainer.of(scratch, loss, new SGD(scratch.parameters(), lr))
                .name("dropout-scratch")
                .chart(args.out.resolve("scratch.png"))
                .csv(args.out.resolve("scratch.csv"))
                .fit(data.train(), data.test(), numEpochs);
        Result scratchResult = FashionSample.report(args, data, "dropout from scratch", hs, 0.335, 0.876, 0.836);

        // 4.6.5 Concise implementation
        Sequential net = new Sequential(new Flatten(),
                new Linear(784, 256, true, DType.F32, g), new ReLU(), new dev.panamax.nn.Dropout(DROPOUT1, g),
                new Linear(256, 256, true, DType.F32, g), new ReLU(), new dev.panamax.nn.Dropout(DROPOUT2, g),
                new Linear(256, 10, true, DType.F32, g));
        net.apply(m -> {
            if (m instanceof Linear linear) {
                Init.normal_(linear.weight(), 0, 0.01, g);
            }
        });
        System.out.println(net);
        History hc = Trainer.of(net, loss, new SGD(net.parameters(), lr))
                .name("dropout-concise")
                .chart(args.out.resolve("concise.png"))
                .csv(args.out.resolve("concise.csv"))
                .fit(data.train(), data.test(), numEpochs);
        Trainer.predictCh3(net, data.test(), 6, FashionMnist.TEXT_LABELS, args.out.resolve("predictions.png"));
        Result concise = FashionSample.report(args, data, "dropout concise", hc, 0.361, 0.868, 0.845);

        Result r = new Result();
        scratchResult.values().forEach((k, v) -> r.put(k.equals("backend") || k.equals("threads") ? k : "scratch_" + k, v));
        concise.values().forEach((k, v) -> r.put(k.equals("backend") || k.equals("threads") ? k : "concise_" + k, v));
        args.wrote("scratch.png", "scratch.csv", "concise.png", "concise.csv", "predictions.png");
        r.print();
    }
}
