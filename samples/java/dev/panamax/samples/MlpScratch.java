// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.FashionMnist;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Reduction;
import dev.panamax.optim.SGD;
import dev.panamax.train.History;
import dev.panamax.train.Trainer;
import java.util.List;

/**
 * Sample: mlp-scratch — d2l-zh 4.2, a multilayer perceptron from scratch on Fashion-MNIST.
 *
 * <p>The parameters W1, b1, W2, b2 are plain tensors, ReLU is max(X, 0), and the net is a lambda,
 * as in the book.
 */
public final class MlpScratch {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("mlp-scratch",
            "d2l-zh 4.2: a multilayer perceptron from scratch on Fashion-MNIST",
            10, "training epochs", "seed threads backend out limit data");

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        int batchSize = 256;
        FashionSample.Loaders data = FashionSample.load(args, batchSize);

        // 4.2.1 Initializing model parameters
        int numInputs = 784, numOutputs = 10, numHiddens = 256;
        Generator g = new Generator(args.seed);
        Tensor w1 = Tensor.randn(g, numInputs, numHiddens).mul(0.01).detach().requiresGrad_();
        Tensor b1 = Tensor.zeros(numHiddens).requiresGrad_();
        Tensor w2 = Tensor.randn(g, numHiddens, numOutputs).mul(0.01).detach().requiresGrad_();
        Tensor b2 = Tensor.zeros(numOutputs).requiresGrad_();
        List<Tensor> params = List.of(w1, b1, w2, b2);

        // 4.2.2 Activation function
        java.util.function.UnaryOperator<Tensor> relu = x -> x.maximum(Tensor.zerosLike(x));

        // 4.2.3 Model
        java.util.function.UnaryOperator<Tensor> net = x -> {
            Tensor h = relu.apply(x.reshape(-1, numInputs).matmul(w1).add(b1));
            return h.matmul(w2).add(b2);
        };

        // 4.2.4 Loss function, 4.2.5 Training
        CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.NONE);
        double lr = 0.1;
        SGD updater = new SGD(params, lr);
        History h = Trainer.of(net, loss, updater)
                .name("mlp-scratch")
                .chart(args.out.resolve("training.png"))
                .csv(args.out.resolve("history.csv"))
                .fit(data.train(), data.test(), args.epochs);
        Trainer.predictCh3(net, data.test(), 6, FashionMnist.TEXT_LABELS, args.out.resolve("predictions.png"));

        Result result = FashionSample.report(args, data, "mlp-scratch", h, 0.384, 0.864, 0.837);
        args.wrote("training.png", "history.csv", "predictions.png");
        result.print();
    }
}
