// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdxTest {
    @TempDir
    Path dir;

    /** Values that exercise each type's range: extremes, zero, and (for floats) specials. */
    private static double[] samples(Idx.Type type) {
        return switch (type) {
            case UBYTE -> new double[] {0, 1, 127, 128, 254, 255};
            case BYTE -> new double[] {-128, -1, 0, 1, 100, 127};
            case SHORT -> new double[] {-32768, -1, 0, 1, 1000, 32767};
            case INT -> new double[] {Integer.MIN_VALUE, -1, 0, 1, 16777217, Integer.MAX_VALUE};
            case FLOAT -> new double[] {-0.0, Float.MIN_VALUE, 1.5, Float.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY};
            case DOUBLE -> new double[] {-0.0, Double.MIN_VALUE, 0.1, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY};
        };
    }

    @ParameterizedTest
    @EnumSource(Idx.Type.class)
    void roundTripsEveryTypePlainAndGzip(Idx.Type type) throws IOException {
        double[] v = samples(type);
        Tensor t = Tensor.fromArray(v, 2, 3);
        for (String name : new String[] {"t.idx", "t.idx.gz"}) {
            Path f = dir.resolve(type + "-" + name);
            Idx.write(f, t, type);
            byte[] bytes = Files.readAllBytes(f);
            assertEquals(name.endsWith(".gz"), (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B, name);
            Tensor r = Idx.read(f);
            assertArrayEquals(new int[] {2, 3}, r.shape());
            assertEquals(type.dtype(), r.dtype());
            for (int i = 0; i < v.length; i++) {
                double expect = type == Idx.Type.FLOAT ? (float) v[i] : v[i];
                assertEquals(Double.doubleToRawLongBits(expect), Double.doubleToRawLongBits(r.getFlat(i)),
                        type + " element " + i + ": " + expect + " vs " + r.getFlat(i));
            }
        }
    }

    @Test
    void writesTheExactBytesOfTheFormat() throws IOException {
        Path f = dir.resolve("x-idx2-ubyte");
        Idx.write(f, Tensor.fromArray(new float[] {1, 2, 3, 250, 5, 6}, 2, 3), Idx.Type.UBYTE);
        assertArrayEquals(new byte[] {0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, (byte) 250, 5, 6}, Files.readAllBytes(f));
        Path g = dir.resolve("y");
        Idx.write(g, Tensor.of(-2f), Idx.Type.SHORT);
        assertArrayEquals(new byte[] {0, 0, 0x0B, 1, 0, 0, 0, 1, (byte) 0xFF, (byte) 0xFE}, Files.readAllBytes(g));
    }

    @Test
    void readsALargerGzipFileAcrossManyChunks() throws IOException {
        int n = 70_001; // more than one 64 KiB chunk and more than the initial capacity would not matter
        float[] v = new float[3 * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 31) % 256;
        }
        Path f = dir.resolve("big-idx2-ubyte.gz");
        Idx.write(f, Tensor.wrap(v, n, 3), Idx.Type.UBYTE);
        Tensor r = Idx.read(f, 2);
        assertArrayEquals(new int[] {n, 3}, r.shape());
        assertArrayEquals(v, r.f32());
    }

    @Test
    void writeRejectsValuesTheTypeCannotHold() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Idx.write(dir.resolve("a"), Tensor.of(1f, 256f), Idx.Type.UBYTE));
        assertTrue(e.getMessage().contains("element 1 is 256.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Idx.write(dir.resolve("a"), Tensor.of(0.5f), Idx.Type.INT));
        assertTrue(e.getMessage().contains("element 0 is 0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Idx.write(dir.resolve("a"), Tensor.zeros(2, 0), Idx.Type.UBYTE));
        assertTrue(e.getMessage().contains("dims must be positive"), e.getMessage());
    }

    // ------------------------------------------------------------ rejections

    private static byte[] header(int type, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    private static byte[] concat(byte[] a, int extraZeros) {
        return Arrays.copyOf(a, a.length + extraZeros);
    }

    private String rejected(String name, byte[] content, boolean gzip) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, gzip ? gzip(content) : content);
        return assertThrows(IdxFormatException.class, () -> Idx.read(f)).getMessage();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(content);
        }
        return out.toByteArray();
    }

    private void assertRejected(String name, byte[] content, String... fragments) throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            String m = rejected(name + (gz ? ".gz" : ""), content, gz);
            assertTrue(m.contains(name), m);
            for (String frag : fragments) {
                assertTrue(m.contains(frag), (gz ? "gzip: " : "plain: ") + "expected '" + frag + "' in: " + m);
            }
        }
    }

    @Test
    void rejectsAShortHeader() throws IOException {
        assertRejected("empty", new byte[0], "short header: 0 bytes");
        assertRejected("three", new byte[] {0, 0, 8}, "short header: 3 bytes");
        assertRejected("dims-cut", Arrays.copyOf(header(8, 5, 5), 9), "short header: 2 dims need 12 header bytes, the file has 9");
    }

    @Test
    void rejectsAWrongMagic() throws IOException {
        assertRejected("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0}, "wrong magic: the first two bytes are 0x89 0x50");
        assertRejected("code", concat(header(0x0A, 1), 1), "unknown type code 0x0a");
        assertRejected("nodims", header(8), "dimension count is 0");
        assertRejected("labels-idx1-ubyte", concat(header(8, 1, 1), 1), "the name says idx1 but the header declares 2 dims");
        Path f = dir.resolve("any");
        Files.write(f, concat(header(8, 2), 2));
        String m = assertThrows(IdxFormatException.class, () -> Idx.read(f, 3)).getMessage();
        assertTrue(m.contains("declares 1 dims, this file must have 3"), m);
    }

    @Test
    void rejectsZeroAndNegativeDims() throws IOException {
        assertRejected("zero", header(8, 3, 0), "dim 1 is 0");
        assertRejected("negative", header(8, -5), "dim 0 is -5");
    }

    @Test
    void rejectsASizeThatOverflows() throws IOException {
        assertRejected("huge", header(8, 65536, 65536), "size overflows: dims [65536, 65536]");
        assertRejected("huge2", header(0x0E, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE), "size overflows");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        assertRejected("short-data", concat(header(0x0D, 2, 3), 23), "truncated", "need 24 data bytes");
        // a header promising a huge (but array-sized) tensor with almost no data: no big allocation
        assertRejected("promise", concat(header(0x0E, 20_000_000), 8), "truncated", "160000000 data bytes");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        assertRejected("long-data", concat(header(8, 2, 3), 7), "trailing bytes", "6 data bytes");
    }

    @Test
    void rejectsATruncatedGzipStream() throws IOException {
        byte[] z = gzip(concat(header(8, 1000), 1000));
        Path f = dir.resolve("cut.gz");
        Files.write(f, Arrays.copyOf(z, z.length - 12));
        String m = assertThrows(IdxFormatException.class, () -> Idx.read(f)).getMessage();
        assertTrue(m.contains("cut.gz") && (m.contains("gzip stream is truncated") || m.contains("truncated")), m);
    }

    @Test
    void readsFloat64ForIntSoLargeValuesStayExact() throws IOException {
        Path f = dir.resolve("ints");
        Idx.write(f, Tensor.of(16777217.0), Idx.Type.INT);
        Tensor r = Idx.read(f);
        assertEquals(DType.F64, r.dtype());
        assertEquals(16777217.0, r.getFlat(0));
    }
}
