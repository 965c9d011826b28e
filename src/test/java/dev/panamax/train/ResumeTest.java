// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after an epoch and resumed from its checkpoint in a fresh JVM ends with the bits
 * of the run that never stopped (java backend), also when the process was killed (SIGKILL) in the
 * middle of writing a checkpoint: the previous checkpoint is then whole, and the run goes on from it.
 */
class ResumeTest {
    static final int EPOCHS = 5;
    static final String HIDDEN = "512"; // about 3.7 MB of checkpoint: a save lasts long enough to be killed in

    @TempDir
    Path tmp;

    private static List<String> command(Path file, int stopAfter) {
        List<String> cmd = ChildJvm.command();
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ResumeRun.class.getName(), file.toString(), Integer.toString(EPOCHS), Integer.toString(stopAfter), HIDDEN));
        return cmd;
    }

    private static String run(Path file, int stopAfter) throws Exception {
        Process p = new ProcessBuilder(command(file, stopAfter)).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> "the run failed:\n" + text);
        return text.lines().filter(l -> l.startsWith("HASH ") || l.startsWith("LR ")).reduce("", (a, b) -> a + b + "\n");
    }

    private static List<Path> temps(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** Five JVMs (each start costs seconds on a busy machine): the whole run, one stopped and resumed, one killed and resumed. */
    @Test
    void stoppedOrKilledRunsResumeToTheBitsOfTheUninterruptedOne() throws Exception {
        String whole = run(tmp.resolve("a/run.ckpt"), EPOCHS);
        assertTrue(whole.contains("HASH "), whole);
        Path b = tmp.resolve("b/run.ckpt");
        String stopped = run(b, 2);
        assertTrue(!stopped.equals(whole), "two epochs differ from five");
        assertEquals(whole, run(b, EPOCHS), "stopped after epoch 2, resumed");

        Path dir = tmp.resolve("k"), file = dir.resolve("run.ckpt");
        Process p = new ProcessBuilder(command(file, EPOCHS)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        boolean killed = false;
        int saves = 0;
        for (String line; !killed && (line = out.readLine()) != null; ) {
            lines.add(line);
            if (line.equals("SAVING") && ++saves >= 2) {
                // Wait for the temporary file to have bytes in it, then kill -9 while it is written.
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (!killed && System.nanoTime() < deadline) {
                    for (Path t : temps(dir)) {
                        if (Files.size(t) > 0) {
                            p.destroyForcibly();
                            killed = true;
                            break;
                        }
                    }
                    if (!killed) {
                        Thread.onSpinWait();
                    }
                }
            }
        }
        p.waitFor();
        assertTrue(killed, () -> "never saw a save in progress:\n" + String.join("\n", lines));
        assertTrue(!temps(dir).isEmpty(), "the killed save left its temporary file");
        assertTrue(Files.exists(file), "the checkpoint before it is there");
        assertEquals(whole, run(file, EPOCHS), "killed during a save, resumed");
        assertEquals(List.of(), temps(dir), "the next save removed the dead one's temporary file");
    }
}
