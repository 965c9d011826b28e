// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The only class that names XChart; loaded only once {@link Charts#available()} is true. */
final class XChartRenderer {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private XChartRenderer() {}

    static void write(Charts.Spec spec, Path png, Path svg) throws IOException {
        XYChart chart = chart(spec);
        if (png != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, bytes, BitmapEncoder.BitmapFormat.PNG);
            Charts.replace(png, Charts.withText(bytes.toByteArray(), Charts.RANGES_KEY, axes(spec).toString()));
        }
        if (svg != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            Charts.replace(svg, bytes.toByteArray());
        }
    }

    /** The chart of spec, styled and filled, not yet drawn. */
    static XYChart chart(Charts.Spec spec) {
        XYChart chart = new XYChartBuilder().width(640).height(440).title(spec.title())
                .xAxisTitle(spec.xlabel()).yAxisTitle(spec.ylabel()).build();
        var st = chart.getStyler();
        // below the plot, in one row: a legend inside the plot hides the curves' last epochs
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(java.awt.Color.WHITE);
        st.setYAxisLogarithmic(spec.logY());
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setMarkerSize(5);

        // Both axes get explicit ranges: the limits where the caller set them, else ranges that
        // hold every point drawn (Axes), so no curve leaves the plot.
        Axes axes = axes(spec);
        double[] xr = axes.x(), yr = axes.y();
        if (xr != null) {
            st.setXAxisMin(xr[0]);
            st.setXAxisMax(xr[1]);
            st.setxAxisTickLabelsFormattingFunction(integers(spec) ? TickFormat.fixed(0) : TickFormat.linear(xr[0], xr[1]));
        }
        if (yr != null) {
            st.setYAxisMin(yr[0]);
            st.setYAxisMax(yr[1]);
            if (spec.logY()) {
                // XChart's log axis ticks only with its own formatter, which takes a pattern
                st.setYAxisDecimalPattern(TickFormat.LOG_PATTERN);
            } else {
                st.setyAxisTickLabelsFormattingFunction(TickFormat.linear(yr[0], yr[1]));
            }
        }

        boolean any = false;
        for (int s = 0; s < spec.names().size(); s++) {
            double[] x = spec.xs().get(s), y = spec.ys().get(s);
            double[] px = new double[x.length], py = new double[x.length];
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                if (drawable(spec, x[i], y[i])) {
                    px[n] = x[i];
                    py[n++] = y[i];
                }
            }
            if (n > 0) {
                XYSeries series = chart.addSeries(spec.names().get(s), Arrays.copyOf(px, n), Arrays.copyOf(py, n));
                series.setMarker(n == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                any = true;
            }
        }
        if (!any) { // an empty chart still gets axes, so a watcher sees the file from the start
            chart.addSeries(" ", new double[] {0}, new double[] {spec.logY() ? 1 : 0}).setMarker(SeriesMarkers.NONE);
            st.setLegendVisible(false);
        }
        return chart;
    }

    /** XChart rejects NaN and, on a log axis, values {@code <= 0}: such points are left out. */
    private static boolean drawable(Charts.Spec spec, double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!spec.logY() || y > 0);
    }

    /**
     * The ranges of a chart's axes and of the points it draws (null where there is none), as the
     * PNG records them in its {@link Charts#RANGES_KEY} text chunk:
     * {@code x=1,10 y=0.25,1.1 data-x=1,10 data-y=0.28,1.04 log=false}.
     */
    record Axes(double[] x, double[] y, double[] dataX, double[] dataY, boolean log) {
        @Override
        public String toString() {
            return "x=" + str(x) + " y=" + str(y) + " data-x=" + str(dataX) + " data-y=" + str(dataY) + " log=" + log;
        }

        private static String str(double[] r) {
            return r == null ? "none" : r[0] + "," + r[1];
        }
    }

    /**
     * The axes of spec: a limit where one is set; else the x extent of the points, and a y range
     * 5 % wider than theirs on each side (whole decades on a log axis, so that a range inside one
     * decade still shows two labelled ticks).
     */
    static Axes axes(Charts.Spec spec) {
        double[] dx = extent(spec, true), dy = extent(spec, false);
        double[] x = spec.xlim() != null ? spec.xlim().clone() : dx == null ? null : dx[0] < dx[1] ? dx.clone()
                : new double[] {dx[0] - 1, dx[1] + 1};
        double[] y;
        if (spec.ylim() != null) {
            y = spec.ylim().clone();
        } else if (dy == null) {
            y = null;
        } else if (spec.logY()) {
            y = TickFormat.decades(dy[0], dy[1]);
        } else {
            double span = dy[1] - dy[0];
            double pad = span > 0 ? 0.05 * span : Math.max(Math.abs(dy[0]) * 0.1, 0.5);
            y = new double[] {dy[0] - pad, dy[1] + pad};
        }
        return new Axes(x, y, dx, dy, spec.logY());
    }

    /** The extent of the drawn points along one axis; null if there are none. */
    private static double[] extent(Charts.Spec spec, boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < spec.names().size(); s++) {
            double[] x = spec.xs().get(s), y = spec.ys().get(s);
            for (int i = 0; i < x.length; i++) {
                if (drawable(spec, x[i], y[i])) {
                    double v = xAxis ? x[i] : y[i];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    /** True when every x (and both x limits) is a whole number, as epochs are: ticks between them would mean nothing. */
    private static boolean integers(Charts.Spec spec) {
        if (spec.xlim() != null && (spec.xlim()[0] != Math.rint(spec.xlim()[0]) || spec.xlim()[1] != Math.rint(spec.xlim()[1]))) {
            return false;
        }
        for (double[] x : spec.xs()) {
            for (double v : x) {
                if (Double.isFinite(v) && v != Math.rint(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
