// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.DataLoader.Batch;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Reduction;
import dev.panamax.optim.SGD;
import dev.panamax.testing.Prop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/** What every chart shows (ticks, legend, title) and that a chart or CSV that cannot be written never ends a training. */
class ChartsTest {

    /** The labels XChart asked for while drawing the chart (each tick pass), y axis if y else x. */
    static List<String> labels(Charts.Spec spec, boolean y) {
        XYChart chart = XChartRenderer.chart(spec);
        var st = chart.getStyler();
        Function<Double, String> f = y ? st.getyAxisTickLabelsFormattingFunction() : st.getxAxisTickLabelsFormattingFunction();
        assertTrue(f != null, "the chart formats its " + (y ? "y" : "x") + " ticks");
        List<String> seen = new ArrayList<>();
        Function<Double, String> recording = v -> {
            String s = f.apply(v);
            seen.add(s);
            return s;
        };
        if (y) {
            st.setyAxisTickLabelsFormattingFunction(recording);
        } else {
            st.setxAxisTickLabelsFormattingFunction(recording);
        }
        BitmapEncoder.getBufferedImage(chart);
        return seen;
    }

    static Charts.Spec line(double[] x, double[] y, boolean logY) {
        return new Charts.Spec("t", "x", "y", List.of("y"), List.of(x), List.of(y), null, null, logY);
    }

    /** ReLU over arange(-8, 8, 0.1) in float32, as the activations sample draws it. */
    static double[][] reluInFloat() {
        double[] x = new double[160], y = new double[160];
        for (int i = 0; i < 160; i++) {
            x[i] = (float) (-8 + 0.1 * i);
            y[i] = Math.max(0f, (float) x[i]);
        }
        return new double[][] {x, y};
    }

    static int decimals(String label) {
        int dot = label.indexOf('.');
        return dot < 0 ? 0 : label.length() - dot - 1;
    }

    @Test
    void floatDataGetsRoundTickLabelsNotFloatNoise() {
        double[][] relu = reluInFloat();
        Charts.Spec spec = line(relu[0], relu[1], false);
        for (boolean y : new boolean[] {true, false}) {
            List<String> labels = labels(spec, y);
            assertTrue(labels.stream().allMatch(s -> s.matches("-?\\d+")), (y ? "y: " : "x: ") + labels);
        }
        double[] grad = new double[160];
        for (int i = 0; i < 160; i++) {
            double s = 1 / (1 + Math.exp(-relu[0][i]));
            grad[i] = (float) (s * (1 - s));
        }
        List<String> labels = labels(line(relu[0], grad, false), true);
        assertTrue(labels.stream().allMatch(s -> s.matches("-?\\d\\.\\d\\d")), "sigmoid': one format, 0.05 not .05: " + labels);
        assertTrue(labels.contains("0.25") && labels.contains("0.00"), labels.toString());
    }

    @Test
    void everyAxisUsesOneNumberOfDecimalsFromItsStep() {
        Prop.forAll("tick decimals", 40, g -> {
            double span = Math.pow(10, -4 + 8 * g.nextDouble());
            double lo = (g.nextDouble() - 0.5) * 4 * span;
            double[] x = {0, 1, 2, 3}, y = {lo, lo + span / 3, lo + span, lo + span / 2};
            List<String> labels = new ArrayList<>(new LinkedHashSet<>(labels(line(x, y, false), true)));
            Set<Integer> d = new LinkedHashSet<>(labels.stream().map(ChartsTest::decimals).toList());
            assertEquals(1, d.size(), "span " + span + " from " + lo + ": " + labels);
            assertTrue(labels.stream().allMatch(s -> s.length() <= 12 && !s.equals("-0") && !s.matches("-0\\.0*")), labels.toString());
            // the labels tell the ticks apart: never more decimals than a step near span / 6 needs, plus one
            int need = Math.max(0, (int) -Math.floor(Math.log10(span / 6)) + 1);
            assertTrue(d.iterator().next() <= need, "span " + span + ": " + labels);
        });
    }

    @Test
    void epochAxesAreLabelledInWholeEpochs() {
        Charts.Spec spec = new Charts.Spec("t", "epoch", "", List.of("a"), List.of(new double[] {1, 2}), List.of(new double[] {0.4, 0.5}),
                new double[] {1, 2}, new double[] {0.3, 0.9}, false);
        assertTrue(labels(spec, false).stream().allMatch(s -> s.matches("\\d+")), labels(spec, false).toString());
        assertTrue(labels(spec, true).stream().allMatch(s -> s.matches("\\d\\.\\d")), labels(spec, true).toString());
    }

    /** A training chart with the default range: a first loss of 1.04 and accuracies up to 0.99 all inside the plot. */
    @Test
    void theDefaultRangeHoldsEveryPointAndTheFileSaysSo(@TempDir Path dir) throws IOException {
        double[] x = {1, 2, 3};
        Charts.Spec spec = new Charts.Spec("t", "epoch", "", List.of("train loss", "train acc", "test acc"), List.of(x, x, x),
                List.of(new double[] {1.04, 0.2, 0.05}, new double[] {0.6, 0.95, 0.998}, new double[] {0.7, 0.97, 0.99}),
                new double[] {1, 3}, null, false);
        XChartRenderer.Axes a = XChartRenderer.axes(spec);
        assertTrue(a.y()[0] < 0.05 && a.y()[1] > 1.04, a.toString());
        XYChart chart = XChartRenderer.chart(spec);
        assertEquals(a.y()[0], chart.getStyler().getYAxisMin(), 0);
        assertEquals(a.y()[1], chart.getStyler().getYAxisMax(), 0);
        Path png = dir.resolve("t.png");
        Charts.write(spec, png, null);
        dev.panamax.testing.ChartRanges.assertAllPointsInside(png);
        // the book's fixed [0.3, 0.9] cuts the curves off, and the file's record shows it
        Charts.Spec book = new Charts.Spec("t", "epoch", "", spec.names(), spec.xs(), spec.ys(), new double[] {1, 3},
                new double[] {0.3, 0.9}, false);
        Charts.write(book, png, null);
        assertEquals("x=1.0,3.0 y=0.3,0.9 data-x=1.0,3.0 data-y=0.05,1.04 log=false",
                dev.panamax.testing.ChartRanges.text(png, Charts.RANGES_KEY));
        assertThrows(AssertionError.class, () -> dev.panamax.testing.ChartRanges.assertAllPointsInside(png));
    }

    @Test
    void logAxesLabelWholeDecadesInOneForm() {
        // weight decay's test loss with lambda = 3: all points between 0.01 and 0.03
        Charts.Spec spec = line(new double[] {5, 10, 15}, new double[] {0.028, 0.015, 0.011}, true);
        XYChart chart = XChartRenderer.chart(spec);
        assertEquals(0.01, chart.getStyler().getYAxisMin(), 1e-15);
        assertEquals(0.1, chart.getStyler().getYAxisMax(), 1e-15);
        assertNull(chart.getStyler().getyAxisTickLabelsFormattingFunction(), "XChart's log ticks need its own formatter");
        BitmapEncoder.getBufferedImage(chart); // draws: no endless tick search on a log axis
        assertEquals(TickFormat.LOG_PATTERN, chart.getStyler().getYAxisDecimalPattern());
        // one form on every log axis, whatever its range: 1E-1 in one chart and 0.1 in another read as two scales
        java.text.DecimalFormat f = new java.text.DecimalFormat(TickFormat.LOG_PATTERN,
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertEquals(List.of("1E-9", "1E-3", "1E-1", "1E0", "1E2", "1E6"),
                java.util.stream.DoubleStream.of(1e-9, 1e-3, 0.1, 1, 100, 1e6).mapToObj(f::format).toList());
    }

    @Test
    void everyChartHasATitleAndItsLegendOutsideThePlot(@TempDir Path dir) throws IOException {
        XYChart chart = XChartRenderer.chart(new Charts.Spec(Charts.titleFor("", Path.of("out/degree20.png")), "x", "y",
                List.of("train", "test"), List.of(new double[] {1}, new double[] {1}), List.of(new double[] {1}, new double[] {2}),
                null, null, false));
        assertEquals("degree20", chart.getTitle());
        Styler.LegendPosition p = chart.getStyler().getLegendPosition();
        assertTrue(p == Styler.LegendPosition.OutsideS || p == Styler.LegendPosition.OutsideE, p.toString());
        assertEquals("given", Charts.titleFor("given", Path.of("x.png")));
    }

    /** Two epochs of a tiny classifier, writing the chart and CSV where given; returns what was printed. */
    static String train(Path chart, Path csv) {
        Generator g = new Generator(1);
        Linear net = new Linear(4, 3, true, DType.F32, g);
        List<Batch> data = List.of(new Batch(Tensor.rand(g, 8, 4), Tensor.of(0f, 1f, 2f, 0f, 1f, 2f, 0f, 1f)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        History h = Trainer.of(net, new CrossEntropyLoss(Reduction.NONE), new SGD(net.parameters(), 0.1))
                .out(new PrintStream(out, true, StandardCharsets.UTF_8)).chart(chart).csv(csv).fit(data, data, 3);
        assertEquals(3, h.size(), "all epochs ran");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingFoldersAreCreated(@TempDir Path dir) throws IOException {
        Path chart = dir.resolve("out/deeper/training.png"), csv = dir.resolve("other/history.csv");
        train(chart, csv);
        assertTrue(Files.size(chart) > 1000);
        assertEquals(4, Files.readAllLines(csv).size());
        assertFalse(Files.exists(dir.resolve("out/deeper/training.svg")), "the SVG is opt-in");
    }

    @Test
    void aChartOrCsvThatCannotBeWrittenIsReportedOnceAndTrainingGoesOn(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        Path chart = blocker.resolve("training.png"), csv = blocker.resolve("history.csv");
        String out = train(chart, csv);
        List<String> lines = out.lines().filter(l -> l.contains("cannot write")).toList();
        assertEquals(2, lines.size(), out);
        assertTrue(lines.get(0).contains("cannot write " + chart + ": ") && lines.get(0).endsWith("going on without it"), lines.get(0));
        assertTrue(lines.get(1).contains("cannot write " + csv + ": "), lines.get(1));
        assertFalse(out.contains(".tmp"), "names the file the user gave, not the temporary one: " + out);
        assertEquals(3, out.lines().filter(l -> l.startsWith("epoch ") && l.contains(": train loss")).count(), out);
    }

    @Test
    void aFileErrorNamesThePathAsGiven(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        Path given = blocker.resolve("sub/p.png");
        IOException e = assertThrows(IOException.class, () -> Charts.replace(given, new byte[] {1}));
        assertTrue(e.getMessage().startsWith("cannot write " + given + ": "), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
        java.io.UncheckedIOException u = assertThrows(java.io.UncheckedIOException.class, () -> Charts.plot(given, false, "t", "x", "y",
                false, new double[] {0, 1}, List.of(new double[] {0, 1}), List.of("y")));
        assertTrue(u.getMessage().contains(given.toString()), u.getMessage());
    }
}
