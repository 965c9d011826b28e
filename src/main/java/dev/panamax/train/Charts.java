// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Line charts written as PNG (and, on request, SVG) through XChart, an optional dependency: every
 * XChart reference lives in {@code XChartRenderer}, which is loaded only after
 * {@code Class.forName("org.knowm.xchart.XYChart")} succeeds. Without XChart nothing is drawn and
 * {@link #available()} says so.
 *
 * <p>Every chart has a title (the file's name when none is given), its legend below the plot where
 * it hides no data, and tick labels with the decimals of the axis's step ({@code TickFormat}).
 * Files go through a temporary sibling renamed into place, and missing parent folders are created.
 * By default both axes hold every point drawn; each PNG records its axes' ranges and its points'
 * extent in a text chunk ({@link #RANGES_KEY}).
 *
 * <pre>{@code
 * double[] x = {1, 2, 3};
 * Charts.plot(Path.of("out/f.png"), false, "f and g", "x", "", false, x,
 *         List.of(new double[] {1, 4, 9}, new double[] {1, 2, 3}), List.of("f", "g"));
 * }</pre>
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
     * The book's {@code plot}: one line per series over the shared x values, with a title, a
     * legend, axis labels and a linear or log y axis, written to png (and to the same name with .svg
     * when svg).
     *
     * @param title the chart's title; blank: the file's name without its extension
     * @return false (and writes nothing) when XChart is absent
     * @throws UncheckedIOException when the file cannot be written (the message names png)
     */
    public static boolean plot(Path png, boolean svg, String title, String xlabel, String ylabel, boolean logY, double[] x,
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
        return write(new Spec(titleFor(title, png), xlabel, ylabel, legend, xs, ys, null, null, logY), png, svg ? svgFor(png) : null);
    }

    /**
     * The keyword of the PNG text chunk in which every chart records its axes' ranges and its
     * points' extent ({@code x=1.0,10.0 y=0.25,1.1 data-x=1.0,10.0 data-y=0.28,1.04 log=false}),
     * so a test or a script can check that no point lies outside the plot.
     */
    public static final String RANGES_KEY = "panamax-ranges";

    /** png with a tEXt chunk (keyword, text: Latin-1) inserted before its IEND chunk. */
    static byte[] withText(byte[] png, String keyword, String text) {
        byte[] data = (keyword + '\0' + text).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put("tEXt".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        int iend = png.length - 12; // IEND is the last chunk: length 0, type, CRC
        byte[] out = new byte[png.length + chunk.capacity()];
        System.arraycopy(png, 0, out, 0, iend);
        System.arraycopy(chunk.array(), 0, out, iend, chunk.capacity());
        System.arraycopy(png, iend, out, iend + chunk.capacity(), 12);
        return out;
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
            throw new UncheckedIOException("chart: " + e.getMessage(), e);
        }
    }

    /** title, or the file's name without extension when title is blank. */
    static String titleFor(String title, Path file) {
        if (title != null && !title.isBlank()) {
            return title;
        }
        if (file == null) {
            return "";
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
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

    /**
     * Writes bytes to a temporary sibling then renames it onto path, creating missing parent
     * folders: a watcher never sees half a file.
     *
     * @throws IOException naming path as the caller gave it, and why it cannot be written
     */
    static void replace(Path path, byte[] bytes) throws IOException {
        Path tmp = tempFor(path);
        try {
            Files.createDirectories(tmp.getParent());
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) { // some file systems: a plain rename still never leaves half a file
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw new IOException("cannot write " + path + ": " + why(e), e);
        }
    }

    /** Why a file operation failed, in a few words, naming the file it failed on when that is not the one written. */
    static String why(IOException e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
        String on = file == null || file.endsWith(".tmp") ? "" : " (" + file + ")";
        String why = switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "no such file or folder";
            case FileAlreadyExistsException f -> "a file is in the way of a folder";
            case NotDirectoryException n -> "a parent is not a folder";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        };
        String s = why + on;
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
