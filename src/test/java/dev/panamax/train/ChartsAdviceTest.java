// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.Tensor;
import dev.panamax.testing.Pom;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without XChart, the one line that says no chart is drawn names what to add: the exact XChart
 * coordinates and exclusions this build tests with (from pom.xml), which the user guide repeats.
 */
class ChartsAdviceTest {

    @Test
    void theMissingChartsLineNamesThePomsXChartAndItsExclusions(@TempDir Path dir) throws Exception {
        Pom.Dependency xchart = Pom.project().dependency("org.knowm.xchart:xchart");
        assertTrue(xchart.optional(), "XChart stays optional for embedders");
        assertFalse(xchart.exclusions().isEmpty(), "the pdfbox/junit chain is excluded");
        URL main = Tensor.class.getProtectionDomain().getCodeSource().getLocation();
        URL test = NoChartsRun.class.getProtectionDomain().getCodeSource().getLocation();
        String out;
        try (NoChartsTest.Isolated loader = new NoChartsTest.Isolated(main, test)) {
            out = (String) loader.loadClass(NoChartsRun.class.getName()).getMethod("run", Path.class).invoke(null, dir);
        }
        List<String> advice = out.lines().filter(l -> l.contains("XChart is not on the class path")).toList();
        assertEquals(1, advice.size(), out);
        String line = advice.get(0);
        assertTrue(line.contains(xchart.coordinates()), () -> "names " + xchart.coordinates() + ": " + line);
        for (String ex : xchart.exclusions()) {
            assertTrue(line.contains(ex), () -> "names the exclusion " + ex + ": " + line);
        }
        assertTrue(line.length() < 300, () -> "one bounded line: " + line);
        String guide = Files.readString(Path.of("docs/guide.md"));
        String charts = guide.substring(guide.indexOf("\n## Charts"));
        charts = charts.substring(0, charts.indexOf("\n## ", 1));
        assertTrue(charts.contains("<version>" + xchart.version() + "</version>"), "the guide's Charts names XChart " + xchart.version());
        for (String ex : xchart.exclusions()) {
            String[] ga = ex.split(":");
            assertTrue(charts.contains("<groupId>" + ga[0] + "</groupId>") && charts.contains("<artifactId>" + ga[1] + "</artifactId>"),
                    () -> "the guide's Charts excludes " + ex);
        }
    }
}
