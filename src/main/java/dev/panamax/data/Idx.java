// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import dev.panamax.DType;
import dev.panamax.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes the IDX format of MNIST and Fashion-MNIST, plain or gzip-compressed.
 *
 * <p>The format (LeCun's MNIST page): two zero bytes; a type code byte ({@link Type}); a byte
 * giving the number of dims d; d big-endian 32-bit dim sizes; then the product of the dims
 * elements, big-endian, row-major (the last dim varies fastest). Nothing may follow the data.
 *
 * <p>The reader checks everything the header promises against what the file holds, so a damaged
 * or foreign file fails with an {@link IdxFormatException} saying what is wrong, instead of a
 * tensor of garbage, an out-of-memory error or a silent truncation.
 */
public final class Idx {
    private Idx() {}

    /** Element types of IDX, with their type code byte and size in bytes. */
    public enum Type {
        /** Unsigned byte, 0 to 255; read as float32. The type of MNIST's images and labels. */
        UBYTE(0x08, 1, DType.F32),
        /** Signed byte, -128 to 127; read as float32. */
        BYTE(0x09, 1, DType.F32),
        /** Signed 16-bit integer; read as float32 (exact). */
        SHORT(0x0B, 2, DType.F32),
        /** Signed 32-bit integer; read as float64, which holds every int exactly. */
        INT(0x0C, 4, DType.F64),
        /** IEEE float32; read as float32. */
        FLOAT(0x0D, 4, DType.F32),
        /** IEEE float64; read as float64. */
        DOUBLE(0x0E, 8, DType.F64);

        private final int code;
        private final int size;
        private final DType dtype;

        Type(int code, int size, DType dtype) {
            this.code = code;
            this.size = size;
            this.dtype = dtype;
        }

        /** The type code byte of the header. */
        public int code() {
            return code;
        }

        /** Bytes per element. */
        public int byteSize() {
            return size;
        }

        /** The dtype of the tensor that {@link Idx#read} returns for this type. */
        public DType dtype() {
            return dtype;
        }

        /** The type with this code byte, or null. */
        public static Type ofCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Most elements a Java array holds safely (the same bound as {@link dev.panamax.Shape#numel}). */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;

    /** File names of the MNIST family say their dim count: {@code train-images-idx3-ubyte}. */
    private static final Pattern KIND_IN_NAME = Pattern.compile("idx(\\d+)");

    private static final int CHUNK = 1 << 16;

    /**
     * Reads an IDX file, plain or gzip-compressed (told apart by the gzip magic bytes 1f 8b, not by
     * the name), into a new tensor with the file's dims: float32 for the byte, short and float
     * types, float64 for int and double (see {@link Type#dtype()}). Values are as stored, unscaled:
     * MNIST pixels come back as 0 to 255.
     *
     * <p>If the file name contains {@code idxN} (as in {@code train-images-idx3-ubyte.gz}), the
     * header must declare N dims.
     *
     * @param file the file; not modified
     * @return a new tensor
     * @throws IdxFormatException if the file is not well-formed: a short header, two first bytes
     *     that are not zero, an unknown type code, a dim count of 0 or one that does not fit the
     *     file kind, a dim that is zero or negative, a size beyond a Java array or beyond the heap
     *     this JVM has free, fewer or more data bytes than the header declares, a corrupt gzip
     *     stream
     * @throws IOException if the file cannot be read
     */
    public static Tensor read(Path file) throws IOException {
        return read(file, -1);
    }

    /**
     * As {@link #read(Path)}, and the header must declare {@code expectedDims} dims (3 for an
     * image file, 1 for a label file).
     *
     * @param file the file; not modified
     * @param expectedDims the required dim count, or -1 for any
     */
    public static Tensor read(Path file, int expectedDims) throws IOException {
        return (Tensor) open(file, expectedDims, false);
    }

    /** Reads a file as a Tensor, or as {@link Ubyte} when raw. */
    private static Object open(Path file, int expectedDims, boolean asBytes) throws IOException {
        boolean gzip = isGzip(file);
        long fileSize = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK);
                InputStream in = gzip ? new GZIPInputStream(raw, CHUNK) : raw) {
            return readStream(file, in, gzip ? -1 : fileSize, expectedDims, asBytes);
        } catch (EOFException | ZipException e) {
            throw new IdxFormatException(file, "the gzip stream is truncated or corrupt (" + e.getMessage()
                    + "); fetch the file again", e);
        }
    }

    /** The data of a ubyte IDX file as stored (one byte per value, 0 to 255) and its dims. */
    public record Ubyte(byte[] data, int[] shape) {}

    /**
     * As {@link #read(Path, int)} for a ubyte (0x08) file, keeping the bytes: a quarter of the
     * memory of the float32 tensor {@code read} returns. Images stay this small until a batch needs
     * them as floats.
     *
     * @throws IdxFormatException as {@link #read(Path)}, and if the file's type is not ubyte
     */
    public static Ubyte readUbyte(Path file, int expectedDims) throws IOException {
        return (Ubyte) open(file, expectedDims, true);
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] m = in.readNBytes(2);
            return m.length == 2 && (m[0] & 0xFF) == 0x1F && (m[1] & 0xFF) == 0x8B;
        }
    }

    /** plainSize is the file size of an uncompressed file (checked before allocating), or -1. */
    private static Object readStream(Path file, InputStream in, long plainSize, int expectedDims, boolean raw) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IdxFormatException(file, "short header: " + magic.length
                    + " bytes where the 4-byte magic number is expected");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(file, String.format(
                    "wrong magic: the first two bytes are 0x%02x 0x%02x, an IDX file starts with 0x00 0x00",
                    magic[0] & 0xFF, magic[1] & 0xFF));
        }
        Type type = Type.ofCode(magic[2] & 0xFF);
        if (type == null) {
            throw new IdxFormatException(file, String.format(
                    "wrong magic: unknown type code 0x%02x (IDX knows 0x08 ubyte, 0x09 byte, 0x0b short, 0x0c int,"
                            + " 0x0d float, 0x0e double)", magic[2] & 0xFF));
        }
        int ndims = magic[3] & 0xFF;
        if (ndims == 0) {
            throw new IdxFormatException(file, "wrong magic: the dimension count is 0, an IDX file has at least one dim");
        }
        if (expectedDims >= 0 && ndims != expectedDims) {
            throw new IdxFormatException(file, "wrong magic: the header declares " + ndims + " dims, this file must have "
                    + expectedDims);
        }
        Matcher kind = KIND_IN_NAME.matcher(file.getFileName().toString());
        if (kind.find() && !kind.group(1).equals(Integer.toString(ndims))) {
            throw new IdxFormatException(file, "wrong magic: the name says idx" + kind.group(1) + " but the header declares "
                    + ndims + " dims");
        }
        byte[] dimBytes = in.readNBytes(4 * ndims);
        if (dimBytes.length < 4 * ndims) {
            throw new IdxFormatException(file, "short header: " + ndims + " dims need " + (4 + 4 * ndims)
                    + " header bytes, the file has " + (4 + dimBytes.length));
        }
        int[] shape = new int[ndims];
        long numel = 1;
        for (int i = 0; i < ndims; i++) {
            int d = ((dimBytes[4 * i] & 0xFF) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16)
                    | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
            if (d <= 0) {
                throw new IdxFormatException(file, "dim " + i + " is " + d + " (as a signed 32-bit big-endian int);"
                        + " every dim must be positive");
            }
            shape[i] = d;
        }
        for (int i = 0; i < ndims; i++) {
            numel *= shape[i]; // at most (2^31)^2 before the check below: no long overflow
            if (numel > MAX_ELEMENTS) {
                throw new IdxFormatException(file, "size overflows: dims " + Arrays.toString(shape)
                        + " give more elements than a Java array holds (" + MAX_ELEMENTS + ")");
            }
        }
        long dataBytes = numel * type.size;
        long headerBytes = 4L + 4L * ndims;
        if (plainSize >= 0 && plainSize - headerBytes != dataBytes) {
            long have = plainSize - headerBytes;
            throw new IdxFormatException(file, (have < dataBytes ? "truncated: " : "trailing bytes: ") + "dims "
                    + Arrays.toString(shape) + " of " + type + " need " + dataBytes + " data bytes after the "
                    + headerBytes + "-byte header, the file has " + have);
        }
        if (raw && type != Type.UBYTE) {
            throw new IdxFormatException(file, String.format("expected a ubyte (0x08) file, the header says %s (0x%02x)",
                    type, type.code));
        }
        requireHeap(file, type, shape, numel, raw, plainSize >= 0);
        return readData(file, in, type, shape, (int) numel, plainSize >= 0, raw);
    }

    /**
     * Refuses, before allocating, a declared size this JVM cannot hold: the arrays read at their
     * largest (for a gzip stream, whose length is known only at its end, the growing array and its
     * copy: twice the result) against the heap not in use. So a 97 KB gzip file declaring 100 M
     * elements under -Xmx128m fails with a message, not an OutOfMemoryError; a file that fits the
     * heap is read as data arrives, so a small file declaring a large size allocates only what it
     * delivers before it is found short.
     */
    private static void requireHeap(Path file, Type type, int[] shape, long numel, boolean raw, boolean sizeKnown)
            throws IdxFormatException {
        long width = raw ? 1 : type.dtype == DType.F32 ? Float.BYTES : Double.BYTES;
        long need = numel * width * (sizeKnown ? 1 : 2);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free) {
            System.gc(); // only on the way to refusing: garbage must not count as used
            free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        if (need > free) {
            throw new IdxFormatException(file, "dims " + Arrays.toString(shape) + " of " + type + " declare " + numel
                    + " elements; reading them needs about " + mb(need) + " MB" + (sizeKnown ? "" : " (a gzip stream is read"
                    + " into a growing array)") + ", more than the " + mb(free) + " MB this JVM has free (maximum heap "
                    + mb(rt.maxMemory()) + " MB). A damaged file declaring a huge size, or raise -Xmx");
        }
    }

    private static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static Object readData(Path file, InputStream in, Type type, int[] shape, int numel, boolean sizeKnown,
                                   boolean raw) throws IOException {
        // A gzip stream's length is known only at its end: grow the array as data arrives so a tiny
        // hostile file that declares a huge shape cannot make us allocate gigabytes up front.
        int capacity = sizeKnown ? numel : Math.min(numel, 1 << 20);
        byte[] b = raw ? new byte[capacity] : null;
        float[] f = !raw && type.dtype == DType.F32 ? new float[capacity] : null;
        double[] d = !raw && type.dtype == DType.F64 ? new double[capacity] : null;
        byte[] buf = new byte[CHUNK];
        int perChunk = CHUNK / type.size;
        int done = 0;
        while (done < numel) {
            int want = Math.min(perChunk, numel - done);
            int got = in.readNBytes(buf, 0, want * type.size);
            if (got < want * type.size) {
                long declared = (long) numel * type.size;
                throw new IdxFormatException(file, "truncated: dims " + Arrays.toString(shape) + " of " + type + " need "
                        + declared + " data bytes, the data ends after " + ((long) done * type.size + got));
            }
            if (done + want > capacity) {
                capacity = (int) Math.min(numel, Math.max((long) capacity * 2, done + want));
                if (b != null) {
                    b = Arrays.copyOf(b, capacity);
                } else if (f != null) {
                    f = Arrays.copyOf(f, capacity);
                } else {
                    d = Arrays.copyOf(d, capacity);
                }
            }
            if (b != null) {
                System.arraycopy(buf, 0, b, done, want);
            } else {
                decode(type, buf, want, f, d, done);
            }
            done += want;
        }
        int extra = in.readNBytes(buf, 0, CHUNK); // counts up to CHUNK: a gzip bomb must not keep us here
        if (extra > 0) {
            throw new IdxFormatException(file, "trailing bytes: " + (extra == CHUNK ? "at least " : "") + extra
                    + " byte(s) after the " + ((long) numel * type.size)
                    + " data bytes that dims " + Arrays.toString(shape) + " of " + type + " declare");
        }
        return b != null ? new Ubyte(b, shape) : f != null ? Tensor.wrap(f, shape) : Tensor.wrap(d, shape);
    }

    private static void decode(Type type, byte[] b, int count, float[] f, double[] d, int at) {
        switch (type) {
            case UBYTE -> {
                for (int i = 0; i < count; i++) {
                    f[at + i] = b[i] & 0xFF;
                }
            }
            case BYTE -> {
                for (int i = 0; i < count; i++) {
                    f[at + i] = b[i];
                }
            }
            case SHORT -> {
                for (int i = 0; i < count; i++) {
                    f[at + i] = (short) (((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF));
                }
            }
            case INT -> {
                for (int i = 0; i < count; i++) {
                    d[at + i] = int32(b, 4 * i);
                }
            }
            case FLOAT -> {
                for (int i = 0; i < count; i++) {
                    f[at + i] = Float.intBitsToFloat(int32(b, 4 * i));
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < count; i++) {
                    long bits = ((long) int32(b, 8 * i) << 32) | (int32(b, 8 * i + 4) & 0xFFFFFFFFL);
                    d[at + i] = Double.longBitsToDouble(bits);
                }
            }
        }
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /**
     * Writes a tensor as an IDX file of the given element type, gzip-compressed if the file name
     * ends with {@code .gz}. Replaces an existing file; creates missing parent folders.
     *
     * @param file the file to write
     * @param t the tensor; not modified. Its rank must be 1 to 255 and every dim positive, as IDX
     *     requires
     * @param type the element type; for the integer types every value must be an integer in the
     *     type's range (UBYTE 0..255, BYTE -128..127, ...). FLOAT rounds float64 values to float32
     * @throws IllegalArgumentException if the shape or a value does not fit, naming the first
     *     offending element
     */
    public static void write(Path file, Tensor t, Type type) throws IOException {
        int[] shape = t.shape();
        if (shape.length == 0 || shape.length > 255) {
            throw new IllegalArgumentException("Idx.write: IDX holds 1 to 255 dims, the tensor has " + shape.length);
        }
        for (int s : shape) {
            if (s <= 0) {
                throw new IllegalArgumentException("Idx.write: IDX dims must be positive, the shape is " + Arrays.toString(shape));
            }
        }
        int n = t.numel();
        for (int i = 0; i < n; i++) {
            checkFits(type, t.getFlat(i), i);
        }
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream z = gzip ? new GZIPOutputStream(raw, CHUNK) : raw;
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(z, CHUNK))) {
            out.writeShort(0);
            out.writeByte(type.code);
            out.writeByte(shape.length);
            for (int s : shape) {
                out.writeInt(s);
            }
            for (int i = 0; i < n; i++) {
                double v = t.getFlat(i);
                switch (type) {
                    case UBYTE, BYTE -> out.writeByte((int) v);
                    case SHORT -> out.writeShort((int) v);
                    case INT -> out.writeInt((int) v);
                    case FLOAT -> out.writeFloat((float) v);
                    case DOUBLE -> out.writeDouble(v);
                }
            }
        }
    }

    private static void checkFits(Type type, double v, int i) {
        double lo;
        double hi;
        switch (type) {
            case UBYTE -> { lo = 0; hi = 255; }
            case BYTE -> { lo = Byte.MIN_VALUE; hi = Byte.MAX_VALUE; }
            case SHORT -> { lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; }
            case INT -> { lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; }
            default -> { return; }
        }
        if (!(v >= lo && v <= hi) || v != Math.rint(v)) {
            throw new IllegalArgumentException("Idx.write: element " + i + " is " + v + ", which " + type
                    + " cannot hold (integers " + (long) lo + " to " + (long) hi + ")");
        }
    }
}
