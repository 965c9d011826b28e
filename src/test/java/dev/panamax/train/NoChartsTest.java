// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.Tensor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XChart is optional: with it off the class path, training still writes the CSV and says so in one line. */
class NoChartsTest {
    /** Sees the main and test classes of panamax and the JDK, nothing else. */
    static final class Isolated extends URLClassLoader {
        Isolated(URL... urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void withoutXChartTheCsvIsWrittenAndOneLineSaysSo(@TempDir Path dir) throws Exception {
        URL main = Tensor.class.getProtectionDomain().getCodeSource().getLocation();
        URL test = NoChartsRun.class.getProtectionDomain().getCodeSource().getLocation();
        try (Isolated loader = new Isolated(main, test)) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.knowm.xchart.XYChart"));
            String out = (String) loader.loadClass(NoChartsRun.class.getName()).getMethod("run", Path.class).invoke(null, dir);
            List<String> lines = out.lines().toList();
            assertEquals("false", lines.get(0));
            assertEquals(1, lines.stream().filter(l -> l.contains("XChart is not on the class path")).count(), out);
            assertTrue(lines.get(1).endsWith("the history goes to " + dir.resolve("history.csv")), out);
            assertEquals(2, lines.stream().filter(l -> l.startsWith("epoch ") && l.contains(": train loss")).count(), out);
            assertEquals(3, Files.readAllLines(dir.resolve("history.csv")).size());
            assertFalse(Files.exists(dir.resolve("chart.png")));
            assertFalse(loader.loaded("dev.panamax.train.XChartRenderer"), "the XChart class was never loaded");
            assertTrue(loader.loaded("dev.panamax.train.Charts"));
        }
    }
}
