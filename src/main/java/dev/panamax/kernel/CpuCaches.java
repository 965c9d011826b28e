// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The data cache sizes of the core the JVM runs on, as Linux reports them under
 * {@code /sys/devices/system/cpu/cpu0/cache}, for the GEMM's blocking. Some virtual machines hide
 * that folder but keep the one size {@code /proc/cpuinfo} gives as {@code cache size}: the per-core
 * L2 on AMD and Hygon CPUs, the L3 on Intel's (the kernel reports the largest level there). What
 * neither says is taken from a common x86 core of the last years: 32 KiB L1d, 512 KiB L2, 8 MiB L3
 * shared. A cache level the core lacks reads as 0.
 *
 * @param l1d bytes of level-1 data cache per core
 * @param l2 bytes of level-2 cache per core
 * @param l3 bytes of level-3 cache (shared by several cores)
 * @param source where the sizes came from, for {@code Backend.describe()}
 */
public record CpuCaches(long l1d, long l2, long l3, String source) {
    /** Sizes assumed when the machine does not say. */
    static final CpuCaches DEFAULT = new CpuCaches(32 << 10, 512 << 10, 8 << 20, "defaults");

    /** This machine's caches, read once. */
    public static final CpuCaches THIS = read(Path.of("/sys/devices/system/cpu/cpu0/cache"), Path.of("/proc/cpuinfo"));

    /** The sizes under {@code sysDir}, else the one size of {@code cpuinfo} over the defaults. */
    static CpuCaches read(Path sysDir, Path cpuinfo) {
        CpuCaches sys = read(sysDir);
        return sys != DEFAULT ? sys : fromCpuinfo(cpuinfo);
    }

    /**
     * The defaults with the {@code cache size} of the first processor in {@code cpuinfo} as L2 (AMD,
     * Hygon) or L3 (others); the defaults alone when the file or the line is missing or odd.
     */
    static CpuCaches fromCpuinfo(Path cpuinfo) {
        String vendor = null;
        long size = -1;
        try (var lines = Files.lines(cpuinfo)) {
            for (String line : (Iterable<String>) lines.limit(64)::iterator) {
                if (line.isBlank()) {
                    break; // the end of the first processor's block
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
                if (key.equals("vendor_id") && vendor == null) {
                    vendor = value;
                } else if (key.equals("cache size")) { // "1024 KB"
                    size = parseSize(value.replace(" ", "").replaceFirst("(?i)B$", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return DEFAULT;
        }
        if (size <= 0 || vendor == null) {
            return DEFAULT;
        }
        boolean l2 = vendor.equals("AuthenticAMD") || vendor.equals("HygonGenuine");
        return l2 ? new CpuCaches(DEFAULT.l1d, size, DEFAULT.l3, cpuinfo + " (L2), defaults")
                : new CpuCaches(DEFAULT.l1d, DEFAULT.l2, size, cpuinfo + " (L3), defaults");
    }

    /** Reads the sizes under {@code dir} (index0, index1, ...), falling back to {@link #DEFAULT} per level. */
    static CpuCaches read(Path dir) {
        long l1d = 0, l2 = 0, l3 = 0;
        boolean any = false;
        for (int i = 0; i < 8; i++) {
            Path idx = dir.resolve("index" + i);
            try {
                if (!Files.isDirectory(idx)) {
                    continue;
                }
                int level = Integer.parseInt(Files.readString(idx.resolve("level")).trim());
                String type = Files.readString(idx.resolve("type")).trim();
                long size = parseSize(Files.readString(idx.resolve("size")).trim());
                if (size <= 0 || type.equals("Instruction")) {
                    continue;
                }
                any = true;
                switch (level) {
                    case 1 -> l1d = size;
                    case 2 -> l2 = size;
                    case 3 -> l3 = size;
                    default -> { }
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable or odd entry: that level keeps its default below.
            }
        }
        if (!any) {
            return DEFAULT;
        }
        return new CpuCaches(l1d > 0 ? l1d : DEFAULT.l1d, l2 > 0 ? l2 : DEFAULT.l2, l3, dir.toString());
    }

    /** "48K", "2048K", "300M", "1G" or a plain number of bytes. */
    static long parseSize(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long unit = switch (Character.toUpperCase(s.charAt(s.length() - 1))) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "L1d %d KiB, L2 %d KiB, L3 %d KiB (%s)", l1d >> 10, l2 >> 10, l3 >> 10,
                source);
    }
}
