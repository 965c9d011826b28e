// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every source file names its licence in its first line (its second after a #! line), and
 * src/tools/add-spdx.sh, which adds that line, does so with the same rules and only once.
 */
class LicenseHeaderTest {
    static final String ID = "SPDX-License-Identifier: Apache-2.0";
    static final List<String> DIRS = List.of("src", "samples", "bench", "verify", ".ci", ".mvn");
    static final Set<String> SKIPPED_DIRS = Set.of("target", "out", ".venv", "__pycache__", "node_modules");

    /** The comment line file must carry, or null when it is not a source file. */
    static String expectedLine(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".java") || name.endsWith(".c")) {
            return "// " + ID;
        }
        if (name.endsWith(".py") || name.endsWith(".sh")) {
            return "# " + ID;
        }
        if (!name.contains(".") && startsWithShebang(file)) {
            return "# " + ID;
        }
        return null;
    }

    static boolean startsWithShebang(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] two = in.readNBytes(2);
            return two.length == 2 && two[0] == '#' && two[1] == '!';
        }
    }

    /** Null when file has its line in place, else what is wrong. */
    static String problem(Path file) throws IOException {
        String line = expectedLine(file);
        if (line == null) {
            return null;
        }
        List<String> lines;
        try (Stream<String> s = Files.lines(file, StandardCharsets.UTF_8)) {
            lines = s.limit(2).toList();
        }
        int at = !lines.isEmpty() && lines.get(0).startsWith("#!") ? 1 : 0;
        return lines.size() > at && lines.get(at).equals(line) ? null : "line " + (at + 1) + " is not \"" + line + "\"";
    }

    static List<Path> sourceFiles(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String d : DIRS) {
            Path dir = root.resolve(d);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    boolean skipped = false;
                    for (Path part : root.relativize(f)) {
                        skipped |= SKIPPED_DIRS.contains(part.toString());
                    }
                    if (!skipped && expectedLine(f) != null) {
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everySourceFileNamesItsLicence() throws IOException {
        List<Path> files = sourceFiles(Path.of(""));
        assertTrue(files.size() > 100, "found the sources: " + files.size());
        List<String> missing = new ArrayList<>();
        for (Path f : files) {
            String p = problem(f);
            if (p != null) {
                missing.add(f + ": " + p);
            }
        }
        assertTrue(missing.isEmpty(), () -> missing.size() + " source files lack the SPDX line (run src/tools/add-spdx.sh): "
                + String.join("; ", missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? "; ..." : ""));
    }

    @Test
    void theScriptAddsTheLineOnceWhereTheTestLooks(@TempDir Path root) throws Exception {
        // A copy without its own SPDX line, run from inside the tree: it rewrites itself while bash reads it.
        Path script = write(root.resolve("src/tools/add-spdx.sh"), Files.readString(Path.of("src", "tools", "add-spdx.sh"))
                .replace("# " + ID + "\n", ""));
        write(root.resolve("src/main/java/A.java"), "package a;\n");
        write(root.resolve("bench/c/b.c"), "/* c */\nint main(void) { return 0; }\n");
        write(root.resolve("verify/tool.py"), "#!/usr/bin/python3\n\"\"\"doc\"\"\"\n");
        write(root.resolve("verify/lib.py"), "\"\"\"doc\"\"\"\n");
        Path run = write(root.resolve(".ci/run"), "#!/usr/bin/env bash\necho hi\n");
        Files.setPosixFilePermissions(run, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        write(root.resolve(".mvn/find-jdk.sh"), "# shellcheck shell=sh\nx=1\n");
        write(root.resolve(".mvn/jvm.config"), "--enable-native-access=ALL-UNNAMED\n");
        write(root.resolve("samples/notes"), "no shebang: not a script\n");
        write(root.resolve("samples/target/Gen.java"), "class Gen {}\n");
        write(root.resolve("src/Done.java"), "// " + ID + "\nclass Done {}\n");

        String first = bash(script, root);
        assertTrue(first.contains("added the line to 7 file(s)"), first);
        assertEquals("// " + ID + "\npackage a;\n", Files.readString(root.resolve("src/main/java/A.java")));
        assertEquals("#!/usr/bin/python3\n# " + ID + "\n\"\"\"doc\"\"\"\n", Files.readString(root.resolve("verify/tool.py")));
        assertEquals("#!/usr/bin/env bash\n# " + ID + "\necho hi\n", Files.readString(run));
        assertTrue(Files.isExecutable(run), "the script keeps its mode");
        assertEquals("--enable-native-access=ALL-UNNAMED\n", Files.readString(root.resolve(".mvn/jvm.config")));
        assertEquals("no shebang: not a script\n", Files.readString(root.resolve("samples/notes")));
        assertEquals("class Gen {}\n", Files.readString(root.resolve("samples/target/Gen.java")));
        for (Path f : sourceFiles(root)) {
            assertEquals(null, problem(f), f.toString());
        }
        assertEquals(8, sourceFiles(root).size(), "the test and the script see the same files");
        String again = bash(script, root);
        assertTrue(again.contains("added the line to 0 file(s)"), "idempotent: " + again);
        assertEquals("// " + ID + "\nclass Done {}\n", Files.readString(root.resolve("src/Done.java")));
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Runs script with no argument: it finds the tree it lives in. */
    private static String bash(Path script, Path root) throws Exception {
        Process p = new ProcessBuilder("bash", root.relativize(script).toString()).directory(root.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
