// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@link Trainer#fit} measured, one row per epoch.
 *
 * <pre>{@code
 * History h = Trainer.of(net, loss, optimizer).fit(trainIter, testIter, 10);
 * System.out.println(h.last().testAcc());
 * }</pre>
 */
public final class History {
    /**
     * One epoch: mean training loss and accuracy over the epoch's batches (as the model was while
     * training), test accuracy after the epoch (NaN without a test set), wall time of the training
     * pass and its throughput.
     */
    public record Epoch(int epoch, double trainLoss, double trainAcc, double testAcc, double seconds, double examplesPerSecond) {}

    private final List<Epoch> epochs = new ArrayList<>();

    /** Appends a row. Modified: this. */
    public void add(Epoch e) {
        epochs.add(e);
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

    /** CSV with a header line; numbers in full precision, dot decimal separator, NaN for missing. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("epoch,train_loss,train_acc,test_acc,seconds,examples_per_s\n");
        for (Epoch e : epochs) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%.4f,%.1f%n", e.epoch, e.trainLoss, e.trainAcc, e.testAcc,
                    e.seconds, e.examplesPerSecond));
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
