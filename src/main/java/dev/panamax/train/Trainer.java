// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import dev.panamax.data.DataLoader.Batch;

import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.Generator;
import dev.panamax.autograd.Autograd;
import dev.panamax.io.RunCheckpoint;
import dev.panamax.nn.Loss;
import dev.panamax.nn.Module;
import dev.panamax.optim.Optimizer;
import dev.panamax.optim.lr.LRScheduler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The book's {@code train_ch3}, {@code train_epoch_ch3}, {@code evaluate_accuracy},
 * {@code evaluate_loss} and {@code predict_ch3}. Data comes as {@code Iterable<Batch>} of
 * {@code {X, y}} pairs, a DataLoader or any list; the loss should return one value per example
 * (reduction NONE, as in the book), though a mean is also accepted.
 *
 * <pre>{@code
 * History h = Trainer.of(net, new CrossEntropyLoss(Reduction.NONE), new SGD(net.parameters(), 0.1))
 *         .chart(out.resolve("mlp.png")).csv(out.resolve("mlp.csv"))
 *         .fit(trainIter, testIter, 10);
 * }</pre>
 *
 * Updates: with an {@link Optimizer}, zeroGrad, mean loss backward, step (the book's
 * {@code torch.optim} branch); with an {@link Updater}, sum loss backward, then
 * {@code updater.update(batchSize)} (its from-scratch branch, e.g. {@code bs -> Optim.sgd(params,
 * lr, bs)}).
 */
public final class Trainer {
    /** The book's from-scratch updater: called after {@code loss.sum().backward()} with the batch size. */
    @FunctionalInterface
    public interface Updater {
        void update(int batchSize);
    }

    private final UnaryOperator<Tensor> net;
    private final Module module;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Updater updater;
    private PrintStream out = System.out;
    private Progress progress;
    private Path chart;
    private Path csv;
    private boolean svg;
    private double[] ylim = {0.3, 0.9};
    private int lastBatchCount = -1;
    private String name = "";
    private final Resume resume = new Resume();

    private Trainer(UnaryOperator<Tensor> net, Module module, Loss loss, Optimizer optimizer, Updater updater) {
        this.net = net;
        this.module = module;
        this.loss = loss;
        this.optimizer = optimizer;
        this.updater = updater;
    }

    /** A module trained with a torch-style optimizer. */
    public static Trainer of(Module net, Loss loss, Optimizer optimizer) {
        return new Trainer(net::forward, net, loss, optimizer, null);
    }

    /** A module trained with a from-scratch updater. */
    public static Trainer of(Module net, Loss loss, Updater updater) {
        return new Trainer(net::forward, net, loss, null, updater);
    }

    /** A from-scratch net (a function of X) with a from-scratch updater. */
    public static Trainer of(UnaryOperator<Tensor> net, Loss loss, Updater updater) {
        return new Trainer(net, null, loss, null, updater);
    }

    /** A from-scratch net with a torch-style optimizer. */
    public static Trainer of(UnaryOperator<Tensor> net, Loss loss, Optimizer optimizer) {
        return new Trainer(net, null, loss, optimizer, null);
    }

    // ------------------------------------------------------------------ options

    /**
     * Where progress and epoch lines go: System.out by default (a bar redrawn in place only on a
     * terminal); null for silence.
     */
    public Trainer out(PrintStream stream) {
        out = stream != null ? stream : new PrintStream(java.io.OutputStream.nullOutputStream());
        progress = null;
        return this;
    }

    /**
     * The PNG rewritten after each epoch (train loss, train acc, test acc), its parent folders
     * created. A chart that cannot be written does not stop the training: one line says why.
     */
    public Trainer chart(Path png) {
        chart = png;
        return this;
    }

    /** Also write an SVG next to the chart (default false: about 140 KB for ten epochs). */
    public Trainer svg(boolean on) {
        svg = on;
        return this;
    }

    /** The chart's y range (the book's [0.3, 0.9] by default; null for automatic). */
    public Trainer ylim(double[] range) {
        ylim = range == null ? null : range.clone();
        return this;
    }

    /**
     * The CSV of the {@link History}, rewritten after each epoch, its parent folders created. A
     * file that cannot be written does not stop the training: one line says why.
     */
    public Trainer csv(Path file) {
        csv = file;
        return this;
    }

    /** A name for the chart's title (default: the chart file's name). */
    public Trainer name(String n) {
        name = n;
        return this;
    }

    /**
     * A schedule stepped after each epoch (once {@link #fit} has run the epoch's optimizer steps),
     * and saved in checkpoints.
     */
    public Trainer scheduler(LRScheduler s) {
        resume.scheduler = s;
        return this;
    }

    /**
     * Saves the whole run ({@link RunCheckpoint}: model, optimizer, schedule, the generators given
     * here, epoch and history) to file after every {@code every} epochs and after the last; with
     * resume, a {@link #fit} that finds the file continues after the epoch it holds, and ends with
     * the parameters of the run that never stopped. The generators are those the run draws from
     * (data order, dropout), under names of the caller's choosing. Needs a module and an optimizer.
     */
    public Trainer checkpoint(Path file, int every, boolean resume, Map<String, Generator> generators) {
        if (module == null || optimizer == null) {
            throw new IllegalArgumentException("Trainer.checkpoint: checkpoints need a Module and an Optimizer");
        }
        if (every < 1) {
            throw new IllegalArgumentException("Trainer.checkpoint: every must be at least 1, got " + every);
        }
        this.resume.file = file;
        this.resume.every = every;
        this.resume.on = resume;
        this.resume.generators = Map.copyOf(generators);
        return this;
    }

    private Progress progress() {
        if (progress == null) {
            progress = Progress.forStream(out);
        }
        return progress;
    }

    // ------------------------------------------------------------------ training

    /**
     * The book's {@code train_ch3}: epochs of {@link #trainEpoch}, each followed by the test
     * accuracy, a progress summary line, and the chart and CSV rewritten. Modified: the model's
     * parameters (and the files).
     *
     * @param test may be null: test accuracy is then NaN
     */
    public History fit(Iterable<Batch> train, Iterable<Batch> test, int epochs) {
        History history = new History();
        Animator animator = chart == null ? null
                : new Animator(chart, "epoch", "", "train loss", "train acc", "test acc").title(name).xlim(1, Math.max(2, epochs))
                        .svg(svg).warnings(line -> progress().line(line));
        if (animator != null && ylim != null) {
            animator.ylim(ylim[0], ylim[1]);
        }
        if ((chart != null || csv != null) && !Charts.available()) {
            progress().line("charts: XChart is not on the class path, so no chart is drawn (to draw, add org.knowm.xchart:xchart:3.8.8"
                    + " excluding de.rototor.pdfbox:graphics2d and com.madgag:animated-gif-lib; README, Charts)"
                    + (csv != null ? "; the history goes to " + csv : ""));
        }
        boolean csvFailed = false;
        int first = resume.start(this, history, animator);
        for (int e = first; e <= epochs; e++) {
            long t0 = System.nanoTime();
            EpochStats s = runEpoch(train, "epoch " + e + "/" + epochs, true);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double testAcc = test == null ? Double.NaN : evaluate(test);
            History.Epoch row = new History.Epoch(e, s.loss, s.acc, testAcc, seconds, s.examples / seconds);
            history.add(row);
            progress().finish(String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f, train acc %.3f, test acc %.3f, %.2f s, %.0f examples/s",
                    e, epochs, row.trainLoss(), row.trainAcc(), row.testAcc(), row.seconds(), row.examplesPerSecond()));
            if (animator != null) {
                animator.add(e, row.trainLoss(), row.trainAcc(), row.testAcc());
            }
            if (csv != null && !csvFailed) {
                try {
                    history.writeCsv(csv);
                } catch (IOException ex) {
                    csvFailed = true; // said once; the history is still returned
                    progress().line("history: " + ex.getMessage() + "; going on without it");
                }
            }
            resume.endOfEpoch(this, history, e, epochs);
        }
        return history;
    }

    /** The schedule and checkpoints of a run: kept apart from the loop so the loop reads as the book's. */
    private static final class Resume {
        LRScheduler scheduler;
        Path file;
        int every;
        boolean on;
        Map<String, Generator> generators = Map.of();

        private RunCheckpoint.Parts parts(Trainer t) {
            return new RunCheckpoint.Parts(t.module, t.optimizer, scheduler, generators);
        }

        /** The first epoch to run: 1, or the one after a checkpoint's when resuming (its history restored). */
        int start(Trainer t, History history, Animator animator) {
            if (file == null || !on || !java.nio.file.Files.exists(file)) {
                return 1;
            }
            try {
                RunCheckpoint.Loaded l = RunCheckpoint.load(file, parts(t));
                for (String row : l.extra().getOrDefault("history", "").split(";")) {
                    if (!row.isEmpty()) {
                        String[] v = row.split(",");
                        History.Epoch ep = new History.Epoch(Integer.parseInt(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                                Double.parseDouble(v[3]), Double.parseDouble(v[4]), Double.parseDouble(v[5]));
                        history.add(ep);
                        if (animator != null) {
                            animator.add(ep.epoch(), ep.trainLoss(), ep.trainAcc(), ep.testAcc());
                        }
                    }
                }
                t.progress().line("resumed from " + file + " after epoch " + l.epoch());
                return l.epoch() + 1;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Trainer: cannot resume from " + file + ": " + e.getMessage(), e);
            }
        }

        void endOfEpoch(Trainer t, History history, int epoch, int epochs) {
            if (scheduler != null) {
                scheduler.step();
            }
            if (file != null && (epoch % every == 0 || epoch == epochs)) {
                StringBuilder rows = new StringBuilder();
                for (History.Epoch ep : history.epochs()) {
                    rows.append(rows.length() > 0 ? ";" : "").append(ep.epoch()).append(',').append(ep.trainLoss()).append(',')
                            .append(ep.trainAcc()).append(',').append(ep.testAcc()).append(',').append(ep.seconds()).append(',')
                            .append(ep.examplesPerSecond());
                }
                Map<String, String> extra = new LinkedHashMap<>();
                extra.put("history", rows.toString());
                try {
                    RunCheckpoint.save(file, parts(t), epoch, extra);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("Trainer: cannot save the checkpoint " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * The book's {@code train_epoch_ch3}: one pass over train in training mode, updating after
     * each batch, printing nothing (custom loops such as the weight-decay sample's call it every
     * epoch). Modified: the model's parameters.
     *
     * @return {mean train loss per example, train accuracy (meaningless for a regression)}
     */
    public double[] trainEpoch(Iterable<Batch> train) {
        EpochStats s = runEpoch(train, "train", false);
        return new double[] {s.loss, s.acc};
    }

    private record EpochStats(double loss, double acc, long examples) {}

    private EpochStats runEpoch(Iterable<Batch> train, String label, boolean show) {
        if (module != null) {
            module.train();
        }
        int total = train instanceof Collection<?> c ? c.size() : lastBatchCount;
        Progress p = show ? progress() : null;
        if (p != null) {
            p.start(label, total);
        }
        Accumulator metric = new Accumulator(3); // loss sum, correct, examples
        int batches = 0;
        for (Batch batch : train) {
            Tensor x = batch.x(), y = batch.y();
            int n = x.size(0);
            Tensor yHat = net.apply(x);
            Tensor l = loss.apply(yHat, y);
            boolean perExample = l.numel() != 1 || n == 1;
            if (optimizer != null) {
                optimizer.zeroGrad();
                (perExample ? l.mean() : l).backward();
                optimizer.step();
            } else {
                (perExample ? l.sum() : l.mul(n)).backward();
                updater.update(n);
            }
            double lossSum = perExample ? l.detach().sum().item() : l.item() * n;
            metric.add(lossSum, accuracy(yHat.detach(), y), y.numel());
            batches++;
            if (p != null) {
                p.update(batches, (long) metric.get(2), metric.get(0) / metric.get(2));
            }
        }
        lastBatchCount = batches;
        return new EpochStats(metric.get(0) / metric.get(2), metric.get(1) / metric.get(2), (long) metric.get(2));
    }

    private double evaluate(Iterable<Batch> data) {
        return module != null ? evaluateAccuracy(module, data) : evaluateAccuracy(net, data);
    }

    // ------------------------------------------------------------------ metrics

    /**
     * The book's {@code accuracy}: the number of correct predictions, argmax over dim 1 when yHat
     * is [N, C] with C > 1, else yHat itself compared with y.
     *
     * @param yHat Not modified. @param y Not modified.
     */
    public static double accuracy(Tensor yHat, Tensor y) {
        Tensor pred = yHat.dim() > 1 && yHat.size(1) > 1 ? yHat.argmax(1, false) : yHat.reshape(-1);
        if (pred.numel() != y.numel()) {
            throw new IllegalArgumentException("accuracy: predictions " + Shape.str(pred.shape()) + " from yHat "
                    + Shape.str(yHat.shape()) + " against labels " + Shape.str(y.shape()) + ": expected one label per row");
        }
        int correct = 0;
        for (int i = 0; i < pred.numel(); i++) {
            correct += pred.getFlat(i) == y.getFlat(i) ? 1 : 0;
        }
        return correct;
    }

    /** The book's {@code evaluate_accuracy} for a module: in eval mode, without a graph; the mode is restored. */
    public static double evaluateAccuracy(Module net, Iterable<Batch> data) {
        boolean was = net.isTraining();
        net.eval();
        try {
            return evaluateAccuracy((UnaryOperator<Tensor>) net::forward, data);
        } finally {
            net.train(was);
        }
    }

    /** The book's {@code evaluate_accuracy}: correct predictions / examples, without a graph. */
    public static double evaluateAccuracy(UnaryOperator<Tensor> net, Iterable<Batch> data) {
        Accumulator metric = new Accumulator(2);
        try (Autograd.Scope _ = Autograd.noGrad()) {
            for (Batch b : data) {
                metric.add(accuracy(net.apply(b.x()), b.y()), b.y().numel());
            }
        }
        return metric.get(0) / metric.get(1);
    }

    /**
     * The book's {@code evaluate_loss}: the summed loss / number of loss values, without a graph.
     * Targets with as many elements as the output are reshaped to it, as the book does.
     */
    public static double evaluateLoss(UnaryOperator<Tensor> net, Iterable<Batch> data, Loss loss) {
        Accumulator metric = new Accumulator(2);
        try (Autograd.Scope _ = Autograd.noGrad()) {
            for (Batch b : data) {
                Tensor out = net.apply(b.x());
                Tensor y = b.y().numel() == out.numel() ? b.y().reshape(out.shape()) : b.y(); // the book reshapes regression targets
                Tensor l = loss.apply(out, y);
                metric.add(l.sum().item(), l.numel());
            }
        }
        return metric.get(0) / metric.get(1);
    }

    /** {@link #evaluateLoss(UnaryOperator, Iterable, Loss)} in eval mode; the mode is restored. */
    public static double evaluateLoss(Module net, Iterable<Batch> data, Loss loss) {
        boolean was = net.isTraining();
        net.eval();
        try {
            return evaluateLoss((UnaryOperator<Tensor>) net::forward, data, loss);
        } finally {
            net.train(was);
        }
    }

    // ------------------------------------------------------------------ prediction

    /**
     * The book's {@code predict_ch3}: predicts the first n examples of the first batch of test and
     * writes them as a PNG grid titled with the true and the predicted label names (wrong ones in
     * red).
     *
     * @param labels the class names by index (Fashion-MNIST's ten)
     * @return the predicted class indices
     */
    public static int[] predictCh3(UnaryOperator<Tensor> net, Iterable<Batch> test, int n, List<String> labels, Path png)
            throws IOException {
        Batch batch = test.iterator().next();
        int k = Math.min(n, batch.x().size(0));
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        Tensor x = batch.x().rows(idx);
        Tensor pred;
        try (Autograd.Scope _ = Autograd.noGrad()) {
            pred = net.apply(x).argmax(1, false);
        }
        int[] out = new int[k];
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out[i] = (int) pred.getFlat(i);
            titles.add(labels.get((int) batch.y().getFlat(i)) + "\n" + labels.get(out[i]));
        }
        ImageGrid.write(png, x, titles, 8);
        return out;
    }

    /** {@link #predictCh3(UnaryOperator, Iterable, int, List, Path)} for a module, in eval mode; the mode is restored. */
    public static int[] predictCh3(Module net, Iterable<Batch> test, int n, List<String> labels, Path png) throws IOException {
        boolean was = net.isTraining();
        net.eval();
        try {
            return predictCh3((UnaryOperator<Tensor>) net::forward, test, n, labels, png);
        } finally {
            net.train(was);
        }
    }
}
