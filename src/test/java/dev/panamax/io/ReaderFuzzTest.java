// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Module;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Sequential;
import dev.panamax.testing.Mutate;
import dev.panamax.testing.Prop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of the safetensors reader and Checkpoint.load: every mutated file gives
 * a consistent result or the documented exception with a short, printable message; never another
 * exception type, an OutOfMemoryError or a hang. {@code -Dpanamax.prop.tries=N} runs N times more.
 */
class ReaderFuzzTest {
    @TempDir
    Path dir;

    /** A file of every dtype panamax reads, a zero-element tensor and metadata, hand-built (mutations bring in the others). */
    private static byte[] seedFile() {
        String[][] t = {{"f64", "F64", "2,2", "32"}, {"i64", "I64", "1", "8"}, {"u64", "U64", "1", "8"},
            {"f32", "F32", "3", "12"}, {"i32", "I32", "1", "4"}, {"u32", "U32", "1", "4"}, {"bf16", "BF16", "2", "4"},
            {"f16", "F16", "2", "4"}, {"i16", "I16", "1", "2"}, {"u16", "U16", "1", "2"}, {"u8", "U8", "3", "3"},
            {"i8", "I8", "1", "1"}, {"bool", "BOOL", "2", "2"}, {"empty", "F32", "0,4", "0"}};
        StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\",\"note\":\"caf\\u00e9 \\n\"}");
        long at = 0;
        for (String[] e : t) {
            long end = at + Long.parseLong(e[3]);
            h.append(",\"").append(e[0]).append("\":{\"dtype\":\"").append(e[1]).append("\",\"shape\":[").append(e[2])
                    .append("],\"data_offsets\":[").append(at).append(',').append(end).append("]}");
            at = end;
        }
        h.append('}');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + (int) at).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        for (int i = 0; i < at; i++) {
            b.put((byte) (i * 37 + 11));
        }
        return b.array();
    }

    private static final Pattern TOKEN = Pattern.compile("-?\\d+|\"(?:[^\"\\\\]|\\\\.)*\"|[{}\\[\\],:]");
    private static final String[] STRINGS = {"\"F32\"", "\"F64\"", "\"U8\"", "\"C64\"", "\"F4\"", "\"\"", "\"__metadata__\"",
        "\"shape\"", "\"dtype\"", "\"data_offsets\"", "\"a\\u0000\\u001b[31m\"", "\"\\ud800\"", "\"\\u0660\\u0660\"",
        "\"x\\\"", "null", "true", "[]", "{}", "[1,2,3]"};
    private static final String[] INSERTS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "\u00a0", "\u0660", "-", "0",
        "1e999", "\"x\":1", "\n", " "};

    /** One mutation of a safetensors file: bytes, the length field, header tokens, truncation, extension. */
    static byte[] mutate(Generator g, byte[] file) {
        if (file.length < 8) {
            return g.nextInt(2) == 0 ? Mutate.extend(g, file) : Mutate.flipBits(g, file, 0, file.length);
        }
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int headerEnd = (int) Math.min(file.length, 8 + Math.max(0, Math.min(n, file.length)));
        return switch (g.nextInt(8)) {
            case 7 -> Mutate.flipBits(g, file, headerEnd, file.length); // the data only: must still read
            case 0 -> Mutate.flipBits(g, file, 0, file.length);
            case 1 -> Mutate.flipBits(g, file, 8, headerEnd);
            case 2 -> Mutate.truncate(g, file, 0, 1, 7, 8, 9, headerEnd, file.length - 1);
            case 3 -> Mutate.extend(g, file);
            case 4 -> Mutate.putInt(file, 0, 8, g.nextInt(2) == 0 ? Mutate.edgeValue(g) : n + g.nextInt(17) - 8, false);
            default -> editToken(g, file, headerEnd);
        };
    }

    /** Replaces, deletes or inserts next to one JSON token; fixes the length field half the time. */
    private static byte[] editToken(Generator g, byte[] file, int headerEnd) {
        if (headerEnd <= 8) {
            return Mutate.extend(g, file);
        }
        String h = new String(file, 8, headerEnd - 8, StandardCharsets.UTF_8);
        List<int[]> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(h);
        while (m.find()) {
            tokens.add(new int[] {m.start(), m.end()});
        }
        if (tokens.isEmpty()) {
            return Mutate.flipBits(g, file, 8, headerEnd);
        }
        int[] tok = tokens.get(g.nextInt(tokens.size()));
        String text = h.substring(tok[0], tok[1]);
        String with = switch (g.nextInt(5)) {
            case 0 -> Long.toString(Mutate.edgeValue(g));
            case 1 -> text.matches("-?\\d+") ? Long.toString(Long.parseLong(text) + g.nextInt(5) - 2) : STRINGS[g.nextInt(STRINGS.length)];
            case 2 -> STRINGS[g.nextInt(STRINGS.length)];
            case 3 -> "";
            default -> g.nextInt(2) == 0 ? text + INSERTS[g.nextInt(INSERTS.length)] : INSERTS[g.nextInt(INSERTS.length)] + text;
        };
        String edited = h.substring(0, tok[0]) + with + h.substring(tok[1]);
        byte[] header = edited.getBytes(StandardCharsets.UTF_8);
        byte[] out = Mutate.splice(file, 8, headerEnd, header);
        return g.nextInt(2) == 0 ? Mutate.putInt(out, 0, 8, header.length, false) : out;
    }

    /** The result of reading: consistent tensors (true), or the format exception with a clean message (false). */
    private static boolean checkRead(Path p) throws IOException {
        Map<String, Tensor> out;
        try {
            out = SafeTensors.read(p);
        } catch (SafeTensorsFormatException e) {
            HostileFilesTest.assertPrintable(e.getMessage());
            assertTrue(e.getMessage().startsWith(p + ": not a valid safetensors file: "), e.getMessage());
            return false;
        }
        long total = 0;
        for (Map.Entry<String, Tensor> e : out.entrySet()) {
            Tensor t = e.getValue();
            long numel = 1;
            for (int d : t.shape()) {
                assertTrue(d >= 0, e.getKey());
                numel *= d;
            }
            assertEquals(numel, t.numel(), e.getKey());
            assertEquals(numel, t.dtype() == DType.F32 ? t.f32().length : t.f64().length, e.getKey());
            total += numel;
        }
        assertTrue(total <= Files.size(p) * 8, "more elements than bits in the file");
        SafeTensors.readMetadata(p); // the same header: must not throw either
        return true;
    }

    @Test
    void mutatedSafetensorsFilesReadConsistentlyOrFailWithTheFormatException() throws IOException {
        byte[] seed = seedFile();
        Path p = dir.resolve("fuzz.safetensors");
        Files.write(p, seed);
        assertEquals(14, SafeTensors.read(p).size(), "the seed itself reads");
        // A hang fails the test instead of the build: the budget grows with -Dpanamax.prop.tries.
        int[] outcomes = new int[2]; // refused, read
        assertTimeoutPreemptively(Prop.budget(30), () -> {
            Prop.forAll("safetensors mutations", 2000, g -> {
                byte[] b = seed;
                for (int k = g.nextInt(3) == 0 ? 2 + g.nextInt(2) : 1; k > 0; k--) {
                    b = mutate(g, b);
                }
                try {
                    Files.write(p, b);
                    outcomes[checkRead(p) ? 1 : 0]++;
                } catch (IOException e) {
                    throw new AssertionError("an IOException that is not the format exception: " + e, e);
                } catch (OutOfMemoryError | StackOverflowError e) {
                    throw new AssertionError(e.toString(), e);
                }
            });
        });
        Mutate.assertBothOutcomesCommon(outcomes);
    }

    @Test
    void mutatedCheckpointsLoadOrFailWithADocumentedException() throws IOException {
        Module net = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        Path seedPath = dir.resolve("seed.safetensors");
        Checkpoint.save(net, seedPath);
        byte[] seed = Files.readAllBytes(seedPath);
        Map<String, int[]> shapes = new LinkedHashMap<>();
        net.stateDict().forEach((k, v) -> shapes.put(k, v.shape()));
        Path p = dir.resolve("ck.safetensors");
        // A hang fails the test instead of the build: the budget grows with -Dpanamax.prop.tries.
        assertTimeoutPreemptively(Prop.budget(30), () -> {
            Prop.forAll("checkpoint mutations", 600, g -> {
                byte[] b = seed;
                for (int k = g.nextInt(3) == 0 ? 2 + g.nextInt(2) : 1; k > 0; k--) {
                    b = mutate(g, b);
                }
                Module fresh = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
                try {
                    Files.write(p, b);
                    Checkpoint.load(fresh, p);
                    fresh.stateDict().forEach((k, v) -> assertArrayEquals(shapes.get(k), v.shape(), k));
                } catch (SafeTensorsFormatException e) {
                    HostileFilesTest.assertPrintable(e.getMessage());
                } catch (IllegalArgumentException e) {
                    // names or shapes that do not match the model: Checkpoint's or Module's own message
                    String m = e.getMessage();
                    assertTrue(m.startsWith("Checkpoint.load: " + p + ": ") || m.startsWith("loadStateDict: "), m);
                    HostileFilesTest.assertPrintable(m.replace("\n\t", " "));
                } catch (IOException e) {
                    throw new AssertionError("an IOException that is not the format exception: " + e, e);
                } catch (OutOfMemoryError | StackOverflowError e) {
                    throw new AssertionError(e.toString(), e);
                }
            });
        });
    }
}
