// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Line charts written as PNG (and SVG) through XChart, an optional dependency: every XChart
 * reference lives in {@code XChartRenderer}, which is loaded only after
 * {@code Class.forName("org.knowm.xchart.XYChart")} succeeds. Without XChart nothing is drawn and
 * {@link #available()} says so.
 */
public final class Charts {
    private static final boolean AVAILABLE = probe();

    private Charts() {}

    private static boolean probe() {
        if (Boolean.getBoolean("panamax.charts.disable")) {
            return false;
        }
        try {
            Class.forName("org.knowm.xchart.XYChart", false, Charts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** True when XChart is on the class path (and not disabled by {@code -Dpanamax.charts.disable=true}). */
    public static boolean available() {
        return AVAILABLE;
    }

    /** What one chart shows; series i is the points (xs[i][k], ys[i][k]). NaN points are left out. */
    record Spec(String title, String xlabel, String ylabel, List<String> names, List<double[]> xs, List<double[]> ys,
                double[] xlim, double[] ylim, boolean logY) {}

    /**
     * The book's {@code plot}: one line per series over the shared x values, with a legend, axis
     * labels and a linear or log y axis, written to png (and to the same name with .svg when svg).
     *
     * @return false (and writes nothing) when XChart is absent
     * @throws UncheckedIOException when the file cannot be written
     */
    public static boolean plot(Path png, boolean svg, String xlabel, String ylabel, boolean logY, double[] x,
                               List<double[]> ys, List<String> legend) {
        if (ys.size() != legend.size()) {
            throw new IllegalArgumentException("plot: " + ys.size() + " series but " + legend.size() + " legend entries");
        }
        List<double[]> xs = new ArrayList<>();
        for (double[] y : ys) {
            if (y.length != x.length) {
                throw new IllegalArgumentException("plot: a series has " + y.length + " values for " + x.length + " x values");
            }
            xs.add(x);
        }
        return write(new Spec("", xlabel, ylabel, legend, xs, ys, null, null, logY), png, svg ? svgFor(png) : null);
    }

    /** Renders spec to png and svg (either may be null); false when XChart is absent. */
    static boolean write(Spec spec, Path png, Path svg) {
        if (!AVAILABLE) {
            return false;
        }
        try {
            XChartRenderer.write(spec, png, svg);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("chart: cannot write " + png, e);
        }
    }

    /** path with its extension replaced by .svg. */
    static Path svgFor(Path png) {
        String name = png.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return png.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".svg");
    }

    /** A hidden temporary sibling of path, renamed onto it when complete. */
    static Path tempFor(Path path) {
        return path.toAbsolutePath().resolveSibling("." + path.getFileName() + ".tmp");
    }

    /** Writes bytes to a temporary sibling then renames it onto path: a watcher never sees half a file. */
    static void replace(Path path, byte[] bytes) throws IOException {
        Path tmp = tempFor(path);
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) { // some file systems: a plain rename still never leaves half a file
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
