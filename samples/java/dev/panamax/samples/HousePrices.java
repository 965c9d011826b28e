// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import dev.panamax.data.Csv;
import dev.panamax.data.DataLoader;
import dev.panamax.data.DataLoader.Batch;
import dev.panamax.data.KFold;
import dev.panamax.data.Table;
import dev.panamax.nn.Linear;
import dev.panamax.nn.MSELoss;
import dev.panamax.nn.Module;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.Adam;
import dev.panamax.train.History;
import dev.panamax.train.Metric;
import dev.panamax.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sample: house-prices — d2l 4.10: Kaggle's house prices with a linear model, Adam, 5-fold
 * cross-validation and the log-RMSE, then a submission.csv.
 *
 * <p>The data cannot be downloaded here: {@code --data DIR} names a folder holding the competition's
 * train.csv and test.csv ("House Prices - Advanced Regression Techniques" on kaggle.com). The
 * book's preprocessing: the features of both files without Id, numeric columns standardised and
 * their missing values set to 0, categorical ones one-hot encoded with a column for missing values;
 * then nn.Linear(F, 1), squared loss, Adam with lr 5 and weight decay 0, batches of 64, 100 epochs
 * per fold, the folds of get_k_fold_data with k = 5. It prints each fold's train and validation
 * log-RMSE and their averages, beside the book's, draws fold 1's curves (log scale), trains once
 * more on the whole training set and writes its predictions for test.csv to submission.csv.
 */
public final class HousePrices {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("house-prices",
            "d2l 4.10: Kaggle house prices, a linear model with Adam, 5-fold cross-validation, log-RMSE, submission.csv",
            100, "epochs of each fold and of the final fit", "seed threads backend out data",
            "folder holding Kaggle's train.csv and test.csv (competition \"House Prices - Advanced Regression Techniques\")");

    static final int K = 5, BATCH_SIZE = 64;
    static final double LR = 5, WEIGHT_DECAY = 0;
    /** The book's averages over 5 folds on the real data (reruns of its code vary by about 0.005). */
    static final double BOOK_TRAIN = 0.166, BOOK_VALID = 0.171;

    /** The preprocessed data: train features and labels [n, 1], test features, test Ids, feature names. */
    public record Data(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, long[] testIds, List<String> featureNames) {}

    /** Sees what a run draws, for verify/house_prices: each fold's initial net, each batch's rows. */
    public interface Trace {
        void initial(int fold, Module net);

        void batch(int fold, int[] rows);
    }

    /** A fold's last train and validation log-RMSE and its history. */
    public record FoldResult(double trainLogRmse, double validLogRmse, History history) {}

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Data d;
        try {
            d = load(args.data);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("house-prices: " + e.getMessage());
            System.exit(SampleArgs.USAGE_EXIT);
            return;
        }
        Files.createDirectories(args.out);
        Generator g = new Generator(args.seed);
        System.out.printf(Locale.ROOT, "%d training and %d test houses, %d features after one-hot encoding%n",
                d.trainFeatures.size(0), d.testFeatures.size(0), d.trainFeatures.size(1));

        List<FoldResult> folds = kFold(d, K, args.epochs, LR, WEIGHT_DECAY, BATCH_SIZE, g, args.out.resolve("house-prices-fold1.png"),
                null);
        double trainSum = 0, validSum = 0;
        double[] foldTrain = new double[K], foldValid = new double[K];
        for (int i = 0; i < K; i++) {
            foldTrain[i] = folds.get(i).trainLogRmse;
            foldValid[i] = folds.get(i).validLogRmse;
            trainSum += foldTrain[i];
            validSum += foldValid[i];
        }
        System.out.printf(Locale.ROOT, "%d-fold validation: average train log rmse %f, average valid log rmse %f%n", K, trainSum / K,
                validSum / K);
        System.out.printf(Locale.ROOT, "the book (the real data): about %.3f and %.3f%n", BOOK_TRAIN, BOOK_VALID);

        // The book's train_and_pred: the whole training set, then predictions for test.csv.
        Module net = net(d.trainFeatures.size(1), g);
        History h = train(net, d.trainFeatures, d.trainLabels, null, null, args.epochs, LR, WEIGHT_DECAY, BATCH_SIZE, g,
                args.out.resolve("house-prices-final.png"), null, -1);
        double finalTrain = h.metric("train log rmse")[h.size() - 1];
        System.out.printf(Locale.ROOT, "train log rmse %f (all %d training houses)%n", finalTrain, d.trainFeatures.size(0));
        Path submission = args.out.resolve("submission.csv");
        writeSubmission(submission, net, d);
        System.out.println("wrote " + submission + " (" + d.testIds.length + " predictions) and the charts into " + args.out);
        new Result()
                .put("train_log_rmse", trainSum / K)
                .put("valid_log_rmse", validSum / K)
                .put("fold_train_log_rmse", foldTrain)
                .put("fold_valid_log_rmse", foldValid)
                .put("final_train_log_rmse", finalTrain)
                .put("features", d.trainFeatures.size(1))
                .print();
    }

    /**
     * Reads dir/train.csv and dir/test.csv and preprocesses them as the book does.
     *
     * @throws IllegalArgumentException in one line saying where to get the files, if dir is null or
     *     lacks one
     */
    public static Data load(Path dir) throws IOException {
        String where = "Kaggle's train.csv and test.csv come from the competition \"House Prices - Advanced Regression Techniques\""
                + " (kaggle.com/c/house-prices-advanced-regression-techniques/data)";
        if (dir == null) {
            throw new IllegalArgumentException("--data DIR is required: a folder holding train.csv and test.csv; " + where);
        }
        List<String> lacking = new ArrayList<>();
        for (String f : List.of("train.csv", "test.csv")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                lacking.add(f);
            }
        }
        if (!lacking.isEmpty()) {
            throw new IllegalArgumentException("--data " + dir + ": the folder lacks " + String.join(" and ", lacking) + "; " + where);
        }
        // The other columns are typed as pandas types them; these two must be numbers.
        Table.Kind number = Table.Kind.NUMERIC;
        return preprocess(Csv.read(dir.resolve("train.csv"), Map.of("Id", number, "SalePrice", number)),
                Csv.read(dir.resolve("test.csv"), Map.of("Id", number)));
    }

    /**
     * The book's preprocessing: {@code pd.concat((train.iloc[:, 1:-1], test.iloc[:, 1:]))}, numeric
     * columns standardised then missing values set to 0, {@code pd.get_dummies(dummy_na=True)}, as
     * float32; labels are train's last column (SalePrice).
     */
    public static Data preprocess(Table train, Table test) {
        if (train.width() != test.width() + 1 || !train.names().subList(0, test.width()).equals(test.names())) {
            throw new IllegalArgumentException("house-prices: test.csv should have train.csv's columns but its last (SalePrice); got "
                    + train + " and " + test);
        }
        Table all = Table.concat(train.columns(1, train.width() - 1), test.columns(1, test.width()));
        Table features = all.standardize().fillMissing(0).getDummies(true);
        int n = train.height();
        String label = train.names().get(train.width() - 1);
        double[] y = train.numbers(label);
        for (int i = 0; i < n; i++) {
            if (!(y[i] > 0)) {
                throw new IllegalArgumentException("house-prices: train.csv row " + (i + 1) + ": " + label + " is " + y[i]
                        + "; the log-RMSE needs positive prices");
            }
        }
        double[] ids = test.numbers(test.names().get(0));
        long[] testIds = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            testIds[i] = (long) ids[i];
        }
        return new Data(features.rows(0, n).toTensor(DType.F32), Tensor.wrap(y, n, 1).to(DType.F32),
                features.rows(n, features.height()).toTensor(DType.F32), testIds, features.names());
    }

    /** The book's {@code get_net}: one linear layer, PyTorch's default initialisation drawn from g. */
    static Module net(int inFeatures, Generator g) {
        return new Sequential(new Linear(inFeatures, 1, true, DType.F32, g));
    }

    /**
     * The book's {@code k_fold}: for each fold a new net trained by {@link #train}; fold 1's curves
     * drawn into chart (null: none).
     */
    public static List<FoldResult> kFold(Data d, int k, int epochs, double lr, double weightDecay, int batchSize, Generator g,
                                         Path chart, Trace trace) {
        List<FoldResult> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            KFold.Fold f = KFold.split(k, i, d.trainFeatures, d.trainLabels);
            Module net = net(d.trainFeatures.size(1), g);
            if (trace != null) {
                trace.initial(i, net);
            }
            History h = train(net, f.xTrain(), f.yTrain(), f.xValid(), f.yValid(), epochs, lr, weightDecay, batchSize, g,
                    i == 0 ? chart : null, trace, i);
            FoldResult r = new FoldResult(h.metric("train log rmse")[h.size() - 1], h.metric("test log rmse")[h.size() - 1], h);
            System.out.printf(Locale.ROOT, "fold %d, train log rmse %f, valid log rmse %f%n", i + 1, r.trainLogRmse, r.validLogRmse);
            out.add(r);
        }
        return out;
    }

    /**
     * The book's {@code train}: Adam on the squared loss, shuffled batches drawn from g, the
     * log-RMSE of the whole training and validation sets after each epoch. Modified: net.
     *
     * @param xValid may be null (the final fit): the validation figures are then NaN
     */
    static History train(Module net, Tensor xTrain, Tensor yTrain, Tensor xValid, Tensor yValid, int epochs, double lr,
                         double weightDecay, int batchSize, Generator g, Path chart, Trace trace, int fold) {
        DataLoader.Dataset rows = DataLoader.tensorDataset(xTrain, yTrain);
        DataLoader.Dataset seen = trace == null ? rows : new DataLoader.Dataset() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public Batch get(int[] indices) {
                trace.batch(fold, indices.clone());
                return rows.get(indices);
            }
        };
        DataLoader trainIter = DataLoader.of(seen).batchSize(batchSize).shuffle(g).build();
        Trainer t = Trainer.of(net, new MSELoss(), new Adam(net.parameters(), lr, 0.9, 0.999, 1e-8, weightDecay, false))
                .metric("log rmse", Metric.logRmse())
                .evalTrain(List.of(new Batch(xTrain, yTrain)))
                .out(null);
        if (chart != null) {
            t.chart(chart).logY(true).chartSeries(xValid != null ? new String[] {"train log rmse", "test log rmse"}
                    : new String[] {"train log rmse"}).name(xValid != null ? "house prices, fold 1 of " + K : "house prices, all training data");
        }
        return t.fit(trainIter, xValid == null ? null : List.of(new Batch(xValid, yValid)), epochs);
    }

    /** The book's submission: Id and the predicted SalePrice of each house of test.csv. */
    static void writeSubmission(Path file, Module net, Data d) throws IOException {
        Tensor preds;
        try (Autograd.Scope _ = Autograd.noGrad()) {
            preds = net.forward(d.testFeatures);
        }
        StringBuilder sb = new StringBuilder("Id,SalePrice\n");
        for (int i = 0; i < d.testIds.length; i++) {
            sb.append(d.testIds[i]).append(',').append((float) preds.getFlat(i)).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
