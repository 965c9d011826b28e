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
            Charts.replace(png, bytes.toByteArray());
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

        double[] xr = range(spec, true), yr = range(spec, false);
        if (spec.xlim() != null) {
            st.setXAxisMin(spec.xlim()[0]);
            st.setXAxisMax(spec.xlim()[1]);
        }
        if (spec.ylim() != null) {
            st.setYAxisMin(spec.ylim()[0]);
            st.setYAxisMax(spec.ylim()[1]);
        }
        if (spec.logY() && yr != null) {
            // whole decades, so that a range inside one decade still shows two labelled ticks;
            // XChart's log axis ticks only with its own formatter, which takes a pattern
            double[] d = TickFormat.decades(yr[0], yr[1]);
            if (spec.ylim() == null) {
                st.setYAxisMin(d[0]);
                st.setYAxisMax(d[1]);
            }
            st.setYAxisDecimalPattern(TickFormat.logPattern(d[0], d[1]));
        }
        if (xr != null) {
            st.setxAxisTickLabelsFormattingFunction(integers(spec) ? TickFormat.fixed(0) : TickFormat.linear(xr[0], xr[1]));
        }
        if (!spec.logY() && yr != null) {
            st.setyAxisTickLabelsFormattingFunction(TickFormat.linear(yr[0], yr[1]));
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

    /** The axis range the labels are formatted for: the limits when set, else the drawn points' extent; null if none. */
    private static double[] range(Charts.Spec spec, boolean xAxis) {
        double[] lim = xAxis ? spec.xlim() : spec.ylim();
        if (lim != null) {
            return lim;
        }
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
