package dev.panamax.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.data.GeneratedFashionMnist;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise: on the java backend a seed gives the same parameters bit for bit, in any
 * fresh JVM on the same machine, at any thread count, with or without the Vector API module, and
 * whichever JIT tier runs the kernels. {@link SeededRunHash} trains long enough that C2 compiles the
 * kernels mid-run (the old lanewise(EXP) and reduceLanes differed from their fallbacks there).
 */
class DeterminismTest {
    static final String STEPS = "250", SEED = "7";

    @Test
    void aSeedGivesTheSameBitsInEveryFreshJvm(@TempDir Path tmp) throws Exception {
        Path data = GeneratedFashionMnist.write(tmp.resolve("data"), 1024, 16, 1);
        List<String> vector = List.of("--add-modules", "jdk.incubator.vector");
        Map<String, List<String>> runs = new LinkedHashMap<>();
        runs.put("vector, 1 thread", List.of("1", vector.get(0), vector.get(1)));
        runs.put("vector, 1 thread, again", List.of("1", vector.get(0), vector.get(1)));
        runs.put("vector, 2 threads", List.of("2", vector.get(0), vector.get(1)));
        runs.put("scalar twins (no incubator module)", List.of("1"));
        runs.put("vector, C1 only", List.of("2", vector.get(0), vector.get(1), "-XX:TieredStopAtLevel=1"));
        runs.put("vector, 256-bit species", List.of("1", vector.get(0), vector.get(1), "-XX:MaxVectorSize=32"));
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> run : runs.entrySet()) {
            List<String> spec = run.getValue();
            hashes.put(run.getKey(), hash(tmp, data, spec.get(0), spec.subList(1, spec.size())));
        }
        String first = hashes.values().iterator().next();
        for (Map.Entry<String, String> h : hashes.entrySet()) {
            assertEquals(first.split(" ")[0], h.getValue().split(" ")[0], () -> "parameter hashes differ:\n" + table(hashes));
        }
    }

    /** Runs SeededRunHash in a fresh JVM with the flags; returns its HASH line after "HASH ". */
    static String hash(Path tmp, Path data, String threads, List<String> flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(flags);
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SeededRunHash.class.getName(), data.toString(), STEPS, threads, SEED));
        Path log = Files.createTempFile(tmp, "run", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, code, () -> String.join(" ", flags) + " failed:\n" + text);
        String line = text.lines().filter(l -> l.startsWith("HASH ")).findFirst().orElse("");
        assertTrue(!line.isEmpty(), () -> String.join(" ", flags) + " printed no HASH line:\n" + text);
        return line.substring(5);
    }

    private static String table(Map<String, String> hashes) {
        StringBuilder b = new StringBuilder();
        hashes.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }
}
