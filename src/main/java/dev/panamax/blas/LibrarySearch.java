// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where glibc's loader looks for a bare soname such as {@code libopenblas.so.0}, so panamax can
 * check the file before loading it and then load it by its path: {@code LD_LIBRARY_PATH}, the
 * directories of {@code /etc/ld.so.conf} (with its {@code include} lines; {@code ldconfig} builds
 * {@code ld.so.cache} from them), then the default directories. RPATH/RUNPATH of the JVM's own
 * libraries and a cache that has drifted from its configuration are not modelled: a library found
 * only there is not found here, and the user can name its path instead.
 */
final class LibrarySearch {
    private LibrarySearch() {}

    private static final Path LD_SO_CONF = Path.of("/etc/ld.so.conf");
    /** ld.so.conf includes nest; a cycle must not loop. */
    private static final int MAX_INCLUDE_DEPTH = 8;

    /** The regular files named soname in the search directories, in the loader's order. */
    static List<Path> candidates(String soname) {
        List<Path> out = new ArrayList<>();
        for (Path dir : directories()) {
            Path p = dir.resolve(soname);
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** For messages: where candidates looks. */
    static String describe() {
        return "LD_LIBRARY_PATH, the directories of " + LD_SO_CONF + ", /lib, /usr/lib and their multiarch and lib64"
                + " directories";
    }

    static List<Path> directories() {
        Set<Path> dirs = new LinkedHashSet<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        readConf(LD_SO_CONF, dirs, 0);
        String triplet = triplet();
        for (String d : new String[] {"/lib/" + triplet, "/usr/lib/" + triplet, "/lib64", "/usr/lib64", "/lib", "/usr/lib"}) {
            dirs.add(Path.of(d));
        }
        return List.copyOf(dirs);
    }

    /** Adds the directories of one ld.so.conf file; unreadable files and bad lines are skipped, as ldconfig does. */
    private static void readConf(Path conf, Set<Path> into, int depth) {
        if (depth > MAX_INCLUDE_DEPTH) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(conf);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (String line : lines) {
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (l.startsWith("include ") || l.startsWith("include\t")) {
                for (String pattern : l.substring(8).strip().split("\\s+")) {
                    for (Path p : glob(conf.getParent(), pattern)) {
                        readConf(p, into, depth + 1);
                    }
                }
            } else if (l.startsWith("/")) {
                into.add(Path.of(l.split("[\\s=]")[0]));
            }
        }
    }

    /** Files matching a pattern such as /etc/ld.so.conf.d/*.conf, sorted as ldconfig reads them. */
    private static List<Path> glob(Path base, String pattern) {
        Path p = base.resolve(pattern);
        Path dir = p.getParent();
        List<Path> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p.getFileName().toString())) {
            ds.forEach(out::add);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    static String triplet() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            case "ppc64le" -> "powerpc64le-linux-gnu";
            case "riscv64" -> "riscv64-linux-gnu";
            default -> System.getProperty("os.arch") + "-linux-gnu";
        };
    }
}
