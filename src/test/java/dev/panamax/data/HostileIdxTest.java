// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import dev.panamax.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.testing.Mutate;
import dev.panamax.testing.Prop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile IDX and Fashion-MNIST files: labels of the wrong type, gzip bombs, and a seeded mutation
 * fuzz of the readers (plain, gzip, the folder reader). Every input gives a consistent result or
 * an IdxFormatException (or, for the folder, the documented IOException) with a short, printable
 * message.
 */
class HostileIdxTest {
    @TempDir
    Path dir;

    static void assertClean(String m) {
        assertTrue(m.length() < 1000, "message of " + m.length() + " chars");
        m.chars().forEach(c -> assertTrue(c >= 0x20 && c < 0x7F || Character.isLetterOrDigit(c),
                () -> String.format("U+%04X in: %s", c, m)));
    }

    @Test
    void labelsOfAnotherTypeThanUbyteAreAFormatError() throws IOException {
        for (Idx.Type t : new Idx.Type[] {Idx.Type.INT, Idx.Type.DOUBLE, Idx.Type.FLOAT, Idx.Type.BYTE}) {
            Path d = GeneratedFashionMnist.write(dir.resolve(t.name()), 3, 2, 1);
            Path labels = d.resolve(FashionMnist.TRAIN_LABELS);
            Idx.write(labels, Tensor.of(1f, 2f, 3f), t);
            String m = assertThrows(IdxFormatException.class, () -> FashionMnist.read(d)).getMessage();
            assertTrue(m.contains(labels + ": not a valid IDX file: expected a ubyte (0x08) file, the header says " + t), m);
        }
    }

    /**
     * header then the given count of zero bytes, gzip-compressed as concatenated members (which
     * GZIPInputStream reads as one stream): one 1 MiB member of zeros compressed once and repeated,
     * so a 100 MB bomb is built in milliseconds.
     */
    private static byte[] gzip(byte[] header, long zeros) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gz(header));
        byte[] mib = gz(new byte[1 << 20]);
        for (long left = zeros; left > 0; left -= 1 << 20) {
            out.write(left >= 1 << 20 ? mib : gz(new byte[(int) left]));
        }
        return out.toByteArray();
    }

    private static byte[] header(int type, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    @Test
    void aDeclaredSizeBeyondTheHeapIsRefusedBeforeAllocating() throws IOException {
        Path f = Files.write(dir.resolve("bomb.gz"), gzip(header(0x08, 1_500_000_000), 1 << 20));
        String m = assertThrows(IdxFormatException.class, () -> Idx.read(f)).getMessage();
        assertTrue(m.contains("dims [1500000000] of UBYTE declare 1500000000 elements; reading them needs about"), m);
        assertTrue(m.contains("raise -Xmx"), m);
        assertClean(m);
    }

    @Test
    void aGzipBombUnderASmallHeapGivesTheFormatExceptionNotOutOfMemory() throws Exception {
        // 100 M zero bytes in about 100 KB, as ubyte images and as labels read to float32.
        byte[] images = gzip(header(0x08, 127_551, 28, 28), 127_551L * 784);
        byte[] labels = gzip(header(0x08, 100_000_000), 100_000_000);
        assertTrue(images.length < 200_000 && labels.length < 200_000, images.length + ", " + labels.length);
        Path fi = Files.write(dir.resolve("train-images-idx3-ubyte.gz"), images);
        Path fl = Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), labels);
        List<String> cmd = ChildJvm.command(
                "-Xmx128m", "--add-modules", "jdk.incubator.vector", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), IdxReadMain.class.getName(), fi.toString(), fl.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        for (Path f : List.of(fi, fl)) {
            String line = out.lines().filter(l -> l.startsWith("read " + f + " ")).findFirst().orElse(null);
            assertNotNull(line, out);
            assertTrue(line.contains("-> dev.panamax.data.IdxFormatException: " + f + ": not a valid IDX file: dims ["), line);
            assertTrue(line.contains("more than the") && line.contains("maximum heap 128 MB"), line);
        }
    }

    // ------------------------------------------------------------ fuzzing

    private static final int[] CODES = {0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E};

    /** A small valid IDX file of a random type and shape. */
    private static byte[] seed(Generator g) throws IOException {
        int[] shape = Prop.shape(g, 1 + g.nextInt(3), 1, 4);
        Idx.Type type = Idx.Type.ofCode(CODES[g.nextInt(CODES.length)]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header(type.code(), shape));
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        for (int i = 0; i < n * type.byteSize(); i++) {
            out.write(type.byteSize() == 1 ? g.nextInt(256) : i % type.byteSize() == 0 ? 0x3F : g.nextInt(256));
        }
        return out.toByteArray();
    }

    /** One mutation: bits, truncation at a header or element boundary, header fields, extension. */
    private static byte[] mutate(Generator g, byte[] b) {
        int ndims = b.length > 3 ? b[3] & 0xFF : 0;
        int headerEnd = 4 + 4 * ndims;
        return switch (g.nextInt(7)) {
            case 6 -> Mutate.flipBits(g, b, headerEnd, b.length); // the data only: must still read
            case 0 -> Mutate.flipBits(g, b, 0, b.length);
            case 1 -> Mutate.truncate(g, b, 0, 2, 3, 4, headerEnd, headerEnd + 1, b.length - 1);
            case 2 -> Mutate.extend(g, b);
            case 3 -> Mutate.putInt(b, 2, 1, g.nextInt(3) == 0 ? g.nextInt(256) : CODES[g.nextInt(CODES.length)], true);
            case 4 -> Mutate.putInt(b, 3, 1, g.nextInt(2) == 0 ? ndims + g.nextInt(3) - 1 : g.nextInt(256), true);
            default -> ndims == 0 ? Mutate.extend(g, b)
                    : Mutate.putInt(b, 4 + 4 * g.nextInt(ndims), 4, Mutate.edgeValue(g), true);
        };
    }

    private static byte[] gz(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    /** Reads f as a tensor and as ubyte: consistent results or the format exception; true if the tensor read. */
    private static boolean checkRead(Path f) throws IOException {
        boolean read = false;
        try {
            Tensor t = Idx.read(f);
            long n = 1;
            for (int d : t.shape()) {
                assertTrue(d > 0);
                n *= d;
            }
            assertEquals(n, t.numel());
            read = true;
        } catch (IdxFormatException e) {
            assertTrue(e.getMessage().startsWith(f + ": not a valid IDX file: "), e.getMessage());
            assertClean(e.getMessage());
        }
        try {
            Idx.Ubyte u = Idx.readUbyte(f, -1);
            long n = 1;
            for (int d : u.shape()) {
                n *= d;
            }
            assertEquals(n, u.data().length);
        } catch (IdxFormatException e) {
            assertClean(e.getMessage());
        }
        return read;
    }

    @Test
    void mutatedIdxFilesPlainAndGzipReadConsistentlyOrFailWithTheFormatException() throws IOException {
        Path plain = dir.resolve("fuzz-idx");
        Path zipped = dir.resolve("fuzz-idx.gz");
        // A hang fails the test instead of the build: the budget grows with -Dpanamax.prop.tries.
        int[] outcomes = new int[2]; // refused, read
        assertTimeoutPreemptively(Prop.budget(30), () -> {
            Prop.forAll("idx mutations", 1200, g -> {
                try {
                    byte[] b = seed(g);
                    for (int k = g.nextInt(3) == 0 ? 2 + g.nextInt(2) : 1; k > 0; k--) {
                        b = mutate(g, b);
                    }
                    Files.write(plain, b);
                    outcomes[checkRead(plain) ? 1 : 0]++;
                    // gzip: the mutated content compressed, or the compressed seed mutated as bytes
                    byte[] z = g.nextInt(2) == 0 ? gz(b) : Mutate.truncate(g, Mutate.flipBits(g, gz(seed(g)), 0, 1 << 20),
                            0, 2, 10, 20);
                    Files.write(zipped, z);
                    outcomes[checkRead(zipped) ? 1 : 0]++;
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
    void mutatedFashionMnistFoldersReadOrFailWithADocumentedException() throws IOException {
        Path d = GeneratedFashionMnist.write(dir.resolve("fm"), 5, 3, 7);
        List<Path> files = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        for (String name : FashionMnist.FILES) {
            files.add(d.resolve(name));
            originals.add(Files.readAllBytes(d.resolve(name)));
        }
        // A hang fails the test instead of the build: the budget grows with -Dpanamax.prop.tries.
        assertTimeoutPreemptively(Prop.budget(30), () -> {
            Prop.forAll("fashion-mnist folder mutations", 300, g -> {
                int which = g.nextInt(files.size());
                Path f = files.get(which);
                Path gzFile = d.resolve(f.getFileName() + ".gz");
                try {
                    byte[] b = originals.get(which);
                    for (int k = g.nextInt(3) == 0 ? 2 + g.nextInt(2) : 1; k > 0; k--) {
                        b = mutate(g, b);
                    }
                    boolean zipped = g.nextInt(2) == 0;
                    Files.delete(f);
                    Files.write(zipped ? gzFile : f, zipped ? gz(b) : b);
                    try {
                        FashionMnist.Data data = FashionMnist.read(d);
                        assertEquals(data.train().size(), data.trainLabels().numel());
                        assertArrayEquals(new int[] {data.trainSize(), 1, 28, 28}, data.trainImages().shape());
                        assertEquals(data.testSize(), data.testLabels().numel());
                    } catch (IOException e) {
                        assertTrue(e instanceof IdxFormatException || e.getMessage().startsWith("Fashion-MNIST: "), e.toString());
                        assertClean(e.getMessage());
                    } finally {
                        Files.deleteIfExists(gzFile);
                        Files.write(f, originals.get(which));
                    }
                } catch (IOException e) {
                    throw new AssertionError(e.toString(), e);
                } catch (OutOfMemoryError | StackOverflowError e) {
                    throw new AssertionError(e.toString(), e);
                }
            });
        });
    }
}
