// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CpuCaches}: the sizes Linux reports, the cpuinfo fallback, and defaults for what is missing or odd. */
class CpuCachesTest {
    @TempDir
    Path dir;

    private Path sys() throws IOException {
        Path sys = dir.resolve("cache");
        index(sys, 0, "1", "Data", "48K");
        index(sys, 1, "1", "Instruction", "32K");
        index(sys, 2, "2", "Unified", "2048K");
        index(sys, 3, "3", "Unified", "300M");
        return sys;
    }

    private static void index(Path sys, int i, String level, String type, String size) throws IOException {
        Path idx = Files.createDirectories(sys.resolve("index" + i));
        Files.writeString(idx.resolve("level"), level + "\n");
        Files.writeString(idx.resolve("type"), type + "\n");
        Files.writeString(idx.resolve("size"), size + "\n");
    }

    private Path cpuinfo(String vendor, String cacheSize) throws IOException {
        return Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: " + vendor
                + "\ncpu family\t: 26\nmodel name\t: AMD EPYC\ncache size\t: " + cacheSize + "\n\nprocessor\t: 1\n"
                + "vendor_id\t: " + vendor + "\ncache size\t: 4 KB\n");
    }

    @Test
    void sysfsSizesWinOverCpuinfo() throws IOException {
        CpuCaches c = CpuCaches.read(sys(), cpuinfo("AuthenticAMD", "1024 KB"));
        assertEquals(48 << 10, c.l1d());
        assertEquals(2048 << 10, c.l2());
        assertEquals(300L << 20, c.l3());
    }

    @Test
    void withoutSysfsTheCpuinfoSizeIsL2OnAmdAndL3OnIntel() throws IOException {
        Path none = dir.resolve("missing");
        CpuCaches amd = CpuCaches.read(none, cpuinfo("AuthenticAMD", "1024 KB"));
        assertEquals(1024 << 10, amd.l2());
        assertEquals(CpuCaches.DEFAULT.l1d(), amd.l1d());
        assertEquals(CpuCaches.DEFAULT.l3(), amd.l3());
        CpuCaches intel = CpuCaches.read(none, cpuinfo("GenuineIntel", "107520 KB"));
        assertEquals(CpuCaches.DEFAULT.l2(), intel.l2());
        assertEquals(107520L << 10, intel.l3());
    }

    @Test
    void missingOrOddInputGivesTheDefaults() throws IOException {
        Path none = dir.resolve("missing");
        assertSame(CpuCaches.DEFAULT, CpuCaches.read(none, none));
        assertSame(CpuCaches.DEFAULT, CpuCaches.read(none, cpuinfo("AuthenticAMD", "lots")));
        assertSame(CpuCaches.DEFAULT, CpuCaches.read(none, cpuinfo("AuthenticAMD", "")));
        assertSame(CpuCaches.DEFAULT, CpuCaches.read(none, cpuinfo("AuthenticAMD", "-5 KB")));
        Path sys = dir.resolve("odd");
        index(sys, 0, "one", "Data", "48K");
        index(sys, 1, "2", "Unified", "huge");
        assertSame(CpuCaches.DEFAULT, CpuCaches.read(sys, none));
    }

    @Test
    void sizesParseWithTheirUnits() {
        assertEquals(48 << 10, CpuCaches.parseSize("48K"));
        assertEquals(300L << 20, CpuCaches.parseSize("300M"));
        assertEquals(1L << 30, CpuCaches.parseSize("1G"));
        assertEquals(4096, CpuCaches.parseSize("4096"));
        assertEquals(-1, CpuCaches.parseSize(""));
    }
}
