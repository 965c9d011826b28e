// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    // ------------------------------------------------------------ round trips

    @Test
    void roundTripIsBitIdenticalForF32AndF64IncludingSpecialValues() throws IOException {
        float[] f = {0f, -0.0f, Float.NaN, Float.intBitsToFloat(0x7FC00001), Float.intBitsToFloat(0xFF812345),
                Float.MIN_VALUE, Float.MIN_NORMAL / 3, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1.1f, -7.25f, 3e-39f};
        double[] d = {0, -0.0, Double.NaN, Double.longBitsToDouble(0x7FF0000000000001L), Double.MIN_VALUE,
                Double.MIN_NORMAL / 5, Double.MAX_VALUE, Double.POSITIVE_INFINITY, 0.1};
        SplittableRandom rnd = new SplittableRandom(11);
        float[] big = new float[300_000]; // crosses the 1 MiB I/O chunk
        for (int i = 0; i < big.length; i++) {
            big[i] = Float.intBitsToFloat(rnd.nextInt());
        }
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("w", Tensor.wrap(f, 3, 4));
        in.put("d", Tensor.wrap(d, 9));
        in.put("big", Tensor.wrap(big, 1000, 300));
        in.put("scalar", Tensor.wrap(new double[] {-2.5}));
        in.put("empty", Tensor.zeros(0, 5));
        Path p = dir.resolve("ck.safetensors");
        SafeTensors.write(p, in, Map.of("format", "pt"));
        Map<String, Tensor> out = SafeTensors.read(p);
        assertEquals(in.keySet(), out.keySet());
        for (String k : in.keySet()) {
            Tensor a = in.get(k);
            Tensor b = out.get(k);
            assertEquals(a.dtype(), b.dtype(), k);
            assertArrayEquals(a.shape(), b.shape(), k);
            for (int i = 0; i < a.numel(); i++) {
                if (a.dtype() == DType.F32) {
                    assertEquals(Float.floatToRawIntBits(a.f32()[i]), Float.floatToRawIntBits(b.f32()[i]), k + "[" + i + "]");
                } else {
                    assertEquals(Double.doubleToRawLongBits(a.f64()[i]), Double.doubleToRawLongBits(b.f64()[i]), k + "[" + i + "]");
                }
            }
        }
        assertEquals(Map.of("format", "pt"), SafeTensors.readMetadata(p));
        // file order: F64 first (d, scalar by name), then F32 by name (big, empty, w)
        assertEquals(List.of("d", "scalar", "big", "empty", "w"), List.copyOf(out.keySet()));
        assertArrayEquals(Files.readAllBytes(p), SafeTensors.serialize(in, Map.of("format", "pt")));
    }

    @Test
    void writesTheExactBytesOfTheReferenceWriter() throws IOException {
        // Hand-built: the header JSON is 85 bytes, padded with 3 spaces to 88 = 0x58.
        String json = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals(85, json.length());
        ByteArrayOutputStream expect = new ByteArrayOutputStream();
        expect.writeBytes(new byte[] {0x58, 0, 0, 0, 0, 0, 0, 0});
        expect.writeBytes((json + "   ").getBytes(StandardCharsets.US_ASCII));
        expect.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0}); // 1.0f, -2.0f little-endian
        Path p = dir.resolve("tiny.safetensors");
        SafeTensors.write(p, Map.of("a", Tensor.of(1f, -2f)), Map.of("format", "pt"));
        assertArrayEquals(expect.toByteArray(), Files.readAllBytes(p));
    }

    @Test
    void ordersByDtypeThenNameBytesAndEscapesNamesAsSerdeJson() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("b", Tensor.of(1f));
        in.put("é", Tensor.of(2f));
        in.put("a\"\n\u0001/", Tensor.of(3f));
        in.put("z", Tensor.of(4.0));
        byte[] bytes = SafeTensors.serialize(in, null);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String expect = "{\"z\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"a\\\"\\n\\u0001/\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]},"
                + "\"é\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}}";
        assertEquals(expect, header.stripTrailing());
        Path p = dir.resolve("names.safetensors");
        Files.write(p, bytes);
        Map<String, Tensor> out = SafeTensors.read(p);
        assertEquals(List.of("z", "a\"\n\u0001/", "b", "é"), List.copyOf(out.keySet()));
        assertEquals(3f, out.get("a\"\n\u0001/").item());
    }

    @Test
    void writesMetadataSortedByKeySoTheBytesDoNotDependOnMapOrder() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("writer", "panamax");
        m.put("format", "pt");
        byte[] bytes = SafeTensors.serialize(Map.of(), m);
        String header = new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"format\":\"pt\",\"writer\":\"panamax\"}}", header.stripTrailing());
        assertArrayEquals(bytes, SafeTensors.serialize(Map.of(), Map.of("format", "pt", "writer", "panamax")));
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("m.safetensors");
        SafeTensors.write(p, Map.of("x", Tensor.of(1f)));
        SafeTensors.write(p, Map.of("x", Tensor.of(2f)));
        assertEquals(2f, SafeTensors.read(p).get("x").item());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
        Path plain = dir.resolve("plain");
        Files.write(plain, new byte[1]);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(p),
                    "a checkpoint gets the permissions of any new file, not a temporary file's owner-only ones");
        }
        Files.delete(plain);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(p, Map.of("__metadata__", Tensor.of(1f))));
        var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(p, Map.of("a\uD800", Tensor.of(1f))));
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
        assertEquals(2f, SafeTensors.read(p).get("x").item(), "a failed write leaves the old file");
    }

    // ------------------------------------------------------------ other dtypes

    @Test
    void readsTheOtherCommonDtypes() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort(Float.floatToFloat16(-1.5f)).putShort((short) 0x7C00); // F16: -1.5, +inf
        data.putShort((short) (Float.floatToRawIntBits(3.25f) >>> 16)); // BF16: 3.25
        data.put((byte) 0).put((byte) 1); // BOOL
        data.put((byte) 200); // U8
        data.put((byte) -100); // I8
        data.putShort((short) -30000); // I16
        data.putShort((short) 0xFFFF); // U16: 65535
        data.putInt(-2_000_000_000); // I32
        data.putInt(0xFFFFFFFF); // U32: 4294967295
        data.putLong(-(1L << 53) - 1); // I64: rounds to -(2^53)
        data.putLong(-1L); // U64: 2^64 - 1, rounds to 2^64
        String json = "{\"f16\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"bf16\":{\"dtype\":\"BF16\",\"shape\":[],\"data_offsets\":[4,6]},"
                + "\"bool\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[6,8]},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[8,9]},"
                + "\"i8\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[9,10]},"
                + "\"i16\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[10,12]},"
                + "\"u16\":{\"dtype\":\"U16\",\"shape\":[1],\"data_offsets\":[12,14]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[14,18]},"
                + "\"u32\":{\"dtype\":\"U32\",\"shape\":[1],\"data_offsets\":[18,22]},"
                + "\"i64\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[22,30]},"
                + "\"u64\":{\"dtype\":\"U64\",\"shape\":[1],\"data_offsets\":[30,38]}}";
        byte[] payload = new byte[38];
        data.flip().get(payload);
        Map<String, Tensor> t = SafeTensors.read(file("dtypes", json, payload));
        assertArrayEquals(new float[] {-1.5f, Float.POSITIVE_INFINITY}, t.get("f16").f32());
        assertEquals(0, t.get("bf16").dim());
        assertEquals(3.25, t.get("bf16").item());
        assertArrayEquals(new float[] {0, 1}, t.get("bool").f32());
        assertEquals(200.0, t.get("u8").item());
        assertEquals(-100.0, t.get("i8").item());
        assertEquals(-30000.0, t.get("i16").item());
        assertEquals(65535.0, t.get("u16").item());
        assertEquals(DType.F64, t.get("i32").dtype());
        assertEquals(-2_000_000_000.0, t.get("i32").item());
        assertEquals(4294967295.0, t.get("u32").item());
        assertEquals(-9007199254740992.0, t.get("i64").item());
        assertEquals(18446744073709551616.0, t.get("u64").item());
    }

    @Test
    void refusesDtypesPanamaxDoesNotRead() throws IOException {
        String m = rejected("f8", "{\"x\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]);
        assertTrue(m.contains("dtype F8_E4M3, which panamax does not read"), m);
    }

    // ------------------------------------------------------------ rejections

    private Path file(String name, byte[] headerBytes, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + headerBytes.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerBytes.length).put(headerBytes).put(data);
        Path p = dir.resolve(name + ".safetensors");
        Files.write(p, b.array());
        return p;
    }

    private Path file(String name, String header, byte[] data) throws IOException {
        return file(name, header.getBytes(StandardCharsets.UTF_8), data);
    }

    private String rejected(String name, String header, byte[] data) throws IOException {
        Path p = file(name, header, data);
        String m = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(p)).getMessage();
        assertTrue(m.contains(p.toString()), m);
        return m;
    }

    private static String one(String dtype, String shape, String offsets) {
        return "{\"x\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}";
    }

    private static void assertContains(String message, String fragment) {
        assertTrue(message.contains(fragment), "expected '" + fragment + "' in: " + message);
    }

    @Test
    void rejectsAFileShorterThanTheLengthField() throws IOException {
        Path p = dir.resolve("short.safetensors");
        Files.write(p, new byte[] {1, 0, 0});
        assertContains(assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(p)).getMessage(),
                "the file has 3 bytes, fewer than the 8 bytes");
    }

    @Test
    void rejectsAHugeHeaderLengthWithoutAllocatingIt() throws IOException {
        for (long n : new long[] {100_000_001L, Long.MAX_VALUE, -1L}) {
            Path p = dir.resolve("huge.safetensors");
            Files.write(p, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(n).putLong(0).array());
            assertContains(assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(p)).getMessage(),
                    "exceeds the limit of 100000000 bytes");
        }
    }

    @Test
    void rejectsAHeaderLengthPastTheEndOfTheFile() throws IOException {
        Path p = dir.resolve("past.safetensors");
        Files.write(p, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).putLong(0).array());
        assertContains(assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(p)).getMessage(),
                "header length 1000 runs past the end of the 16-byte file");
    }

    @Test
    void rejectsAHeaderThatIsNotUtf8() throws IOException {
        Path p = file("utf8", new byte[] {'{', (byte) 0xC3, '}', ' '}, new byte[0]);
        assertContains(assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(p)).getMessage(),
                "not valid UTF-8");
    }

    @Test
    void rejectsAHeaderThatIsNotAJsonObject() throws IOException {
        assertContains(rejected("start", "[1,2]   ", new byte[0]), "does not start with '{'");
        assertContains(rejected("json", "{\"x\":}", new byte[0]), "not valid JSON: unexpected character '}'");
        assertContains(rejected("trail", "{} x", new byte[0]), "trailing characters");
        assertContains(rejected("open", "{\"x\":{\"dtype\":", new byte[0]), "unexpected end of input");
        assertContains(rejected("ctrl", "{\"a\u0001\":1}", new byte[0]), "control character U+0001");
    }

    @Test
    void rejectsDeepNestingWithoutAStackOverflow() throws IOException {
        String deep = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertContains(rejected("deep", deep, new byte[0]), "nesting deeper than 128");
    }

    @Test
    void rejectsAHugeShapeArrayWithoutBuildingIt() throws IOException {
        String shape = "[" + "1,".repeat(5_000_000) + "1]";
        assertContains(rejected("longshape", one("F32", shape, "[0,4]"), new byte[4]), "array longer than 1024 entries");
    }

    @Test
    void rejectsUnknownDtypesAndIllTypedFields() throws IOException {
        assertContains(rejected("dtype", one("F31", "[1]", "[0,4]"), new byte[4]), "unknown dtype \"F31\"");
        assertContains(rejected("nodtype", "{\"x\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]),
                "dtype must be a string, got nothing");
        assertContains(rejected("negshape", one("F32", "[-1]", "[0,4]"), new byte[4]), "shape entry 0 must be a non-negative integer");
        assertContains(rejected("fracshape", one("F32", "[1.0]", "[0,4]"), new byte[4]), "shape entry 0 must be a non-negative integer");
        assertContains(rejected("offs3", one("F32", "[1]", "[0,4,4]"), new byte[4]), "data_offsets must have 2 entries, has 3");
        assertContains(rejected("notobj", "{\"x\":5}", new byte[0]), "tensor \"x\" must be an object");
        assertContains(rejected("meta", "{\"__metadata__\":{\"k\":1}}", new byte[0]), "value of \"k\" must be a string");
        assertContains(rejected("bignum", one("F32", "[99999999999999999999999]", "[0,4]"), new byte[4]), "too large");
        assertContains(rejected("longmax", one("U8", "[1]", "[0,9223372036854775807]"), new byte[1]), "needs 1 bytes");
        assertContains(rejected("nometa", "{\"__metadata__\":[]}", new byte[0]), "must be an object of strings");
    }

    @Test
    void rejectsDuplicateNames() throws IOException {
        String h = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertContains(rejected("dup", h, new byte[8]), "duplicate key \"x\"");
    }

    @Test
    void rejectsOffsetsWithHolesOverlapsOrAWrongStart() throws IOException {
        String two = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[%d,%d]}}";
        assertContains(rejected("hole", two.formatted(8, 12), new byte[12]),
                "tensor \"b\" has data_offsets [8, 12] but the previous tensor ends at 4");
        assertContains(rejected("overlap", two.formatted(2, 6), new byte[6]),
                "tensor \"b\" has data_offsets [2, 6] but the previous tensor ends at 4");
        assertContains(rejected("start", one("F32", "[1]", "[4,8]"), new byte[8]),
                "data_offsets [4, 8] but the previous tensor ends at 0");
        assertContains(rejected("backwards", one("F32", "[0]", "[0,0]").replace("\"x\"", "\"y\"")
                .replace("}}", "},\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}"), new byte[0]),
                "data_offsets [4, 0]");
    }

    @Test
    void rejectsAByteRangeThatDoesNotMatchTheShape() throws IOException {
        assertContains(rejected("size", one("F32", "[2,3]", "[0,20]"), new byte[20]),
                "shape [2, 3] of F32 needs 24 bytes, data_offsets [0, 20] hold 20");
        assertContains(rejected("overflow", one("F64", "[4294967296,4294967296]", "[0,8]"), new byte[8]), "overflows");
        assertContains(rejected("overflow2", one("U8", "[9223372036854775807,2]", "[0,8]"), new byte[8]), "overflows");
    }

    @Test
    void rejectsABufferThatIsNotExactlyCovered() throws IOException {
        assertContains(rejected("trailing", one("F32", "[1]", "[0,4]"), new byte[5]),
                "the tensors cover 4 bytes of data but the file holds 5");
        assertContains(rejected("truncated", one("F32", "[4]", "[0,16]"), new byte[10]), "(truncated?)");
    }

    @Test
    void rejectsAHugeClaimedTensorWithoutAllocatingIt() throws IOException {
        // 2^31 bytes claimed, 16 present: must fail on the length check, never allocate.
        assertContains(rejected("claim", one("U8", "[2147483648]", "[0,2147483648]"), new byte[16]), "truncated?");
    }

    @Test
    void readsAnEmptyFileWithOnlyMetadata() throws IOException {
        Path p = dir.resolve("empty.safetensors");
        SafeTensors.write(p, Map.of(), Map.of("k", "v"));
        assertTrue(SafeTensors.read(p).isEmpty());
        assertEquals(Map.of("k", "v"), SafeTensors.readMetadata(p));
        SafeTensors.write(p, Map.of());
        assertTrue(SafeTensors.readMetadata(p).isEmpty());
        assertFalse(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).contains("__metadata__"));
    }
}
