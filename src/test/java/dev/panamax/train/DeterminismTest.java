// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import dev.panamax.testing.ChildJvm;
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
 * whichever JIT tier runs the kernels. {@link SeededRunHash} trains in each JVM and prints a hash.
 *
 * <p>The old kernels failed this where C2 compiled the softmax cross-entropy kernel early, with a
 * 256-bit species (8 of the 10 classes through FloatVector.lanewise(EXP)): its intrinsic differs
 * from the interpreter's per-lane Math.exp in the last bit. One run here forces that case. The
 * tier runs (C1 only, the interpreter) take a shorter workload: the Vector API is slow outside C2.
 * The runs at 256 and 128 bits also check that the kernels' bits do not depend on the vector width
 * (the sums keep 16 float or 8 double partials whatever the width): more than the README promises.
 */
class DeterminismTest {
    static final String SEED = "7";
    static final List<String> VECTOR = List.of("--add-modules", "jdk.incubator.vector");
    /** C2 without the C1 tiers, compiling after 200 calls: the kernels switch to C2 code early in the run. */
    static final List<String> EARLY_C2 = List.of("-XX:-TieredCompilation", "-XX:CompileThreshold=200");

    @Test
    void aSeedGivesTheSameBitsInEveryFreshJvm(@TempDir Path tmp) throws Exception {
        Path data = GeneratedFashionMnist.write(tmp.resolve("data"), 1024, 16, 1);
        // 300 steps of batch 160 (two row blocks of the GEMM, so 2 threads split the work), 16 hidden units.
        List<String> workload = List.of("300", "16", "160");
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("vector, 1 thread", hash(tmp, data, workload, "1", VECTOR));
        hashes.put("vector, 1 thread, again", hash(tmp, data, workload, "1", VECTOR));
        hashes.put("vector, 2 threads", hash(tmp, data, workload, "2", VECTOR));
        hashes.put("scalar twins (no incubator module)", hash(tmp, data, workload, "1", List.of()));
        hashes.put("vector, 256-bit species, C2 early", hash(tmp, data, workload, "1",
                concat(VECTOR, List.of("-XX:MaxVectorSize=32"), EARLY_C2)));
        // 128-bit (NEON's width): VectorKernels once failed to load there (no 32-bit byte shape).
        hashes.put("vector, 128-bit species, 2 threads", hash(tmp, data, workload, "2",
                concat(VECTOR, List.of("-XX:MaxVectorSize=16"))));
        assertAllEqual(hashes);

        List<String> tiny = List.of("30", "16", "32");
        Map<String, String> tiers = new LinkedHashMap<>();
        tiers.put("vector, default tiers", hash(tmp, data, tiny, "1", VECTOR));
        tiers.put("vector, C1 only", hash(tmp, data, tiny, "1", concat(VECTOR, List.of("-XX:TieredStopAtLevel=1"))));
        tiers.put("vector, C2 early", hash(tmp, data, tiny, "1", concat(VECTOR, EARLY_C2)));
        tiers.put("scalar twins, interpreter only", hash(tmp, data, tiny, "1", List.of("-Xint")));
        assertAllEqual(tiers);
    }

    @Test
    void theConvolutionOpsGiveTheSameBitsInEveryFreshJvm(@TempDir Path tmp) throws Exception {
        Path data = GeneratedFashionMnist.write(tmp.resolve("data"), 256, 16, 1);
        // conv2d, batch norm (running statistics in the hash), max / average / adaptive pooling, pad
        List<String> workload = List.of("30", "16", "32", "cnn");
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("vector, 1 thread", hash(tmp, data, workload, "1", VECTOR));
        hashes.put("vector, 2 threads", hash(tmp, data, workload, "2", VECTOR));
        hashes.put("scalar twins (no incubator module)", hash(tmp, data, workload, "1", List.of()));
        hashes.put("vector, 256-bit species, C2 early", hash(tmp, data, workload, "2",
                concat(VECTOR, List.of("-XX:MaxVectorSize=32"), EARLY_C2)));
        assertAllEqual(hashes);
    }

    static void assertAllEqual(Map<String, String> hashes) {
        String first = hashes.values().iterator().next().split(" ")[0];
        for (String h : hashes.values()) {
            assertEquals(first, h.split(" ")[0], () -> "parameter hashes differ:\n" + table(hashes));
        }
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    /** Runs SeededRunHash in a fresh JVM with the flags; returns its HASH line after "HASH ". workload: steps, hidden, batch[, model]. */
    static String hash(Path tmp, Path data, List<String> workload, String threads, List<String> flags)
            throws IOException, InterruptedException {
        List<String> cmd = ChildJvm.command();
        cmd.addAll(flags);
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SeededRunHash.class.getName(), data.toString(), workload.get(0), threads, SEED, workload.get(1), workload.get(2)));
        cmd.addAll(workload.subList(3, workload.size()));
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
