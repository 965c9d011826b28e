// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The book's {@code Animator}: a line chart that grows one point per series at each
 * {@link #add}, rewritten to a PNG (and an SVG beside it when asked) every time, so a user can
 * watch the file while training runs. Without XChart, {@link #add} only collects the points.
 *
 * <p>A chart that cannot be written never stops the caller: the first failure is reported in one
 * line to {@link #warnings} (standard error by default), and the points are still collected.
 *
 * <pre>{@code
 * Animator a = new Animator(Path.of("out/loss.png"), "epoch", "loss", "train", "test").logY(true);
 * for (int epoch = 1; epoch <= 10; epoch++) {
 *     a.add(epoch, trainLoss(), testLoss());  // rewrites out/loss.png
 * }
 * }</pre>
 */
public final class Animator {
    private final Path png;
    private final String xlabel;
    private final String ylabel;
    private final List<String> legend;
    private final List<double[]> xs = new ArrayList<>();
    private final List<double[]> ys = new ArrayList<>();
    private int n;
    private String title = "";
    private double[] xlim;
    private double[] ylim;
    private boolean logY;
    private boolean svg;
    private Consumer<String> warnings = System.err::println;
    private boolean warned;

    /**
     * A chart of one line per legend entry, redrawn into png at each {@link #add}.
     *
     * @param png the file to rewrite at each point, or null to only collect points
     * @param legend one name per series
     */
    public Animator(Path png, String xlabel, String ylabel, String... legend) {
        this.png = png;
        this.xlabel = xlabel;
        this.ylabel = ylabel;
        this.legend = List.of(legend);
    }

    /** The chart's title; without one, the file's name. */
    public Animator title(String t) {
        title = t;
        return this;
    }

    public Animator xlim(double lo, double hi) {
        xlim = new double[] {lo, hi};
        return this;
    }

    public Animator ylim(double lo, double hi) {
        ylim = new double[] {lo, hi};
        return this;
    }

    /** A log y axis (the book's {@code yscale='log'}); points {@code <= 0} are then left out of the drawing. */
    public Animator logY(boolean on) {
        logY = on;
        return this;
    }

    /** Also write an SVG next to the PNG (off by default: it is about 140 KB for a training chart). */
    public Animator svg(boolean on) {
        svg = on;
        return this;
    }

    /** Where the one line about a chart that cannot be written goes (default standard error). */
    public Animator warnings(Consumer<String> sink) {
        warnings = Objects.requireNonNull(sink);
        return this;
    }

    /**
     * Adds the point (x, ys[i]) to series i (NaN: no point) and rewrites the files.
     *
     * @return true when the chart was written, false when XChart is absent, png is null or the file
     *     cannot be written
     */
    public boolean add(double x, double... y) {
        if (y.length != legend.size()) {
            throw new IllegalArgumentException("Animator.add: " + y.length + " values for " + legend.size() + " series "
                    + legend);
        }
        if (xs.isEmpty()) {
            for (int i = 0; i < legend.size(); i++) {
                xs.add(new double[8]);
                ys.add(new double[8]);
            }
        }
        for (int i = 0; i < y.length; i++) {
            if (n == xs.get(i).length) {
                xs.set(i, Arrays.copyOf(xs.get(i), 2 * n));
                ys.set(i, Arrays.copyOf(ys.get(i), 2 * n));
            }
            xs.get(i)[n] = x;
            ys.get(i)[n] = y[i];
        }
        n++;
        return draw();
    }

    /** Writes the chart now; false when XChart is absent, there is no file, or it cannot be written (warned once). */
    public boolean draw() {
        if (png == null) {
            return false;
        }
        List<double[]> px = new ArrayList<>(), py = new ArrayList<>();
        for (int i = 0; i < legend.size(); i++) {
            px.add(xs.isEmpty() ? new double[0] : Arrays.copyOf(xs.get(i), n));
            py.add(ys.isEmpty() ? new double[0] : Arrays.copyOf(ys.get(i), n));
        }
        try {
            return Charts.write(new Charts.Spec(Charts.titleFor(title, png), xlabel, ylabel, legend, px, py, xlim, ylim, logY), png,
                    svg ? Charts.svgFor(png) : null);
        } catch (UncheckedIOException e) {
            if (!warned) {
                warned = true;
                warnings.accept(e.getMessage() + "; going on without it");
            }
            return false;
        }
    }

    /** The y values of series i so far (a copy). */
    public double[] series(int i) {
        return ys.isEmpty() ? new double[0] : Arrays.copyOf(ys.get(i), n);
    }

    public Path file() {
        return png;
    }
}
