// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code java} block of docs/guide.md runs as printed: its import lines at the top of a file,
 * the rest in main, in a JVM of its own; each {@code System.out.println(...);   // TEXT} line must
 * print TEXT (without a closing remark in parentheses), in order.
 */
class GuideSnippetsTest {
    static final Path GUIDE = Path.of("docs", "guide.md");
    static final Pattern EXPECTED = Pattern.compile("System\\.out\\.println\\(.*\\);\\s+// (.*?)( \\([^)]*\\))?$");

    record Block(int number, String code) {
        @Override
        public String toString() {
            return "guide block " + number + ": " + code.lines().filter(l -> !l.startsWith("import ")).findFirst().orElse("");
        }
    }

    static Stream<Block> blocks() throws Exception {
        String[] parts = Files.readString(GUIDE).split("```java\n");
        List<Block> blocks = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            blocks.add(new Block(i, parts[i].substring(0, parts[i].indexOf("```"))));
        }
        assertFalse(blocks.isEmpty(), "docs/guide.md has java blocks");
        return blocks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void runsAsPrintedAndPrintsWhatItSays(Block b, @TempDir Path dir) throws Exception {
        StringBuilder imports = new StringBuilder(), body = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (String line : b.code().split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
            Matcher m = EXPECTED.matcher(line);
            if (m.find()) {
                expected.add(m.group(1));
            }
        }
        Path src = dir.resolve("Guide.java");
        Files.writeString(src, imports + "public class Guide {\n    public static void main(String[] args) throws Exception {\n"
                + body.toString().indent(8) + "    }\n}\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dpanamax.backend=java", "-Djava.util.logging.config.file=/dev/null", "-cp", System.getProperty("java.class.path"),
                src.toString()).directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile()).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        String out = Files.readString(log, StandardCharsets.UTF_8), err = Files.readString(dir.resolve("err.txt"));
        assertEquals(0, code, b + "\nstdout:\n" + out + "\nstderr:\n" + err);
        assertEquals(expected, out.lines().toList(), b + "\nstderr:\n" + err);
    }
}
