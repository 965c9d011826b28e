// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shell commands printed in README.md and samples/embed/README.md: every block is marked with
 * how verify/readme-commands runs it, every command is one of this checkout's scripts (which find a
 * JDK 25 themselves, never a bare java or mvn that would run the default JDK), and the quick blocks
 * run verbatim with a JDK 17 first on the PATH. The ci blocks (the suite itself, a build, a sample,
 * the embed project) take about 10 minutes: .ci/run runs them.
 */
class ReadmeCommandsTest {
    static final List<Path> FILES = List.of(Path.of("README.md"), Path.of("samples", "embed", "README.md"));
    static final Set<String> KINDS = Set.of("quick", "ci", "manual");

    record Block(Path file, String kind, List<String> lines) {}

    static List<Block> blocks() throws Exception {
        List<Block> blocks = new ArrayList<>();
        for (Path f : FILES) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals("```sh")) {
                    String marker = i > 0 ? lines.get(i - 1) : "";
                    String kind = marker.matches("<!-- readme-commands: [a-z]+ -->") ? marker.split(" ")[2] : "unmarked";
                    List<String> code = new ArrayList<>();
                    for (i++; !lines.get(i).startsWith("```"); i++) {
                        code.add(lines.get(i));
                    }
                    blocks.add(new Block(f, kind, code));
                }
            }
        }
        return blocks;
    }

    @Test
    void everyBlockIsMarkedAndCallsThisCheckoutsScripts() throws Exception {
        List<Block> blocks = blocks();
        assertTrue(blocks.size() >= 4, "README.md and samples/embed/README.md print their commands in sh blocks: " + blocks);
        for (Block b : blocks) {
            assertTrue(KINDS.contains(b.kind()), b.file() + ": a sh block without <!-- readme-commands: quick|ci|manual --> before it: " + b.lines());
            Path dir = Path.of("");
            for (String line : b.lines()) {
                String cmd = line.replaceFirst("\\s+#.*$", "").strip();
                if (cmd.isEmpty() || cmd.startsWith("#")) {
                    continue;
                }
                String word = cmd.split("\\s+")[0];
                if (word.equals("cd")) {
                    dir = dir.resolve(cmd.split("\\s+")[1]).normalize();
                    assertTrue(Files.isDirectory(dir), b.file() + ": cd into a folder that is there: " + line);
                    continue;
                }
                assertFalse(Set.of("java", "mvn", "javac").contains(word),
                        b.file() + ": a bare " + word + " runs the default JDK, which may be older than 25: " + line);
                Path script = dir.resolve(word).normalize();
                assertTrue(Files.isRegularFile(script) && Files.isExecutable(script),
                        b.file() + ": " + word + " (from " + (dir.toString().isEmpty() ? "the root" : dir) + ") is an executable script here: " + line);
            }
        }
    }

    @Test
    void theQuickBlocksRunVerbatimWithJava17FirstOnThePath() throws Exception {
        Path jdk17 = Path.of(System.getenv().getOrDefault("JDK17", "/usr/lib/jvm/java-17-openjdk-amd64"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(jdk17.resolve("bin/java")),
                "no JDK 17 at " + jdk17 + " (set JDK17): the quick README commands are not run here");
        Process p = new ProcessBuilder("bash", "verify/readme-commands", "--quick").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("java on the PATH: openjdk version \"17"), out);
        long quick = blocks().stream().filter(b -> b.kind().equals("quick")).map(Block::lines).distinct().count();
        assertTrue(quick >= 1, "at least one quick block");
        assertEquals(quick, out.lines().filter(l -> l.startsWith("ok ")).count(), out);
        assertTrue(out.contains(quick + " blocks run, all passed"), out);
    }
}
