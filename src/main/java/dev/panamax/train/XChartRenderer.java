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
        XYChart chart = new XYChartBuilder().width(640).height(420).title(spec.title())
                .xAxisTitle(spec.xlabel()).yAxisTitle(spec.ylabel()).build();
        var st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setYAxisLogarithmic(spec.logY());
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setMarkerSize(5);
        if (spec.xlim() != null) {
            st.setXAxisMin(spec.xlim()[0]);
            st.setXAxisMax(spec.xlim()[1]);
        }
        if (spec.ylim() != null) {
            st.setYAxisMin(spec.ylim()[0]);
            st.setYAxisMax(spec.ylim()[1]);
        }
        boolean any = false;
        for (int s = 0; s < spec.names().size(); s++) {
            double[] x = spec.xs().get(s), y = spec.ys().get(s);
            double[] px = new double[x.length], py = new double[x.length];
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                // XChart rejects NaN and, on a log axis, values <= 0: leave those points out.
                if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!spec.logY() || y[i] > 0)) {
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
}
