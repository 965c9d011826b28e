// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@link Trainer#fit} measured, one row per epoch, and why it stopped early if it did. A
 * classification records train loss, train accuracy and test accuracy; a regression train loss and
 * test loss; both then the figures of the trainer's {@link Metric}s ({@link #metricNames()}).
 *
 * <pre>{@code
 * History h = Trainer.of(net, loss, optimizer).fit(trainIter, testIter, 10);
 * System.out.println(h.last().testAcc());
 * }</pre>
 */
public final class History {
    /**
     * One epoch: mean training loss and accuracy over the epoch's batches (as the model was while
     * training), test accuracy and test loss after the epoch (NaN when not measured: accuracy in a
     * regression, test loss in a classification, both without a test set), wall time of the
     * training pass and its throughput, and the values of {@link #metricNames()} in their order.
     */
    public record Epoch(int epoch, double trainLoss, double trainAcc, double testAcc, double seconds, double examplesPerSecond,
                        double testLoss, double[] metrics) {
        /** A classification epoch without metrics. */
        public Epoch(int epoch, double trainLoss, double trainAcc, double testAcc, double seconds, double examplesPerSecond) {
            this(epoch, trainLoss, trainAcc, testAcc, seconds, examplesPerSecond, Double.NaN, new double[0]);
        }

        public Epoch {
            metrics = metrics.clone();
        }

        /** The value of metric i of {@link History#metricNames()}. */
        public double metric(int i) {
            return metrics[i];
        }

        @Override
        public double[] metrics() {
            return metrics.clone();
        }
    }

    private final List<Epoch> epochs = new ArrayList<>();
    private final boolean regression;
    private final List<String> metricNames;
    private String stopReason;

    /** The history of a classification without metrics. */
    public History() {
        this(false, List.of());
    }

    /**
     * @param regression true: train loss and test loss; false: train loss, train and test accuracy
     * @param metricNames the names of the extra figures of each epoch, e.g. "train log rmse"
     */
    public History(boolean regression, List<String> metricNames) {
        this.regression = regression;
        this.metricNames = List.copyOf(metricNames);
    }

    public boolean isRegression() {
        return regression;
    }

    /** The names of {@link Epoch#metrics()}, in order. */
    public List<String> metricNames() {
        return metricNames;
    }

    /** Appends a row. Modified: this. */
    public void add(Epoch e) {
        if (e.metrics.length != metricNames.size()) {
            throw new IllegalArgumentException("History.add: epoch " + e.epoch + " has " + e.metrics.length + " metric values for "
                    + metricNames.size() + " names " + metricNames);
        }
        epochs.add(e);
    }

    /** Records why the run ended before its last epoch (a non-finite loss, an early stop). Modified: this. */
    public void stopped(String reason) {
        stopReason = reason;
    }

    /** Why the run ended before its last epoch, or null if it ran them all. */
    public String stopReason() {
        return stopReason;
    }

    /** The rows in order (unmodifiable view). */
    public List<Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public int size() {
        return epochs.size();
    }

    /** The last row. */
    public Epoch last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("History.last: no epoch recorded yet");
        }
        return epochs.get(epochs.size() - 1);
    }

    public double[] trainLoss() {
        return epochs.stream().mapToDouble(Epoch::trainLoss).toArray();
    }

    public double[] trainAcc() {
        return epochs.stream().mapToDouble(Epoch::trainAcc).toArray();
    }

    public double[] testAcc() {
        return epochs.stream().mapToDouble(Epoch::testAcc).toArray();
    }

    public double[] testLoss() {
        return epochs.stream().mapToDouble(Epoch::testLoss).toArray();
    }

    /** The values of the metric of that name (one of {@link #metricNames()}), epoch by epoch. */
    public double[] metric(String name) {
        int i = metricNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("History.metric: no metric " + name + "; recorded: " + metricNames);
        }
        return epochs.stream().mapToDouble(e -> e.metrics[i]).toArray();
    }

    /**
     * CSV with a header line; numbers in full precision, dot decimal separator, NaN for missing.
     * A classification's columns: epoch, train_loss, train_acc, test_acc; a regression's: epoch,
     * train_loss, test_loss; then the metrics (spaces as underscores), seconds, examples_per_s.
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(regression ? "epoch,train_loss,test_loss" : "epoch,train_loss,train_acc,test_acc");
        for (String m : metricNames) {
            sb.append(',').append(m.replace(' ', '_').replace(",", ""));
        }
        sb.append(",seconds,examples_per_s\n");
        for (Epoch e : epochs) {
            sb.append(e.epoch).append(',').append(e.trainLoss).append(',');
            if (regression) {
                sb.append(e.testLoss);
            } else {
                sb.append(e.trainAcc).append(',').append(e.testAcc);
            }
            for (double m : e.metrics) {
                sb.append(',').append(m);
            }
            sb.append(String.format(Locale.ROOT, ",%.4f,%.1f%n", e.seconds, e.examplesPerSecond));
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv()} to a temporary file renamed onto path, so a reader never sees half a file. */
    public void writeCsv(Path path) throws IOException {
        Charts.replace(path, toCsv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return toCsv();
    }
}
