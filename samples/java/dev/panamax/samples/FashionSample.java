// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.Backend;
import dev.panamax.Generator;
import dev.panamax.data.DataLoader;
import dev.panamax.data.FashionMnist;
import dev.panamax.kernel.Gemm;
import dev.panamax.train.History;
import dev.panamax.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** What the Fashion-MNIST samples share: the book's {@code load_data_fashion_mnist} and the report. */
final class FashionSample {
    private FashionSample() {}

    /** Train and test loaders over Fashion-MNIST, the training set shuffled from the seed by order. */
    record Loaders(DataLoader train, DataLoader test, FashionMnist.Data data, Generator order) {}

    /**
     * The data set from --data, else from the search of {@link FashionMnist#load()}. A folder that
     * lacks a file or holds a malformed one ends the sample with the reader's message and status 2
     * (the user named it) or 1 (the search found it).
     */
    static Loaders load(SampleArgs args, int batchSize) throws IOException {
        Files.createDirectories(args.out);
        System.out.println("backend: " + Backend.describe().lines().findFirst().orElse("") + "; threads " + Gemm.threads());
        FashionMnist.Data data;
        try {
            data = args.data != null ? FashionMnist.load(args.data) : FashionMnist.load();
        } catch (IOException e) {
            SampleArgs.fail(args.name, (args.data != null ? "--data " + args.data + ": " : "") + e.getMessage(),
                    args.data != null ? SampleArgs.USAGE_EXIT : 1);
            throw e;
        }
        if (args.limit > data.trainSize()) {
            SampleArgs.fail(args.name, "--limit '" + args.limit + "': expected at most " + data.trainSize() + ", the training images in "
                    + data.source() + " (0: all)", SampleArgs.USAGE_EXIT);
        }
        if (args.limit > 0) {
            data = data.limit(args.limit, Math.min(data.testSize(), Math.max(args.limit, 1000)));
        }
        System.out.printf("Fashion-MNIST from %s: %d training and %d test images%n", data.source(), data.trainSize(), data.testSize());
        Generator order = new Generator(args.seed);
        DataLoader train = data.trainIter(batchSize, order);
        DataLoader test = data.testIter(batchSize);
        return new Loaders(train, test, data, order);
    }

    /**
     * The trainer saving the run to --out/run.ckpt after every epoch, and with --resume continuing
     * from it: the generators are the data order's and the sample's own (weights, dropout).
     */
    static Trainer checkpointed(Trainer t, SampleArgs args, Loaders data, Generator g) {
        return t.checkpoint(args.out.resolve("run.ckpt"), 1, args.resume, Map.of("order", data.order(), "sample", g));
    }

    /** The run's settings, for a heading: "1 epoch, 2000 of the 60000 training images". */
    static String settings(SampleArgs args, Loaders data) {
        int trainSize = data.data().trainSize();
        return args.epochs + (args.epochs == 1 ? " epoch, " : " epochs, ")
                + (args.limit > 0 ? trainSize + " of the " + FULL_TRAIN_SIZE + " training images" : "all " + trainSize + " training images");
    }

    /** Fashion-MNIST's training set, which the book's figures are for. */
    static final int FULL_TRAIN_SIZE = 60000;

    /**
     * Prints the book's figures beside this run's, under a heading with the run's settings and a
     * note when they are not the book's (fewer epochs, fewer images), and returns the common
     * RESULT keys.
     */
    static Result report(SampleArgs args, Loaders data, String what, History h, double bookLoss, double bookTrainAcc,
                         double bookTestAcc) {
        return report(args, data, what, h, "the book (PyTorch, d2l 0.17)", bookLoss, bookTrainAcc, bookTestAcc);
    }

    /** {@link #report} with the reference figures' own label, for those that are not the book's. */
    static Result report(SampleArgs args, Loaders data, String what, History h, String reference, double refLoss,
                         double refTrainAcc, double refTestAcc) {
        History.Epoch last = h.last();
        double median = median(h.epochs().stream().mapToDouble(History.Epoch::seconds).toArray());
        System.out.println();
        System.out.println(what + ": " + settings(args, data));
        boolean asTheBook = args.epochs == args.usage.epochs() && data.data().trainSize() == FULL_TRAIN_SIZE;
        if (!asTheBook) {
            System.out.println("note: the reference figures are for " + args.usage.epochs() + " epochs on all " + FULL_TRAIN_SIZE
                    + " training images; this run's settings differ, so its figures are not comparable");
        }
        System.out.printf(Locale.ROOT, "%-28s %10s %10s %10s%n", "", "train loss", "train acc", "test acc");
        System.out.printf(Locale.ROOT, "%-28s %10.3f %10.3f %10.3f%n", reference, refLoss, refTrainAcc, refTestAcc);
        System.out.printf(Locale.ROOT, "%-28s %10.3f %10.3f %10.3f%n", asTheBook ? "panamax" : "panamax (other settings)",
                last.trainLoss(), last.trainAcc(), last.testAcc());
        System.out.printf(Locale.ROOT, "median epoch: %.3f s (%s, %d threads)%n", median, Gemm.backend().name(), Gemm.threads());
        return new Result()
                .put("train_loss", last.trainLoss())
                .put("train_acc", last.trainAcc())
                .put("test_acc", last.testAcc())
                .put("epoch_seconds", median)
                .put("backend", Gemm.backend().name())
                .put("threads", Gemm.threads());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
