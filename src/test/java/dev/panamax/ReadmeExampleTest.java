// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's autograd example runs as printed and prints what the README says. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRunsAsPrinted(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String part = readme.substring(readme.indexOf("<!-- readme-example: start -->"), readme.indexOf("<!-- readme-example: end -->"));
        String[] blocks = part.split("```");
        String code = blocks[1].substring("java\n".length());
        String expected = blocks[3].strip();
        Path src = dir.resolve("Example.java");
        Files.writeString(src, code);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "--add-modules", "jdk.incubator.vector", "-Dpanamax.backend=java",
                "-cp", Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(), src.toString()))
                .redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), () -> out + readErr(dir));
        assertTrue(!out.isEmpty());
        assertEquals(expected, out);
    }

    private static String readErr(Path dir) {
        try {
            return Files.readString(dir.resolve("err.txt"));
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
