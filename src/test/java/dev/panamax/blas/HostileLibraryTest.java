// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import dev.panamax.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated, foreign and bare-named libraries: each is refused before the loader sees it, with a
 * message naming what the user set, and the auto backend falls back to java.
 */
class HostileLibraryTest {
    @TempDir
    Path tmp;

    /** The real OpenBLAS file (symlinks resolved), as the tests load it. */
    private static Path realLibrary() throws IOException {
        OpenBlasTesting.library();
        List<Path> found = LibrarySearch.candidates("libopenblas.so.0");
        Assumptions.assumeFalse(found.isEmpty(), "libopenblas.so.0 not in the loader's search path");
        return found.get(0).toRealPath();
    }

    private Path cutCopy(Path lib, long size) throws IOException {
        Path out = tmp.resolve("libopenblas-cut-" + size + ".so.0");
        try (FileChannel in = FileChannel.open(lib, StandardOpenOption.READ);
                FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < size) {
                done += in.transferTo(done, size - done, o);
            }
        }
        return out;
    }

    @Test
    void theElfCheckRefusesEveryCutOfTheRealLibraryAndAcceptsTheWholeFile() throws IOException {
        Path lib = realLibrary();
        long size = Files.size(lib);
        try (FileChannel ch = FileChannel.open(lib, StandardOpenOption.READ)) {
            assertNull(ElfCheck.problem(ch, size), "the whole library must pass");
            // Every 4 KiB page boundary, and one byte either side of every segment's and section's end.
            TreeSet<Long> cuts = new TreeSet<>();
            for (long c = 0; c < size; c += 4096) {
                cuts.add(c);
            }
            for (long end : regionEnds(ch)) {
                for (long c = end - 1; c <= end + 1; c++) {
                    if (c >= 0 && c < size) {
                        cuts.add(c);
                    }
                }
            }
            cuts.add(size - 1);
            for (long cut : cuts) {
                String p = ElfCheck.problem(ch, cut);
                assertNotNull(p, "a cut at " + cut + " of " + size + " bytes passed the check");
                assertTrue(p.length() < 300, p);
            }
        }
    }

    /** The end offsets of the real library's segments and sections, read independently of ElfCheck. */
    private static List<Long> regionEnds(FileChannel ch) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(h, 0);
        long phoff = h.getLong(32), shoff = h.getLong(40);
        int phnum = h.getShort(56), shnum = h.getShort(60);
        List<Long> ends = new ArrayList<>(List.of(64L, phoff + 56L * phnum, shoff + 64L * shnum));
        ByteBuffer ph = ByteBuffer.allocate(56 * phnum).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(ph, phoff);
        for (int i = 0; i < phnum; i++) {
            ends.add(ph.getLong(56 * i + 8) + ph.getLong(56 * i + 32));
        }
        ByteBuffer sh = ByteBuffer.allocate(64 * shnum).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(sh, shoff);
        for (int i = 0; i < shnum; i++) {
            if (sh.getInt(64 * i + 4) != 8) {
                ends.add(sh.getLong(64 * i + 24) + sh.getLong(64 * i + 32));
            }
        }
        return ends;
    }

    @Test
    void editedHeadersAreRefused() throws IOException {
        Path lib = realLibrary();
        byte[] head = new byte[64];
        try (FileChannel ch = FileChannel.open(lib, StandardOpenOption.READ)) {
            ch.read(ByteBuffer.wrap(head), 0);
        }
        // offset, new byte, expected fragment
        Object[][] edits = {{4, 1, "ELF class 1"}, {5, 2, "byte order"}, {6, 2, "ELF version"}, {16, 2, "not a shared object"},
                {18, 3, "machine 3"}, {54, 57, "program header table"}, {39, 0x7f, "program header table spans"}};
        for (Object[] e : edits) {
            byte[] b = head.clone();
            b[(int) e[0]] = (byte) (int) e[1];
            Path f = tmp.resolve("edit" + e[0] + ".so");
            Files.write(f, b);
            try (FileChannel lf = FileChannel.open(lib, StandardOpenOption.READ);
                    FileChannel o = FileChannel.open(f, StandardOpenOption.APPEND)) {
                lf.transferTo(64, Files.size(lib) - 64, o);
            }
            String p = ElfCheck.problem(f);
            assertNotNull(p, "edit at " + e[0]);
            assertTrue(p.contains((String) e[2]), e[2] + " expected in: " + p);
            Files.delete(f);
        }
    }

    @Test
    void truncatedCopiesFallBackToJavaInAChildJvm() throws Exception {
        Path lib = realLibrary();
        long size = Files.size(lib);
        List<String> args = new ArrayList<>();
        for (long cut : new long[] {4096, 1 << 20, size / 2, size - 4096, size - 1}) {
            args.add(cutCopy(lib, cut).toString());
        }
        String out = runJava(Map.of(), "dev.panamax.blas.TruncatedLoad", args);
        for (String a : args) {
            String line = out.lines().filter(l -> l.startsWith("loaded " + a + " ")).findFirst().orElse(null);
            assertNotNull(line, "no result for " + a + "; the child printed: " + out);
            assertTrue(line.contains("-> java | OpenBLAS: -Dpanamax.openblas.path=" + a
                    + ": not a loadable shared library: "), line);
            assertTrue(line.contains("truncated?"), line);
        }
        assertTrue(out.contains("done"), out);
    }

    @Test
    void theEnvironmentVariableIsNamedWhenItIsWhatTheUserSet() throws Exception {
        Path lib = realLibrary();
        Path cut = cutCopy(lib, 4096);
        String out = runJava(Map.of(OpenBlas.PATH_ENV, cut.toString()), "dev.panamax.Backend", List.of());
        assertTrue(out.contains("GEMM java") && out.contains(OpenBlas.PATH_ENV + "=" + cut), out);
        assertTrue(out.contains("point the environment variable " + OpenBlas.PATH_ENV), out);
        assertFalse(out.contains(OpenBlas.PATH_PROPERTY), "names a property the user did not set: " + out);
    }

    @Test
    void aBareSonameIsSearchedCheckedAndLoaded() throws Exception {
        Path lib = realLibrary();
        String before = System.getProperty(OpenBlas.PATH_PROPERTY);
        try {
            System.setProperty(OpenBlas.PATH_PROPERTY, "libopenblas.so.0");
            OpenBlas b = OpenBlas.find();
            assertTrue(b.file().contains(lib.toString()), b.file());
            System.setProperty(OpenBlas.PATH_PROPERTY, "libno-such-blas.so.7");
            var e = assertThrows(OpenBlasUnavailableException.class, OpenBlas::find);
            assertTrue(e.getMessage().contains("-Dpanamax.openblas.path=libno-such-blas.so.7: no file of that name in the"
                    + " loader's search path"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(OpenBlas.PATH_PROPERTY);
            } else {
                System.setProperty(OpenBlas.PATH_PROPERTY, before);
            }
        }
    }

    @Test
    void aBareSonameFoundInLdLibraryPathIsCheckedBeforeLoading() throws Exception {
        Path lib = realLibrary();
        Path dir = Files.createDirectory(tmp.resolve("libs"));
        Files.move(cutCopy(lib, 8192), dir.resolve("libopenblas.so.0"));
        String out = runJava(Map.of("LD_LIBRARY_PATH", dir.toString(), OpenBlas.PATH_ENV, "libopenblas.so.0"),
                "dev.panamax.Backend", List.of());
        assertTrue(out.contains("GEMM java") && out.contains("(found at " + dir.resolve("libopenblas.so.0") + "): not a loadable shared library"),
                out);
    }

    /** A class's main in a child JVM with extra environment variables: its stdout and stderr. */
    private static String runJava(Map<String, String> env, String main, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.addAll(ChildJvm.command());
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dpanamax.backend=auto", "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(OpenBlas.PATH_ENV);
        pb.environment().putAll(env);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish: " + out);
        assertEquals(0, proc.exitValue(), "child JVM failed (a crash in the loader?): " + out);
        return out;
    }
}
