// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import dev.panamax.data.DataLoader.Batch;

import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.Generator;
import dev.panamax.autograd.Autograd;
import dev.panamax.io.RunCheckpoint;
import dev.panamax.nn.Loss;
import dev.panamax.nn.MSELoss;
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
 *
 * <p>The task chooses what is measured: a classification reports train loss, train accuracy and
 * test accuracy; a regression (the default with {@link MSELoss}) train loss and test loss. Both add
 * the {@link #metric}s given, on the training and the test data:
 *
 * <pre>{@code
 * History h = Trainer.of(net, new MSELoss(), adam).metric("log rmse", Metric.logRmse())
 *         .evalTrain(List.of(new Batch(xTrain, yTrain))).fit(trainIter, validIter, 100);
 * }</pre>
 *
 * A loss that is NaN or infinite stops the run before that batch updates anything, with one line
 * naming the epoch and the batch ({@link History#stopReason()}); {@link #earlyStop} ends a run
 * whose validation figure stopped improving.
 */
public final class Trainer {
    /** The book's from-scratch updater: called after {@code loss.sum().backward()} with the batch size. */
    @FunctionalInterface
    public interface Updater {
        void update(int batchSize);
    }

    /** What the model predicts, which chooses the figures measured. */
    public enum Task {
        /** Class scores: train loss, train accuracy, test accuracy. */
        CLASSIFICATION,
        /** Numbers: train loss and test loss. */
        REGRESSION
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
    private double[] ylim;
    private int lastBatchCount = -1;
    private boolean ylimSet;
    private boolean logY;
    private String name = "";
    private Task task;
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private Iterable<Batch> evalTrain;
    private String earlyMonitor;
    private List<String> charted;
    private int earlyPatience;
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
     * The PNG rewritten after each epoch (the run's figures, see {@link #chartSeries}), its parent
     * folders created. A chart that cannot be written does not stop the training: one line says why.
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

    /**
     * The chart's y range, e.g. the book's {@code new double[] {0.3, 0.9}}; null (the default):
     * a range that holds every point drawn. A fixed range cuts off the points outside it.
     */
    public Trainer ylim(double[] range) {
        ylim = range == null ? null : range.clone();
        ylimSet = true;
        return this;
    }

    /** A log y axis for the chart (the book's {@code yscale='log'}; default false). */
    public Trainer logY(boolean on) {
        logY = on;
        return this;
    }

    /**
     * The task, which chooses the figures measured (see the class comment). Default: REGRESSION
     * for an {@link MSELoss}, CLASSIFICATION otherwise.
     */
    public Trainer task(Task t) {
        task = t;
        return this;
    }

    /**
     * A figure measured after each epoch on the training data ({@code "train " + name}) and on the
     * test data ({@code "test " + name}), printed, charted and recorded in the {@link History}.
     */
    public Trainer metric(String name, Metric m) {
        if (name == null || name.isBlank() || m == null) {
            throw new IllegalArgumentException("Trainer.metric: expected a name and a metric, got " + name + " and " + m);
        }
        metrics.put(name, m);
        return this;
    }

    /**
     * The data the metrics' training figures are measured on (default: the training batches
     * themselves, which a shuffling loader reshuffles, drawing from its generator). The book
     * measures them on the whole training set at once: {@code List.of(new Batch(x, y))}.
     */
    public Trainer evalTrain(Iterable<Batch> data) {
        evalTrain = data;
        return this;
    }

    /**
     * The figures the chart draws, by name (e.g. {@code "train log rmse", "test log rmse"}); by
     * default all that the run measures.
     */
    public Trainer chartSeries(String... names) {
        charted = names.length == 0 ? null : List.of(names);
        return this;
    }

    /**
     * Stops the run when the figure monitor (e.g. {@code "test loss"}, {@code "test acc"},
     * {@code "test log rmse"}) has not improved on its best for patience epochs: accuracies
     * improve upwards, every other figure downwards. The model keeps its last parameters.
     */
    public Trainer earlyStop(String monitor, int patience) {
        if (monitor == null || patience < 1) {
            throw new IllegalArgumentException("Trainer.earlyStop: expected a figure name and patience >= 1, got " + monitor + " and "
                    + patience);
        }
        earlyMonitor = monitor;
        earlyPatience = patience;
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
     * The book's {@code train_ch3}: epochs of {@link #trainEpoch}, each followed by the figures of
     * the task and the metrics, a progress summary line, and the chart and CSV rewritten; stops
     * early on a non-finite loss or by {@link #earlyStop}. Modified: the model's parameters (and
     * the files).
     *
     * @param test may be null: the test figures are then NaN
     */
    public History fit(Iterable<Batch> train, Iterable<Batch> test, int epochs) {
        boolean regression = (task != null ? task : loss instanceof MSELoss ? Task.REGRESSION : Task.CLASSIFICATION) == Task.REGRESSION;
        List<String> metricNames = new ArrayList<>();
        for (String m : metrics.keySet()) {
            metricNames.add("train " + m);
            metricNames.add("test " + m);
        }
        History history = new History(regression, metricNames);
        List<String> series = new ArrayList<>(regression ? List.of("train loss", "test loss") : List.of("train loss", "train acc", "test acc"));
        series.addAll(metricNames);
        int monitor = earlyMonitor == null ? -1 : series.indexOf(earlyMonitor);
        if (earlyMonitor != null && monitor < 0) {
            throw new IllegalArgumentException("Trainer.earlyStop: no figure " + earlyMonitor + " in this run; it measures " + series);
        }
        List<String> drawn = charted == null ? series : charted;
        if (!series.containsAll(drawn)) {
            throw new IllegalArgumentException("Trainer.chartSeries: " + drawn + " are not all figures of this run; it measures " + series);
        }
        Animator animator = chart == null ? null
                : new Animator(chart, "epoch", "", drawn.toArray(String[]::new)).title(name).xlim(1, Math.max(2, epochs))
                        .logY(logY).svg(svg).warnings(line -> progress().line(line));
        double[] range = regression && !ylimSet ? null : ylim; // a regression's losses have no fixed range
        if (animator != null && range != null) {
            animator.ylim(range[0], range[1]);
        }
        if ((chart != null || csv != null) && !Charts.available()) {
            progress().line("charts: XChart is not on the class path, so no chart is drawn (to draw, add org.knowm.xchart:xchart:3.8.8"
                    + " excluding de.rototor.pdfbox:graphics2d and com.madgag:animated-gif-lib; README, Charts)"
                    + (csv != null ? "; the history goes to " + csv : ""));
        }
        boolean csvFailed = false;
        double best = Double.NaN;
        int bestEpoch = 0;
        int first = resume.start(this, history);
        for (History.Epoch done : history.epochs()) { // a resumed run's earlier epochs: charted, and counted by the early stop
            double[] values = figures(done, regression, series.size());
            if (animator != null) {
                animator.add(done.epoch(), shown(values, series, drawn));
            }
            if (monitor >= 0 && improves(values[monitor], best)) {
                best = values[monitor];
                bestEpoch = done.epoch();
            }
        }
        for (int e = first; e <= epochs; e++) {
            long t0 = System.nanoTime();
            EpochStats s = runEpoch(train, "epoch " + e + "/" + epochs, true, e, !regression);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (s.diverged != null) {
                progress().finish(s.diverged);
                history.stopped(s.diverged);
                break;
            }
            double testAcc = test == null || regression ? Double.NaN : evaluate(test);
            double testLoss = test == null || !regression ? Double.NaN : meanLoss(test);
            double[] m = new double[metricNames.size()];
            int k = 0;
            for (Metric metric : metrics.values()) {
                m[k++] = measure(metric, evalTrain != null ? evalTrain : train);
                m[k++] = test == null ? Double.NaN : measure(metric, test);
            }
            History.Epoch row = new History.Epoch(e, s.loss, s.acc, testAcc, seconds, s.examples / seconds, testLoss, m);
            history.add(row);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f, ", e, epochs, row.trainLoss()));
            line.append(regression ? String.format(Locale.ROOT, "test loss %.4f", testLoss)
                    : String.format(Locale.ROOT, "train acc %.3f, test acc %.3f", row.trainAcc(), testAcc));
            for (int i = 0; i < m.length; i++) {
                line.append(String.format(Locale.ROOT, ", %s %.4f", metricNames.get(i), m[i]));
            }
            progress().finish(line.append(String.format(Locale.ROOT, ", %.2f s, %.0f examples/s", row.seconds(), row.examplesPerSecond()))
                    .toString());
            double[] values = figures(row, regression, series.size());
            if (animator != null) {
                animator.add(e, shown(values, series, drawn));
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
            if (monitor >= 0) {
                double v = values[monitor];
                if (improves(v, best)) {
                    best = v;
                    bestEpoch = e;
                } else if (e - bestEpoch >= earlyPatience && e < epochs) {
                    String why = String.format(Locale.ROOT, "early stop after epoch %d: %s has not improved on %.4f (epoch %d) for %d epochs",
                            e, earlyMonitor, best, bestEpoch, e - bestEpoch);
                    progress().line(why);
                    history.stopped(why);
                    break;
                }
            }
        }
        return history;
    }

    /** Whether v beats best for the early stop: accuracies upwards, other figures downwards; NaN never, anything beats no best. */
    private boolean improves(double v, double best) {
        return !Double.isNaN(v) && (Double.isNaN(best) || (earlyMonitor.endsWith(" acc") ? v > best : v < best));
    }

    /** An epoch's figures in the order of the run's series: train loss, the task's two, then the metrics. */
    private static double[] figures(History.Epoch row, boolean regression, int count) {
        double[] values = new double[count];
        values[0] = row.trainLoss();
        if (regression) {
            values[1] = row.testLoss();
        } else {
            values[1] = row.trainAcc();
            values[2] = row.testAcc();
        }
        double[] m = row.metrics();
        System.arraycopy(m, 0, values, regression ? 2 : 3, m.length);
        return values;
    }

    /** The values of the drawn series among all. */
    private static double[] shown(double[] values, List<String> series, List<String> drawn) {
        double[] out = new double[drawn.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[series.indexOf(drawn.get(i))];
        }
        return out;
    }

    private double measure(Metric metric, Iterable<Batch> data) {
        if (module == null) {
            return metric.apply(net, data);
        }
        boolean was = module.isTraining();
        module.eval();
        try {
            return metric.apply(module::forward, data);
        } finally {
            module.train(was);
        }
    }

    /** The mean loss per example on data, without a graph, in eval mode. */
    private double meanLoss(Iterable<Batch> data) {
        boolean was = module != null && module.isTraining();
        if (module != null) {
            module.eval();
        }
        Accumulator metric = new Accumulator(2);
        try (Autograd.Scope _ = Autograd.noGrad()) {
            for (Batch b : data) {
                Tensor out = net.apply(b.x());
                Tensor l = loss.apply(out, b.y());
                int n = b.x().size(0);
                boolean perExample = l.numel() != 1 || n == 1;
                metric.add(perExample ? l.sum().item() : l.item() * n, perExample ? l.numel() : n);
            }
        } finally {
            if (module != null) {
                module.train(was);
            }
        }
        return metric.get(0) / metric.get(1);
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
        int start(Trainer t, History history) {
            if (file == null || !on || !java.nio.file.Files.exists(file)) {
                return 1;
            }
            try {
                RunCheckpoint.Loaded l = RunCheckpoint.load(file, parts(t));
                for (String row : l.extra().getOrDefault("history", "").split(";")) {
                    if (!row.isEmpty()) {
                        String[] v = row.split(",");
                        double[] metrics = new double[Math.max(0, v.length - 7)];
                        for (int i = 0; i < metrics.length; i++) {
                            metrics[i] = Double.parseDouble(v[7 + i]);
                        }
                        history.add(new History.Epoch(Integer.parseInt(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                                Double.parseDouble(v[3]), Double.parseDouble(v[4]), Double.parseDouble(v[5]),
                                v.length > 6 ? Double.parseDouble(v[6]) : Double.NaN, metrics));
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
                            .append(ep.examplesPerSecond()).append(',').append(ep.testLoss());
                    for (double m : ep.metrics()) {
                        rows.append(',').append(m);
                    }
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
     * @throws IllegalStateException when a batch's loss is NaN or infinite (that batch updates
     *     nothing): the message names the batch and suggests a smaller learning rate
     */
    public double[] trainEpoch(Iterable<Batch> train) {
        EpochStats s = runEpoch(train, "train", false, 0, true);
        if (s.diverged != null) {
            throw new IllegalStateException(s.diverged);
        }
        return new double[] {s.loss, s.acc};
    }

    /** An epoch's figures; diverged, when not null, is the line saying which batch's loss was not finite. */
    private record EpochStats(double loss, double acc, long examples, String diverged) {}

    private EpochStats runEpoch(Iterable<Batch> train, String label, boolean show, int epoch, boolean countCorrect) {
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
            double lossSum = perExample ? l.detach().sum().item() : l.item() * n;
            if (!Double.isFinite(lossSum)) { // before the update: the parameters stay as they were
                lastBatchCount = -1;
                return new EpochStats(Double.NaN, Double.NaN, (long) metric.get(2), String.format(Locale.ROOT,
                        "%sbatch %d: the loss is %s, so training stops; the parameters diverged: try a smaller learning rate",
                        epoch > 0 ? "epoch " + epoch + ", " : "", batches + 1, lossSum > 0 ? "+inf" : lossSum < 0 ? "-inf" : "NaN"));
            }
            if (optimizer != null) {
                optimizer.zeroGrad();
                (perExample ? l.mean() : l).backward();
                optimizer.step();
            } else {
                (perExample ? l.sum() : l.mul(n)).backward();
                updater.update(n);
            }
            metric.add(lossSum, countCorrect ? accuracy(yHat.detach(), y) : Double.NaN, y.numel());
            batches++;
            if (p != null) {
                p.update(batches, (long) metric.get(2), metric.get(0) / metric.get(2));
            }
        }
        lastBatchCount = batches;
        return new EpochStats(metric.get(0) / metric.get(2), metric.get(1) / metric.get(2), (long) metric.get(2), null);
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
        ImageGrid.write(png, x, titles, 8, "true / predicted (red: wrong)");
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
