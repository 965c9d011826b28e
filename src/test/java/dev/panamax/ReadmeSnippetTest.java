// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.data.GeneratedFashionMnist;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's chapter snippet (the block that trains with {@code Trainer.of(net}), run verbatim
 * in an empty folder as a new user would: its {@code out/} does not exist yet, and the data come
 * from a generated Fashion-MNIST named by {@code PANAMAX_DATA}.
 */
class ReadmeSnippetTest {
    static final String IMPORTS = """
            import dev.panamax.*;
            import dev.panamax.data.*;
            import dev.panamax.io.*;
            import dev.panamax.nn.*;
            import dev.panamax.optim.*;
            import dev.panamax.train.*;
            import java.nio.file.Path;
            """;

    /** The first ```java block of the README that holds marker. */
    static String snippet(String marker) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String[] parts = readme.split("```java\n");
        for (int i = 1; i < parts.length; i++) {
            String code = parts[i].substring(0, parts[i].indexOf("```"));
            if (code.contains(marker)) {
                return code;
            }
        }
        throw new AssertionError("README.md has no ```java block holding " + marker);
    }

    @Test
    void theChapterSnippetRunsInAnEmptyFolder(@TempDir Path dir) throws Exception {
        Path data = GeneratedFashionMnist.write(dir.resolve("data"), 512, 256, 7);
        Path work = Files.createDirectories(dir.resolve("empty"));
        Path src = dir.resolve("Snippet.java");
        // The snippet's own import lines go to the top of the file, the rest into main.
        StringBuilder imports = new StringBuilder(IMPORTS), body = new StringBuilder();
        for (String line : snippet("Trainer.of(net").split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        Files.writeString(src, imports + "public class Snippet {\n    public static void main(String[] args) throws Exception {\n"
                + body.toString().indent(8) + "    }\n}\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Dpanamax.backend=java", "-cp", System.getProperty("java.class.path"),
                src.toString())).directory(work.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().put("PANAMAX_DATA", data.toString());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        int code = pb.start().waitFor();
        String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
        assertEquals(0, code, log);
        assertTrue(log.contains("epoch 10/10: train loss"), log);
        assertTrue(Files.size(work.resolve("out/training.png")) > 1000, log);
        assertTrue(Files.size(work.resolve("out/mlp.safetensors")) > 100_000, log);
        assertFalse(Files.exists(work.resolve("out/training.svg")), "the SVG is opt-in");
    }
}
