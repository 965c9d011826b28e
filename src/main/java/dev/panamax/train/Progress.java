// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress of one epoch: a one-line bar (batches done, mean loss so far, examples/s, ETA),
 * redrawn in place with {@code \r} on a terminal and printed as occasional plain lines otherwise;
 * then one summary line per epoch either way.
 */
public final class Progress {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;      // terminal: 10 redraws a second at most
    private static final long PLAIN_LINE_NANOS = 10_000_000_000L; // log file: a line every 10 s at most

    private final PrintStream out;
    private final boolean inPlace;
    private String label = "";
    private int total = -1;
    private long start;
    private long lastDraw;
    private int lastWidth;

    /**
     * A progress bar and summary lines printed to out.
     *
     * @param out where to print. Modified (written to).
     * @param inPlace redraw one line with {@code \r} (a terminal) or print plain lines (a file)
     */
    public Progress(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    /** In place when out is System.out and that is a terminal ({@link Console#isTerminal()}). */
    public static Progress forStream(PrintStream out) {
        Console c = System.console();
        return new Progress(out, out == System.out && c != null && c.isTerminal());
    }

    public boolean inPlace() {
        return inPlace;
    }

    /** Starts an epoch; total is the number of batches, or -1 when unknown. */
    public void start(String label, int total) {
        this.label = label;
        this.total = total;
        this.start = System.nanoTime();
        this.lastDraw = start;
        this.lastWidth = 0;
    }

    /** Reports batches done, examples seen and the mean loss so far; draws when it is time. */
    public void update(int batches, long examples, double meanLoss) {
        long now = System.nanoTime();
        if (now - lastDraw < (inPlace ? REDRAW_NANOS : PLAIN_LINE_NANOS)) {
            return;
        }
        lastDraw = now;
        String line = bar(batches, examples, meanLoss, now);
        if (inPlace) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The bar text, e.g. {@code epoch 2/10 [######......] 60/235 loss 0.5123 41022 ex/s ETA 0:04}. */
    String bar(int batches, long examples, double meanLoss, long now) {
        double s = (now - start) / 1e9;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, (long) WIDTH * batches / total);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(batches).append('/').append(total);
        } else {
            sb.append(batches).append(" batches");
        }
        sb.append(String.format(Locale.ROOT, " loss %.4f %.0f ex/s", meanLoss, s > 0 ? examples / s : 0.0));
        if (total > 0 && batches > 0) {
            long eta = Math.round(s / batches * (total - batches));
            sb.append(String.format(Locale.ROOT, " ETA %d:%02d", eta / 60, eta % 60));
        }
        return sb.toString();
    }

    /** Ends the epoch with its summary line (replacing the bar on a terminal). */
    public void finish(String summary) {
        if (inPlace) {
            out.print("\r" + summary + " ".repeat(Math.max(0, lastWidth - summary.length())) + "\n");
        } else {
            out.println(summary);
        }
        out.flush();
    }

    /** A one-off line (not a bar). */
    public void line(String s) {
        out.println(s);
        out.flush();
    }
}
