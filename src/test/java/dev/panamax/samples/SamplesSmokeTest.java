// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.testing.ChartRanges;
import dev.panamax.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.data.FashionMnist;
import dev.panamax.data.GeneratedFashionMnist;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every sample in a quick mode, each in its own JVM as {@code samples/run} starts it: it must
 * finish, write its PNGs and end with a RESULT line holding every key. The thresholds on full runs
 * are checked by {@code verify/samples}, not here.
 */
class SamplesSmokeTest {
    /** Sample name, its class, the RESULT keys it must print, and the quick options. */
    record Case(String name, String cls, List<String> keys, List<String> options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<String> TRAIN_KEYS = List.of("train_loss", "train_acc", "test_acc", "epoch_seconds", "backend", "threads");

    static Stream<Case> cases() {
        List<String> quick = List.of("--epochs", "1", "--limit", "512");
        List<String> dropoutKeys = new ArrayList<>();
        for (String k : List.of("train_loss", "train_acc", "test_acc", "epoch_seconds")) {
            dropoutKeys.add("scratch_" + k);
            dropoutKeys.add("concise_" + k);
        }
        List<String> batchNormKeys = new ArrayList<>(dropoutKeys);
        batchNormKeys.addAll(List.of("scratch_gamma", "scratch_beta", "concise_gamma", "concise_beta"));
        List<String> lenetKeys = new ArrayList<>(TRAIN_KEYS);
        lenetKeys.addAll(List.of("examples_per_second", "process_seconds"));
        return Stream.of(
                new Case("activations", "Activations", List.of("relu_grad_at_1", "sigmoid_grad_max", "tanh_grad_max"), List.of()),
                new Case("mlp-scratch", "MlpScratch", TRAIN_KEYS, quick),
                new Case("mlp-concise", "MlpConcise", TRAIN_KEYS, quick),
                new Case("mlp-adamw", "MlpAdamw", TRAIN_KEYS, List.of("--epochs", "3", "--limit", "512")),
                new Case("underfit-overfit", "UnderfitOverfit", List.of("cubic_w", "linear_w", "degree20_w", "cubic_train_loss",
                        "cubic_test_loss", "linear_train_loss", "linear_test_loss", "degree20_train_loss", "degree20_test_loss"),
                        List.of("--epochs", "2")),
                new Case("weight-decay", "WeightDecay", List.of("scratch_norm_0", "scratch_norm_3", "concise_norm_0", "concise_norm_3",
                        "scratch_test_loss_0", "scratch_test_loss_3", "concise_test_loss_0", "concise_test_loss_3"), List.of("--epochs", "2")),
                new Case("dropout", "Dropout", dropoutKeys, quick),
                new Case("backprop", "Backprop", List.of("max_abs_diff"), List.of()),
                new Case("numerical-stability", "NumericalStability", List.of("product_max_abs", "sigmoid_grad_max", "xavier_std",
                        "xavier_std_expected", "symmetric_units_identical"), List.of()),
                new Case("conv-layer", "ConvLayer", List.of("corr2d", "cross_correlation_as_book", "edges_as_book", "transposed_all_zero",
                        "learned_kernel", "final_loss"), List.of("--epochs", "2")),
                new Case("padding-strides", "PaddingStrides", List.of("shapes", "shapes_as_book"), List.of()),
                new Case("channels", "Channels", List.of("multi_in", "multi_in_as_book", "multi_out_as_book", "conv2d_agrees",
                        "one_by_one_diff"), List.of()),
                new Case("pooling", "Pooling", List.of("max", "avg", "all_as_book", "checks", "checks_passed"), List.of()),
                new Case("lenet", "Lenet", lenetKeys, quick),
                new Case("batch-norm", "BatchNorm", batchNormKeys, quick));
    }

    /** Sections whose book draws no plot: their samples print what the book prints instead. */
    static final java.util.Set<String> NO_PLOT = java.util.Set.of("backprop", "conv-layer", "padding-strides", "channels", "pooling");

    /** The RESULT flags that a sample's quick run must set true, as the book's figures do not depend on training. */
    static List<String> mustHold(Case c) {
        return c.keys().stream().filter(k -> k.endsWith("_as_book") || k.equals("conv2d_agrees")
                || k.equals("transposed_all_zero")).toList();
    }

    static Path dataDir;


    /** The real Fashion-MNIST where it is installed, else a small generated one in its format. */
    @BeforeAll
    static void data(@TempDir Path tmp) throws IOException {
        if (Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve(FashionMnist.TRAIN_IMAGES + ".gz"))) {
            dataDir = FashionMnist.DEBIAN_DIR;
            return;
        }
        dataDir = GeneratedFashionMnist.write(tmp.resolve("fashion-mnist"), 1024, 256, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sampleRunsQuicklyAndPrintsItsResult(Case c, @TempDir Path out) throws Exception {
        List<String> cmd = ChildJvm.command(
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "dev.panamax.samples." + c.cls(),
                "--out", out.toString(), "--data", dataDir.toString(), "--seed", "3");
        cmd.addAll(c.options());
        Path log = out.resolve("stdout.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, code, () -> c + " failed:\n" + text);
        String last = text.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("RESULT {"), () -> c + ": the last line is not RESULT:\n" + text);
        for (String key : c.keys()) {
            assertTrue(last.contains("\"" + key + "\": "), () -> c + ": RESULT lacks " + key + ": " + last);
        }
        try (Stream<Path> files = Files.walk(out)) {
            long pngs = files.filter(f -> f.toString().endsWith(".png")).filter(f -> f.toFile().length() > 1000).count();
            // 5.3 (backprop) has a diagram, not a plot: its sample prints the gradients instead; so do 6.2 to 6.5.
            assertTrue(pngs >= (NO_PLOT.contains(c.name()) ? 0 : 1), () -> c + " wrote no PNG into " + out);
        }
        for (String flag : mustHold(c)) {
            assertTrue(last.contains("\"" + flag + "\": true"), () -> c + ": " + flag + " is not true: " + last);
        }
        // every file it wrote is named in its one "wrote:" line, and every chart shows all of its points
        List<String> written;
        try (Stream<Path> files = Files.list(out)) {
            written = files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("stdout.txt")).sorted().toList();
        }
        List<String> named = text.lines().filter(l -> l.startsWith("wrote: ")).flatMap(l -> wroteList(l, out).stream()).sorted().toList();
        assertEquals(written, named, () -> c + ": the files named by its wrote: line\n" + text);
        for (String f : written) {
            if (f.endsWith(".png") && !f.equals("predictions.png")) {
                ChartRanges.assertAllPointsInside(out.resolve(f));
            }
        }
    }

    /** The files of a line {@code wrote: DIR/{a, b}} or {@code wrote: DIR/a}. */
    static List<String> wroteList(String line, Path dir) {
        String prefix = "wrote: " + dir + "/";
        assertTrue(line.startsWith(prefix), line);
        String rest = line.substring(prefix.length());
        return rest.startsWith("{") ? List.of(rest.substring(1, rest.length() - 1).split(", ")) : List.of(rest);
    }


    /** Runs a sample's main in its own JVM from folder cwd with args; returns {exit status, output}. */
    static Object[] fork(String cls, Path cwd, String... args) throws Exception {
        List<String> cmd = ChildJvm.command(
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "dev.panamax.samples." + cls);
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(cwd, "log", ".txt");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        String text = Files.readString(log, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n");
        Files.delete(log);
        return new Object[] {code, text};
    }

    /** A bad option ends the JVM with status 2 and one line, no stack trace; --help ends it with 0. */
    @org.junit.jupiter.api.Test
    void aBadOptionExitsWithStatus2AndOneLineAndHelpWith0(@TempDir Path dir) throws Exception {
        Object[] r = fork("MlpConcise", dir, "--epochs", "abc");
        assertEquals(2, r[0], (String) r[1]);
        assertEquals("mlp-concise: --epochs 'abc': expected a whole number >= 1\n", r[1]);
        r = fork("Backprop", dir, "--help");
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).startsWith("usage: samples/run backprop [OPTIONS]"), (String) r[1]);
    }

    /** A --data folder that lacks a file is refused with status 2, never replaced by another copy; relative paths are the caller's. */
    @org.junit.jupiter.api.Test
    void aDataFolderThatLacksAFileIsRefused(@TempDir Path dir) throws Exception {
        Path partial = GeneratedFashionMnist.write(dir.resolve("partial"), 16, 16, 1);
        Files.delete(partial.resolve(FashionMnist.TEST_LABELS));
        Object[] r = fork("MlpConcise", dir, "--data", "partial", "--out", "rel", "--epochs", "1");
        String text = (String) r[1];
        assertEquals(2, r[0], text);
        assertTrue(text.contains("mlp-concise: --data partial: Fashion-MNIST: folder partial lacks [t10k-labels-idx1-ubyte]"), text);
        assertFalse(text.contains("Fashion-MNIST from"), "no other copy was used: " + text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
        assertTrue(Files.isDirectory(dir.resolve("rel")), "--out is relative to the folder the sample runs in");
    }

    /** An --out that cannot be created and a --limit above the training set: one line and status 2, before any training. */
    @org.junit.jupiter.api.Test
    void anUnusableOutAndATooLargeLimitExitWithStatus2AndOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        Object[] r = fork("MlpConcise", dir, "--out", "file/sub", "--data", dataDir.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).matches("mlp-concise: --out 'file/sub': expected a folder that can be created and written \\([^\n]+\\)\n"),
                (String) r[1]);
        r = fork("MlpConcise", dir, "--limit", "999999999", "--data", dataDir.toString(), "--out", "o");
        String text = (String) r[1];
        assertEquals(2, r[0], text);
        String last = text.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("mlp-concise: --limit '999999999': expected at most \\d+, the training images in .+ \\(0: all\\)"), text);
        assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("epoch 1/"), text);
    }

    /** samples/run --help lists every sample and every option, without building anything. */
    @org.junit.jupiter.api.Test
    void theRunScriptsHelpListsTheSamplesAndOptions() throws Exception {
        Process p = new ProcessBuilder("bash", "samples/run", "--help").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        for (Case c : cases().toList()) {
            assertTrue(text.contains("\n  " + c.name() + " "), c + " is listed:\n" + text);
        }
        for (String o : List.of("--epochs N", "--seed S", "--threads T", "--backend B", "--out DIR", "--limit N", "--data DIR", "--help")) {
            assertTrue(text.contains(o), o + ":\n" + text);
        }
        p = new ProcessBuilder("bash", "samples/run", "no-such-sample").redirectErrorStream(true).start();
        text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), text);
        assertEquals("samples/run: no sample 'no-such-sample' (samples/run --help lists them)", text.strip());
    }

    /** Without --add-modules jdk.incubator.vector the jar still trains, on the scalar twins, and says so. */
    @org.junit.jupiter.api.Test
    void trainsOnTheScalarTwinsWithoutTheIncubatorModule(@TempDir Path out) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "dev.panamax.samples.MlpConcise", "--out", out.toString(), "--data", dataDir.toString(),
                "--epochs", "1", "--limit", "512", "--backend", "java");
        Path log = out.resolve("stdout.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("running the scalar kernels"), text);
        assertTrue(text.strip().lines().reduce((a, b) -> b).orElse("").startsWith("RESULT {"), text);
    }
}
