// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.DataLoader;
import dev.panamax.nn.Functional;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Loss;
import dev.panamax.nn.MSELoss;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.Optim;
import dev.panamax.optim.SGD;
import dev.panamax.train.Animator;
import dev.panamax.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Sample: weight-decay — d2l-zh 4.5: high-dimensional linear regression with 20 examples, from scratch with an L2 penalty and with SGD weight decay.
 *
 * <p>y = 0.05 + sum_i 0.01 x_i + e over d = 200 features with e ~ N(0, 0.01^2), but only 20
 * training examples: without a penalty the model fits the training set and the test loss stays
 * high; with lambda = 3 the weight is pulled towards zero and the test loss falls.
 *
 * <p>--epochs sets the epochs of each of the four runs (default 100, as the book).
 */
public final class WeightDecay {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("weight-decay",
            "d2l-zh 4.5: high-dimensional linear regression, from scratch with an L2 penalty and with SGD weight decay",
            100, "epochs of each of the four fits", "seed threads backend out");

    static final int N_TRAIN = 20, N_TEST = 100, NUM_INPUTS = 200, BATCH_SIZE = 5;
    static final double LR = 0.003;

    record Run(double norm, double trainLoss, double testLoss) {}

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Files.createDirectories(args.out);
        Generator g = new Generator(args.seed);

        // ---- High-dimensional linear regression
        Tensor trueW = Tensor.full(0.01, NUM_INPUTS);
        double trueB = 0.05;
        DataLoader.Batch trainData = DataLoader.syntheticData(trueW, trueB, N_TRAIN, 0.01, g);
        DataLoader trainIter = DataLoader.loadArray(trainData.x(), trainData.y(), BATCH_SIZE, true, g);
        DataLoader.Batch testData = DataLoader.syntheticData(trueW, trueB, N_TEST, 0.01, g);
        DataLoader testIter = DataLoader.loadArray(testData.x(), testData.y(), BATCH_SIZE, false, g);

        // ---- Implementation from scratch
        System.out.println("from scratch, lambda = 0 (no weight decay):");
        Run scratch0 = train(0, trainIter, testIter, args.epochs, g, args.out.resolve("scratch-lambda0.png"),
                "from scratch, lambda = 0");
        System.out.println("from scratch, lambda = 3:");
        Run scratch3 = train(3, trainIter, testIter, args.epochs, g, args.out.resolve("scratch-lambda3.png"),
                "from scratch, lambda = 3");

        // ---- Concise implementation
        System.out.println("concise, wd = 0:");
        Run concise0 = trainConcise(0, trainIter, testIter, args.epochs, g, args.out.resolve("concise-wd0.png"),
                "concise, weight decay 0");
        System.out.println("concise, wd = 3:");
        Run concise3 = trainConcise(3, trainIter, testIter, args.epochs, g, args.out.resolve("concise-wd3.png"),
                "concise, weight decay 3");

        System.out.println();
        System.out.println("the book: L2 norm of w: scratch 11.4 to 13.5 (lambda = 0), 0.35 to 0.37 (lambda = 3);");
        System.out.println("          concise 14.2 to 14.4 (wd = 0), 0.44 to 0.45 (wd = 3); with decay the test loss falls instead of staying flat");
        System.out.printf("here:     L2 norm of w: scratch %.4g / %.4g, concise %.4g / %.4g; test loss scratch %.4g / %.4g, concise %.4g / %.4g%n",
                scratch0.norm, scratch3.norm, concise0.norm, concise3.norm,
                scratch0.testLoss, scratch3.testLoss, concise0.testLoss, concise3.testLoss);
        args.wrote("scratch-lambda0.png", "scratch-lambda3.png", "concise-wd0.png", "concise-wd3.png");
        new Result()
                .put("scratch_norm_0", scratch0.norm)
                .put("scratch_norm_3", scratch3.norm)
                .put("concise_norm_0", concise0.norm)
                .put("concise_norm_3", concise3.norm)
                .put("scratch_test_loss_0", scratch0.testLoss)
                .put("scratch_test_loss_3", scratch3.testLoss)
                .put("concise_test_loss_0", concise0.testLoss)
                .put("concise_test_loss_3", concise3.testLoss)
                .print();
    }

    /** The book's {@code l2_penalty}: half the squared L2 norm. */
    static Tensor l2Penalty(Tensor w) {
        return w.pow(2).sum().div(2);
    }

    /** The book's {@code train(lambd)}: linreg with w ~ N(0, 1), b = 0, squared loss + lambd * l2Penalty(w), minibatch SGD. */
    static Run train(double lambd, DataLoader trainIter, DataLoader testIter, int numEpochs, Generator g, Path png, String title) {
        Tensor w = Tensor.normal(0, 1, g, NUM_INPUTS, 1).requiresGrad_();
        Tensor b = Tensor.zeros(1).requiresGrad_();
        UnaryOperator<Tensor> net = x -> x.matmul(w).add(b); // d2l.linreg
        Loss loss = Functional::squaredLoss;
        Animator animator = animator(png, title, numEpochs);
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            for (DataLoader.Batch batch : trainIter) {
                // the penalty is added to every example's loss, so the sum carries it BATCH_SIZE times
                // and sgd's division by the batch size leaves exactly lambd * w in the gradient
                Tensor l = loss.apply(net.apply(batch.x()), batch.y()).add(l2Penalty(w).mul(lambd));
                l.sum().backward();
                Optim.sgd(List.of(w, b), LR, BATCH_SIZE);
            }
            record(animator, epoch, numEpochs, net, trainIter, testIter, loss);
        }
        return finish(w, net, trainIter, testIter, loss);
    }

    /** The book's {@code train_concise(wd)}: nn.Linear with every parameter ~ N(0, 1), MSE, weight decay on the weight only. */
    static Run trainConcise(double wd, DataLoader trainIter, DataLoader testIter, int numEpochs, Generator g, Path png, String title) {
        Linear layer = new Linear(NUM_INPUTS, 1, true, trainIter.iterator().next().x().dtype(), g);
        Sequential net = new Sequential(layer);
        for (Tensor param : net.parameters()) {
            Init.normal_(param, 0, 1, g);
        }
        Loss loss = new MSELoss(Reduction.NONE);
        // the bias gets no decay: one parameter group each
        SGD trainer = new SGD(LR, SGD.group(layer.weight()).weightDecay(wd), SGD.group(layer.bias()));
        Animator animator = animator(png, title, numEpochs);
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            for (DataLoader.Batch batch : trainIter) {
                trainer.zeroGrad();
                Tensor l = loss.apply(net.forward(batch.x()), batch.y());
                l.mean().backward();
                trainer.step();
            }
            record(animator, epoch, numEpochs, net::forward, trainIter, testIter, loss);
        }
        return finish(layer.weight(), net::forward, trainIter, testIter, loss);
    }

    /** The book's xlim [5, num_epochs]; from epoch 1 when a short run records its only point before 5. */
    private static Animator animator(Path png, String title, int numEpochs) {
        return new Animator(png, "epoch", "loss", "train", "test").title(title).logY(true)
                .xlim(numEpochs < 5 ? 1 : 5, Math.max(numEpochs, 6));
    }

    /** Every 5 epochs (and after the last), the train and test loss on the chart, as the book. */
    private static void record(Animator animator, int epoch, int numEpochs, UnaryOperator<Tensor> net, DataLoader trainIter,
                               DataLoader testIter, Loss loss) {
        if ((epoch + 1) % 5 == 0 || epoch == numEpochs - 1) {
            animator.add(epoch + 1, Trainer.evaluateLoss(net, trainIter, loss), Trainer.evaluateLoss(net, testIter, loss));
        }
    }

    private static Run finish(Tensor w, UnaryOperator<Tensor> net, DataLoader trainIter, DataLoader testIter, Loss loss) {
        Run r = new Run(w.detach().norm().item(), Trainer.evaluateLoss(net, trainIter, loss),
                Trainer.evaluateLoss(net, testIter, loss));
        System.out.printf("L2 norm of w: %s   (train loss %.4g, test loss %.4g)%n", (float) r.norm, r.trainLoss, r.testLoss);
        return r;
    }
}
