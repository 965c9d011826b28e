// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad option gives one line naming the option and what it accepts; --help lists what each sample uses. */
class SampleArgsTest {
    static final List<SampleArgs.Usage> ALL = List.of(Activations.USAGE, MlpScratch.USAGE, MlpConcise.USAGE, UnderfitOverfit.USAGE,
            WeightDecay.USAGE, Dropout.USAGE, Backprop.USAGE, NumericalStability.USAGE, ConvLayer.USAGE, PaddingStrides.USAGE,
            Channels.USAGE, Pooling.USAGE, Lenet.USAGE, BatchNorm.USAGE);

    /** RESULT numbers are JSON numbers: no trailing point where the rounding leaves a whole number. */
    @Test
    void resultNumbersAreJson() {
        assertEquals("{\"a\": 16644, \"b\": 0.5, \"c\": 2.0, \"d\": 1.5e-07, \"e\": 1e+20}",
                new Result().put("a", 16644.04).put("b", 0.5).put("c", 2.0).put("d", 1.5e-7).put("e", 1.00000001e20).json());
    }

    static String error(String... argv) {
        String m = assertThrows(SampleArgs.UsageException.class, () -> SampleArgs.parseOrThrow(MlpConcise.USAGE, argv)).getMessage();
        assertTrue(m.startsWith("mlp-concise: "), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.length() <= 200, m);
        assertFalse(m.contains("Exception"), m);
        return m;
    }

    @Test
    void badValuesNameTheOptionAndWhatItAccepts(@TempDir Path dir) throws Exception {
        assertEquals("mlp-concise: --epochs 'abc': expected a whole number >= 1", error("--epochs", "abc"));
        assertEquals("mlp-concise: --epochs '0': expected a whole number >= 1", error("--epochs=0"));
        assertEquals("mlp-concise: --epochs '99999999999': expected a whole number >= 1", error("--epochs", "99999999999"));
        assertEquals("mlp-concise: --backend 'foo': expected java, openblas or auto", error("--backend", "foo"));
        assertEquals("mlp-concise: --threads '0': expected a whole number from 1 to 1024", error("--threads", "0"));
        assertEquals("mlp-concise: --limit '-1': expected a whole number >= 0 (0: all)", error("--limit", "-1"));
        assertEquals("mlp-concise: --seed '1.5': expected a whole number (64-bit)", error("--seed", "1.5"));
        assertTrue(error("--bogus", "1").startsWith("mlp-concise: unknown option '--bogus'; known: --epochs --seed"), error("--bogus"));
        assertEquals("mlp-concise: --epochs needs a value: a whole number >= 1", error("--epochs"));
        assertEquals("mlp-concise: --out needs a value: a folder (created if missing)", error("--out", "--epochs", "2"));
        assertTrue(error("stray").contains("unexpected argument 'stray'"));
        assertTrue(error("--seed", "1", "--seed", "2").contains("--seed is given twice"));
        assertTrue(error("--epochs", "x".repeat(500)).length() < 200, "a long value is clipped");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertEquals("mlp-concise: --data '" + dir.resolve("none") + "': expected a folder, and none is there",
                error("--data", dir.resolve("none").toString()));
        assertEquals("mlp-concise: --out '" + file + "': expected a folder, and this is a file", error("--out", file.toString()));
    }

    @Test
    void goodValuesInBothForms(@TempDir Path dir) {
        SampleArgs a = SampleArgs.parseOrThrow(MlpConcise.USAGE, new String[] {"--epochs=3", "--seed", "-5", "--limit", "100",
                "--data", dir.toString(), "--out", "rel/out"});
        assertEquals(3, a.epochs);
        assertEquals(-5, a.seed);
        assertEquals(100, a.limit);
        assertEquals(dir, a.data);
        assertEquals(Path.of("rel/out"), a.out, "relative to the folder the sample runs in");
        SampleArgs d = SampleArgs.parseOrThrow(MlpConcise.USAGE, new String[0]);
        assertEquals(10, d.epochs);
        assertEquals(Path.of("out/mlp-concise"), d.out);
        assertNull(d.data);
        assertThrows(SampleArgs.HelpRequested.class, () -> SampleArgs.parseOrThrow(MlpConcise.USAGE, new String[] {"--epochs", "2", "--help"}));
    }

    @Test
    void helpListsTheOptionsEachSampleUsesWithDefaults() {
        String h = SampleArgs.help(MlpConcise.USAGE);
        assertTrue(h.startsWith("usage: samples/run mlp-concise [OPTIONS]\n"), h);
        assertTrue(h.contains("--epochs N") && h.contains("training epochs [10]"), h);
        assertTrue(h.contains("--limit N") && h.contains("first N training images"), h);
        assertTrue(h.contains("--data DIR") && h.contains("[PANAMAX_DATA,"), h);
        assertTrue(h.contains("--out DIR") && h.contains("[out/mlp-concise]"), h);
        assertFalse(h.contains("accepted and ignored"), h);
        String b = SampleArgs.help(Backprop.USAGE);
        assertTrue(b.contains("--seed S") && b.contains("accepted and ignored here: --epochs --threads --backend --out --limit --data"), b);
        assertTrue(SampleArgs.help(UnderfitOverfit.USAGE).contains("[400]"));
        for (SampleArgs.Usage u : ALL) {
            String text = SampleArgs.help(u);
            assertTrue(text.contains(u.summary()) && text.contains("--help"), text);
            assertTrue(text.lines().allMatch(l -> l.length() <= 160), text);
        }
    }
}
