// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.DataLoader;
import dev.panamax.nn.Linear;
import dev.panamax.nn.MSELoss;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import dev.panamax.train.Animator;
import dev.panamax.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Sample: underfit-overfit — d2l-zh 4.4: polynomial regression with the right number of features, too few, and too many.
 *
 * <p>The data are y = 5 + 1.2 x - 3.4 x^2/2! + 5.6 x^3/3! + e with x ~ N(0, 1) and e ~ N(0, 0.1^2),
 * written as a linear model over the features x^i / i! for i = 0 .. 19 whose true weights are
 * [5, 1.2, -3.4, 5.6, 0, ..., 0] (the 1/i! keeps the large powers from producing huge gradients).
 * The same linear regression is then fitted on the first 4 features (the right model), on the
 * first 2 (a line: underfitting) and on all 20 (overfitting, given only 100 examples).
 *
 * <p>--epochs sets the epochs of the cubic and linear fits (default 400, as the book); the degree-20
 * fit runs 1500/400 times as many (1500 by default).
 */
public final class UnderfitOverfit {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("underfit-overfit",
            "d2l-zh 4.4: polynomial regression with the right number of features, too few, and too many",
            400, "epochs of the cubic and linear fits (the degree-20 fit runs 3.75 times as many)", "seed threads backend out");

    static final int MAX_DEGREE = 20;
    static final int N_TRAIN = 100, N_TEST = 100;
    static final double[] TRUE_W = {5, 1.2, -3.4, 5.6};

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Files.createDirectories(args.out);
        Generator g = new Generator(args.seed);

        // ---- Generating the data set (in double precision, as numpy does, then float32 for training)
        int n = N_TRAIN + N_TEST;
        double[] features = new double[n];
        for (int i = 0; i < n; i++) {
            features[i] = g.nextGaussian();
        }
        int[] order = g.permutation(n); // np.random.shuffle(features)
        double[] shuffled = new double[n];
        for (int i = 0; i < n; i++) {
            shuffled[i] = features[order[i]];
        }
        features = shuffled;
        double[] poly = new double[n * MAX_DEGREE];
        double[] labels = new double[n];
        for (int r = 0; r < n; r++) {
            double factorial = 1;
            for (int i = 0; i < MAX_DEGREE; i++) {
                factorial *= Math.max(i, 1); // gamma(i + 1) = i!
                poly[r * MAX_DEGREE + i] = Math.pow(features[r], i) / factorial;
            }
            for (int i = 0; i < TRUE_W.length; i++) {
                labels[r] += poly[r * MAX_DEGREE + i] * TRUE_W[i];
            }
        }
        for (int r = 0; r < n; r++) {
            labels[r] += 0.1 * g.nextGaussian();
        }
        Tensor polyFeatures = Tensor.fromArray(poly, n, MAX_DEGREE).to(DType.F32);
        Tensor labelsT = Tensor.fromArray(labels, n).to(DType.F32);

        System.out.println("features[:2] = " + Tensor.fromArray(Arrays.copyOf(features, 2), 2, 1).to(DType.F32));
        System.out.println("poly_features[:2, :] = " + polyFeatures.slice(0, 0, 2));
        System.out.println("labels[:2] = " + labelsT.slice(0, 0, 2));

        // ---- Third-order polynomial function fitting (normal)
        System.out.println();
        System.out.println("cubic (4 features, " + args.epochs + " epochs):");
        Fit cubic = train(args.out.resolve("cubic.png"), "cubic: 4 features (right)", polyFeatures, labelsT, 4, args.epochs, g);

        // ---- Linear function fitting (underfitting)
        System.out.println();
        System.out.println("linear (2 features, " + args.epochs + " epochs):");
        Fit linear = train(args.out.resolve("linear.png"), "linear: 2 features (underfitting)", polyFeatures, labelsT, 2, args.epochs, g);

        // ---- Higher-order polynomial function fitting (overfitting)
        int longEpochs = Math.max(1, args.epochs * 1500 / 400);
        System.out.println();
        System.out.println("degree 20 (all 20 features, " + longEpochs + " epochs):");
        Fit degree20 = train(args.out.resolve("degree20.png"), "degree 20: all 20 features (overfitting)", polyFeatures, labelsT, MAX_DEGREE, longEpochs, g);

        System.out.println();
        System.out.println("the book (six seeds of its code, PyTorch 1.13):");
        System.out.println("  cubic:     train 0.0098 to 0.0305, test 0.0093 to 0.134, w ≈ [4.997, 1.176, -3.387, 5.626] (w3 4.64 to 5.60)");
        System.out.println("  linear:    train 2.19 to 10.5, test 7.3 to 17.5, w ≈ [3.1 to 3.9, 2.6 to 4.2]");
        System.out.println("  degree 20: train 0.0084 to 0.0128, test 0.0117 to 0.666, first four ≈ [4.99, 1.25, -3.33, 5.16]");
        System.out.println("here (seed " + args.seed + "):");
        System.out.printf("  cubic:     train %.4g, test %.4g, w = %s%n", cubic.train, cubic.test, fmt(cubic.w, 4));
        System.out.printf("  linear:    train %.4g, test %.4g, w = %s%n", linear.train, linear.test, fmt(linear.w, 2));
        System.out.printf("  degree 20: train %.4g, test %.4g, first four = %s%n", degree20.train, degree20.test, fmt(degree20.w, 4));
        args.wrote("cubic.png", "linear.png", "degree20.png");
        new Result()
                .put("cubic_w", cubic.w)
                .put("linear_w", linear.w)
                .put("degree20_w", degree20.w)
                .put("cubic_train_loss", cubic.train)
                .put("cubic_test_loss", cubic.test)
                .put("linear_train_loss", linear.train)
                .put("linear_test_loss", linear.test)
                .put("degree20_train_loss", degree20.train)
                .put("degree20_test_loss", degree20.test)
                .print();
    }

    record Fit(double[] w, double train, double test) {}

    /**
     * The book's {@code train}: a bias-free linear layer on the first k features, squared error,
     * SGD with lr 0.01 and batches of min(10, n_train); train and test loss every 20 epochs on a
     * log scale. Prints the learned weight.
     */
    static Fit train(Path png, String title, Tensor polyFeatures, Tensor labels, int k, int numEpochs, Generator g) {
        Tensor trainFeatures = polyFeatures.slice(0, 0, N_TRAIN).slice(1, 0, k);
        Tensor testFeatures = polyFeatures.slice(0, N_TRAIN, N_TRAIN + N_TEST).slice(1, 0, k);
        Tensor trainLabels = labels.slice(0, 0, N_TRAIN).reshape(-1, 1);
        Tensor testLabels = labels.slice(0, N_TRAIN, N_TRAIN + N_TEST).reshape(-1, 1);

        MSELoss loss = new MSELoss(Reduction.NONE);
        Linear layer = new Linear(k, 1, false, DType.F32, g);
        Sequential net = new Sequential(layer);
        int batchSize = Math.min(10, N_TRAIN);
        DataLoader trainIter = DataLoader.loadArray(trainFeatures, trainLabels, batchSize, true, g);
        DataLoader testIter = DataLoader.loadArray(testFeatures, testLabels, batchSize, false, g);
        Trainer trainer = Trainer.of(net, loss, new SGD(net.parameters(), 0.01));
        Animator animator = new Animator(png, "epoch", "loss", "train", "test").title(title)
                .logY(true).xlim(1, Math.max(2, numEpochs));
        double trainLoss = Double.NaN, testLoss = Double.NaN;
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            trainer.trainEpoch(trainIter);
            if (epoch == 0 || (epoch + 1) % 20 == 0 || epoch == numEpochs - 1) {
                trainLoss = Trainer.evaluateLoss(net, trainIter, loss);
                testLoss = Trainer.evaluateLoss(net, testIter, loss);
                animator.add(epoch + 1, trainLoss, testLoss);
            }
        }
        System.out.println("weight: " + layer.weight().detach());
        System.out.printf("train loss %.4g, test loss %.4g; plot %s%n", trainLoss, testLoss, png);
        return new Fit(layer.weight().toDoubleArray(), trainLoss, testLoss);
    }

    private static String fmt(double[] w, int k) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < k; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format("%.3f", w[i]));
        }
        return b.append(']').toString();
    }
}
