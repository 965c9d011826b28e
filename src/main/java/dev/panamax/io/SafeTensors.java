// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import dev.panamax.DType;
import dev.panamax.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the safetensors format of Hugging Face, so weights move between panamax and
 * PyTorch ({@code safetensors.torch.save_file} / {@code load_file}).
 *
 * <p>The format: 8 bytes, the header length N as an unsigned little-endian 64-bit integer; N bytes
 * of UTF-8 JSON, {@code {"__metadata__":{"k":"v"},"name":{"dtype":"F32","shape":[2,3],
 * "data_offsets":[begin,end]},...}}; then the byte buffer, in which each tensor occupies
 * [begin, end) as raw little-endian row-major values.
 *
 * <p>The writer produces what the reference writer (the Rust crate behind the Python package)
 * produces for the same tensors: tensors ordered by dtype, wider first (F64 before F32), then by
 * name in byte order; compact JSON with {@code __metadata__} first; the header padded with spaces
 * to a multiple of 8 bytes.
 *
 * <p>The reader checks what the reference reader checks, and fails with a
 * {@link SafeTensorsFormatException} naming the problem: a file shorter than 8 bytes; a header
 * length above {@value #MAX_HEADER_SIZE} bytes or past the end of the file; a header that is not
 * UTF-8, does not start with '{' or is not JSON (nesting is bounded); an unknown dtype; missing or
 * ill-typed fields; duplicate names; offsets that, sorted, do not start at 0 and follow each other
 * without overlap or hole; a byte range different from the shape's element count times the dtype
 * size (with overflow checks); a last offset that is not the end of the file. Nothing is allocated
 * before the sizes it depends on are checked against the file's length and against the heap this
 * JVM has free (the tensors' arrays; the members of the header's objects, projected as they are
 * parsed; a string of the header, at each doubling of its buffer), so a hostile file, or a valid one
 * too large for the heap, gets an exception with the memory it needs, never an
 * {@code OutOfMemoryError} or a hang.
 *
 * <pre>{@code
 * SafeTensors.write(Path.of("t.safetensors"), Map.of("w", w, "b", b));
 * Map<String, Tensor> back = SafeTensors.read(Path.of("t.safetensors"));
 * }</pre>
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** The reference implementation's limit on the header length, in bytes. */
    public static final long MAX_HEADER_SIZE = 100_000_000L;

    /** Key of the free-form string map in the header. */
    public static final String METADATA_KEY = "__metadata__";

    private static final int IO_CHUNK = 1 << 20;

    /**
     * The dtypes of the safetensors format, in the reference implementation's order (the writer
     * sorts by it, last first), with their size in bits.
     */
    enum Kind {
        BOOL(8), F4(4), F6_E2M3(6), F6_E3M2(6), U8(8), I8(8), F8_E5M2(8), F8_E4M3(8), F8_E8M0(8), I16(16), U16(16),
        F16(16), BF16(16), I32(32), U32(32), F32(32), F64(64), C64(64), I64(64), U64(64);

        final int bits;

        Kind(int bits) {
            this.bits = bits;
        }

        static Kind of(String name) {
            for (Kind k : values()) {
                if (k.name().equals(name)) {
                    return k;
                }
            }
            return null;
        }

        /** The panamax dtype this reads into, or null if panamax does not read it. */
        DType target() {
            return switch (this) {
                case BOOL, U8, I8, I16, U16, F16, BF16, F32 -> DType.F32;
                case I32, U32, I64, U64, F64 -> DType.F64;
                default -> null;
            };
        }
    }

    // ------------------------------------------------------------------------------ writing

    /**
     * Writes tensors to a safetensors file, without metadata. See
     * {@link #write(Path, Map, Map)}.
     */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, null);
    }

    /**
     * Writes tensors and a string metadata map to a safetensors file, as described in the class
     * comment. The file is written to a temporary file in the same directory, flushed to disk and
     * renamed over {@code file}, and the directory flushed, so a crash leaves either the old file
     * or the complete new one; the temporary files of writes killed earlier are removed (see
     * {@link AtomicWrite}). Missing parent folders are created.
     *
     * @param file the file to create or replace
     * @param tensors names to float32 or float64 tensors; not modified. No name may be
     *     {@value #METADATA_KEY}
     * @param metadata strings stored under {@value #METADATA_KEY}, sorted by key (in UTF-8 byte
     *     order, so the bytes do not depend on the map's iteration order, which for
     *     {@code Map.of} changes from run to run; the reference writer's order is a hash map's), or
     *     null for none (then the key is absent, as in the reference writer); not modified
     * @throws IllegalArgumentException for a null or reserved name, or a null tensor or value
     * @throws IOException if writing fails, its message naming {@code file} as given; the temporary
     *     file is then deleted
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, Tensor>> order = writeOrder(tensors);
        byte[] header = header(order, metadata);
        AtomicWrite.replace(file, "SafeTensors.write", ch -> {
            ByteBuffer buf = ByteBuffer.allocate(IO_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(header.length);
            writeBytes(ch, buf, header);
            for (Map.Entry<String, Tensor> e : order) {
                writeData(ch, buf, e.getValue());
            }
            buf.flip();
            writeFully(ch, buf);
        });
    }

    /**
     * The bytes {@link #write(Path, Map, Map)} writes, in memory: for tests and for callers that
     * send checkpoints elsewhere. Allocates the whole file.
     */
    public static byte[] serialize(Map<String, Tensor> tensors, Map<String, String> metadata) {
        List<Map.Entry<String, Tensor>> order = writeOrder(tensors);
        byte[] header = header(order, metadata);
        long total = 8L + header.length;
        for (Map.Entry<String, Tensor> e : order) {
            total += (long) e.getValue().numel() * e.getValue().dtype().byteSize();
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("serialize: " + total + " bytes do not fit a byte array; use write(Path, ...)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        for (Map.Entry<String, Tensor> e : order) {
            Tensor t = e.getValue();
            if (t.dtype() == DType.F32) {
                b.asFloatBuffer().put(t.f32());
            } else {
                b.asDoubleBuffer().put(t.f64());
            }
            b.position(b.position() + t.numel() * t.dtype().byteSize());
        }
        return b.array();
    }

    private static List<Map.Entry<String, Tensor>> writeOrder(Map<String, Tensor> tensors) {
        Objects.requireNonNull(tensors, "tensors");
        List<Map.Entry<String, Tensor>> order = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.write: tensor name " + e.getKey()
                        + " is not allowed (null, or the reserved " + METADATA_KEY + ")");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.write: tensor \"" + e.getKey() + "\" is null");
            }
            requireUtf8("tensor name", e.getKey());
            order.add(Map.entry(e.getKey(), e.getValue()));
        }
        // The reference writer: dtype descending in its enum order (F64 before F32), then name.
        Comparator<Map.Entry<String, Tensor>> byDtype =
                Comparator.comparing(e -> kindOf(e.getValue().dtype()), Comparator.reverseOrder());
        order.sort(byDtype.thenComparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        return order;
    }

    /** A string with an unpaired surrogate has no UTF-8 form: refuse it rather than write '?'. */
    private static void requireUtf8(String what, String s) {
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(s)) {
            throw new IllegalArgumentException("SafeTensors.write: " + what + " \"" + s
                    + "\" has an unpaired surrogate and cannot be written as UTF-8");
        }
    }

    private static Kind kindOf(DType d) {
        return d == DType.F32 ? Kind.F32 : Kind.F64;
    }

    private static byte[] header(List<Map.Entry<String, Tensor>> order, Map<String, String> metadata) {
        StringBuilder j = new StringBuilder("{");
        if (metadata != null) {
            Json.quote(j, METADATA_KEY);
            j.append(":{");
            boolean first = true;
            List<Map.Entry<String, String>> sorted = new ArrayList<>(metadata.entrySet());
            for (Map.Entry<String, String> e : sorted) {
                if (e.getKey() == null) {
                    throw new IllegalArgumentException("SafeTensors.write: metadata keys must not be null");
                }
                requireUtf8("metadata key", e.getKey());
                if (e.getValue() != null) {
                    requireUtf8("metadata value", e.getValue());
                }
            }
            sorted.sort(Comparator.comparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
            for (Map.Entry<String, String> e : sorted) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("SafeTensors.write: metadata keys and values must not be null: " + e);
                }
                if (!first) {
                    j.append(',');
                }
                first = false;
                Json.quote(j, e.getKey());
                j.append(':');
                Json.quote(j, e.getValue());
            }
            j.append('}');
            if (!order.isEmpty()) {
                j.append(',');
            }
        }
        long offset = 0;
        for (int k = 0; k < order.size(); k++) {
            Tensor t = order.get(k).getValue();
            long len = (long) t.numel() * t.dtype().byteSize();
            if (k > 0) {
                j.append(',');
            }
            Json.quote(j, order.get(k).getKey());
            j.append(":{\"dtype\":\"").append(kindOf(t.dtype())).append("\",\"shape\":[");
            int[] shape = t.shape();
            for (int d = 0; d < shape.length; d++) {
                j.append(d > 0 ? "," : "").append(shape[d]);
            }
            j.append("],\"data_offsets\":[").append(offset).append(',').append(offset + len).append("]}");
            offset += len;
        }
        j.append('}');
        byte[] json = j.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeBytes(FileChannel ch, ByteBuffer buf, byte[] bytes) throws IOException {
        int at = 0;
        while (at < bytes.length) {
            if (!buf.hasRemaining()) {
                flush(ch, buf);
            }
            int n = Math.min(buf.remaining(), bytes.length - at);
            buf.put(bytes, at, n);
            at += n;
        }
    }

    private static void writeData(FileChannel ch, ByteBuffer buf, Tensor t) throws IOException {
        int n = t.numel();
        if (t.dtype() == DType.F32) {
            float[] a = t.f32();
            for (int at = 0; at < n; ) {
                if (buf.remaining() < 4) {
                    flush(ch, buf);
                }
                int k = Math.min(buf.remaining() / 4, n - at);
                buf.asFloatBuffer().put(a, at, k);
                buf.position(buf.position() + 4 * k);
                at += k;
            }
        } else {
            double[] a = t.f64();
            for (int at = 0; at < n; ) {
                if (buf.remaining() < 8) {
                    flush(ch, buf);
                }
                int k = Math.min(buf.remaining() / 8, n - at);
                buf.asDoubleBuffer().put(a, at, k);
                buf.position(buf.position() + 8 * k);
                at += k;
            }
        }
    }

    private static void flush(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        writeFully(ch, buf);
        buf.clear();
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    // ------------------------------------------------------------------------------ reading

    /** A parsed and validated header entry. */
    private record Entry(String name, Kind kind, long[] shape, long begin, long end) {}

    /** A parsed and validated file: its tensors in offset order and its metadata. */
    private record Header(long dataStart, List<Entry> entries, Map<String, String> metadata) {}

    /**
     * Reads every tensor of a safetensors file into new tensors. F32 and F64 are read bit for bit;
     * the other dtypes are converted: BOOL, U8, I8, I16, U16, F16, BF16 to float32 (exactly), I32,
     * U32 to float64 (exactly), I64, U64 to float64 (rounded to nearest beyond 2^53). F8, F6, F4
     * and C64 are refused.
     *
     * @param file the file; not modified
     * @return names to tensors, in the order of their data in the file (a {@link LinkedHashMap})
     * @throws SafeTensorsFormatException if the file breaks a rule of the format (see the class
     *     comment), holds a dtype panamax does not read, or a tensor too large for a Java array
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = readHeader(file, ch);
            long need = 0;
            for (Entry e : h.entries) {
                need += readable(file, e) + Json.Parser.BYTES_PER_MEMBER; // every tensor checked before the first is allocated
            }
            requireHeap(file, h.entries.size(), need);
            Map<String, Tensor> out = new LinkedHashMap<>();
            // One I/O buffer for all tensors (IO_CHUNK is a multiple of every dtype width), no
            // larger than the data: a file of a million tiny tensors must not allocate a chunk each.
            long dataBytes = h.entries.isEmpty() ? 0 : h.entries.get(h.entries.size() - 1).end;
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(IO_CHUNK, Math.max(8, dataBytes)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : h.entries) {
                out.put(e.name, readTensor(file, ch, h.dataStart, e, buf));
            }
            return out;
        }
    }

    /**
     * The {@value #METADATA_KEY} map of a safetensors file, after validating the whole header as
     * {@link #read} does (the data is not read).
     *
     * @return the strings in file order, empty if the file has none (unmodifiable)
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return Collections.unmodifiableMap(readHeader(file, ch).metadata);
        }
    }

    private static Header readHeader(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new SafeTensorsFormatException(file, "the file has " + size
                    + " bytes, fewer than the 8 bytes of the header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        if (n < 0 || n > MAX_HEADER_SIZE) {
            throw new SafeTensorsFormatException(file, "header length " + Long.toUnsignedString(n)
                    + " exceeds the limit of " + MAX_HEADER_SIZE + " bytes (is this a safetensors file?)");
        }
        if (n + 8 > size) {
            throw new SafeTensorsFormatException(file, "header length " + n + " runs past the end of the "
                    + size + "-byte file (truncated?)");
        }
        // The first byte is checked before anything the length asks for is allocated, and the
        // header is then parsed as it is read: a 100 MB header of zeros costs one read.
        ByteBuffer first = ByteBuffer.allocate(1);
        if (n > 0) {
            readFully(file, ch, first, 8);
        }
        if (n == 0 || first.get(0) != '{') {
            throw new SafeTensorsFormatException(file, "the header does not start with '{'"
                    + (n == 0 ? " (it is empty)" : String.format(" (its first byte is 0x%02x)", first.get(0) & 0xFF)));
        }
        // Members are turned into compact entries as they are parsed: the JSON tree of a large
        // header is never held whole.
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        try {
            Json.parseObjectMembers(new Json.Input(ch, 8, n), (key, value) -> {
                if (key.equals(METADATA_KEY)) {
                    readMetadataMap(file, value, metadata);
                } else {
                    entries.add(entry(file, key, value));
                }
            });
        } catch (Json.ParseException e) {
            throw new SafeTensorsFormatException(file, (e.encoding ? "the header is not valid UTF-8: " : "the header is not valid JSON: ")
                    + e.getMessage(), e);
        } catch (EOFException e) {
            throw new SafeTensorsFormatException(file, "the file ended early (was it truncated while being read?)", e);
        } catch (Json.TooLargeException e) {
            throw SafeTensorsFormatException.cannotHold(file, e.getMessage() + tooLarge());
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        for (Entry e : entries) {
            if (e.begin != at || e.end < e.begin) {
                throw new SafeTensorsFormatException(file, "tensor " + Text.quote(e.name) + " has data_offsets [" + e.begin + ", "
                        + e.end + "] but the previous tensor ends at " + at
                        + "; tensors must follow each other from offset 0 without overlap or hole");
            }
            long elements = 1;
            for (long d : e.shape) {
                elements = multiply(file, e, elements, d);
            }
            long bits = multiply(file, e, elements, e.kind.bits);
            if (bits % 8 != 0) {
                throw new SafeTensorsFormatException(file, "tensor " + Text.quote(e.name) + ": " + elements + " elements of "
                        + e.kind + " are not a whole number of bytes");
            }
            if (e.end - e.begin != bits / 8) {
                throw new SafeTensorsFormatException(file, "tensor " + Text.quote(e.name) + ": shape " + shapeString(e.shape)
                        + " of " + e.kind + " needs " + bits / 8 + " bytes, data_offsets [" + e.begin + ", " + e.end
                        + "] hold " + (e.end - e.begin));
            }
            at = e.end;
        }
        if (8 + n + at != size) {
            throw new SafeTensorsFormatException(file, "the tensors cover " + at + " bytes of data but the file holds "
                    + (size - 8 - n) + " after the header; the data must end exactly at the end of the file"
                    + (8 + n + at > size ? " (truncated?)" : ""));
        }
        return new Header(8 + n, entries, metadata);
    }

    private static long multiply(Path file, Entry e, long a, long b) throws SafeTensorsFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException x) {
            throw new SafeTensorsFormatException(file, "tensor " + Text.quote(e.name) + ": the size of shape "
                    + shapeString(e.shape) + " of " + e.kind + " overflows");
        }
    }

    private static void readMetadataMap(Path file, Object v, Map<String, String> into) throws SafeTensorsFormatException {
        if (v == Json.NULL) {
            return; // the reference reads null as "no metadata"
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new SafeTensorsFormatException(file, METADATA_KEY + " must be an object of strings");
        }
        for (Map.Entry<?, ?> kv : m.entrySet()) {
            if (!(kv.getValue() instanceof String s)) {
                throw new SafeTensorsFormatException(file, METADATA_KEY + " value of " + Text.quote(String.valueOf(kv.getKey()))
                        + " must be a string, got " + describe(kv.getValue()));
            }
            into.put((String) kv.getKey(), s);
        }
    }

    private static Entry entry(Path file, String name, Object v) throws SafeTensorsFormatException {
        if (!(v instanceof Map<?, ?> m)) {
            throw new SafeTensorsFormatException(file, "tensor " + Text.quote(name) + " must be an object with dtype, shape and"
                    + " data_offsets, got " + describe(v));
        }
        Object dtype = m.get("dtype");
        if (!(dtype instanceof String ds)) {
            throw new SafeTensorsFormatException(file, "tensor " + Text.quote(name) + ": dtype must be a string, got " + describe(dtype));
        }
        Kind kind = Kind.of(ds);
        if (kind == null) {
            throw new SafeTensorsFormatException(file, "tensor " + Text.quote(name) + ": unknown dtype " + Text.quote(ds) + " (known: "
                    + Arrays.toString(Kind.values()) + ")");
        }
        long[] shape = naturals(file, name, "shape", m.get("shape"), -1);
        long[] offsets = naturals(file, name, "data_offsets", m.get("data_offsets"), 2);
        return new Entry(name, kind, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers (of the given length, or any if -1). */
    private static long[] naturals(Path file, String name, String field, Object v, int length)
            throws SafeTensorsFormatException {
        String what = "tensor " + Text.quote(name) + ": " + field;
        if (!(v instanceof List<?> list)) {
            throw new SafeTensorsFormatException(file, what + " must be an array of non-negative integers, got " + describe(v));
        }
        if (length >= 0 && list.size() != length) {
            throw new SafeTensorsFormatException(file, what + " must have " + length + " entries, has " + list.size());
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object x = list.get(i);
            if (x instanceof BigInteger b && b.signum() > 0) {
                throw new SafeTensorsFormatException(file, what + " entry " + i + " is " + b + ", too large for any file");
            }
            if (!(x instanceof Long l) || l < 0) {
                throw new SafeTensorsFormatException(file, what + " entry " + i + " must be a non-negative integer, got "
                        + describe(x));
            }
            out[i] = l;
        }
        return out;
    }

    /** A shape for a message: at most 8 dims shown (a hostile one has up to {@value Json#MAX_ARRAY}). */
    private static String shapeString(long[] shape) {
        if (shape.length <= 8) {
            return Arrays.toString(shape);
        }
        return Arrays.toString(Arrays.copyOf(shape, 8)).replace("]", ", ... (" + shape.length + " dims)]");
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing (the field is missing)";
        }
        if (v instanceof String s) {
            return "the string " + Text.quote(s);
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        return String.valueOf(v);
    }

    /**
     * Checks that panamax reads e's dtype into a tensor it can hold; returns the bytes of the array
     * it will allocate.
     */
    private static long readable(Path file, Entry e) throws SafeTensorsFormatException {
        DType target = e.kind.target();
        if (target == null) {
            throw new SafeTensorsFormatException(file, "tensor " + Text.quote(e.name) + " has dtype " + e.kind
                    + ", which panamax does not read (it reads BOOL, U8, I8, I16, U16, F16, BF16, I32, U32, I64, U64, F32,"
                    + " F64); convert it to F32 before saving");
        }
        long elements = (e.end - e.begin) * 8 / e.kind.bits;
        if (elements > Integer.MAX_VALUE - 16) {
            throw new SafeTensorsFormatException(file, "tensor " + Text.quote(e.name) + " has " + elements
                    + " elements, more than a Java array holds");
        }
        for (long d : e.shape) {
            if (d > Integer.MAX_VALUE) { // possible only beside a zero dim
                throw new SafeTensorsFormatException(file, "tensor " + Text.quote(e.name) + " has dim " + d
                        + ", more than a panamax shape holds");
            }
        }
        return elements * target.byteSize();
    }

    /**
     * Refuses, before allocating, tensors whose arrays (need bytes in all) do not fit in the heap
     * not in use, as the IDX reader does: a valid 7.6 GB tensor read under -Xmx128m fails here with
     * the memory it needs, not with an OutOfMemoryError half-way through.
     */
    private static void requireHeap(Path file, int tensors, long need) throws SafeTensorsFormatException {
        long free = freeHeap(need);
        if (need > free) {
            throw SafeTensorsFormatException.cannotHold(file, "its " + tensors + " tensor(s) need about " + mb(need)
                    + " MB of heap to read, more than the " + mb(free) + " MB this JVM has free" + tooLarge());
        }
    }

    /** The heap not in use, after a collection if it is less than need (garbage must not count as used). */
    static long freeHeap(long need) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free) {
            System.gc(); // only on the way to refusing
            free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        return free;
    }

    private static String tooLarge() {
        return " (maximum heap " + mb(Runtime.getRuntime().maxMemory()) + " MB); raise -Xmx, or the file is not the one meant";
    }

    private static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static Tensor readTensor(Path file, FileChannel ch, long dataStart, Entry e, ByteBuffer buf)
            throws IOException {
        DType target = e.kind.target();
        long elements = (e.end - e.begin) * 8 / e.kind.bits;
        int[] shape = new int[e.shape.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) e.shape[i];
        }
        int n = (int) elements;
        int width = e.kind.bits / 8;
        float[] f = target == DType.F32 ? new float[n] : null;
        double[] d = target == DType.F64 ? new double[n] : null;
        long pos = dataStart + e.begin;
        int done = 0;
        while (done < n) {
            int k = Math.min(buf.capacity() / width, n - done);
            buf.clear().limit(k * width);
            readFully(file, ch, buf, pos);
            pos += (long) k * width;
            buf.flip();
            decode(e.kind, buf, k, f, d, done);
            done += k;
        }
        try {
            return f != null ? Tensor.wrap(f, shape) : Tensor.wrap(d, shape);
        } catch (IllegalArgumentException refused) {
            throw new SafeTensorsFormatException(file, "tensor " + Text.quote(e.name) + " of shape " + shapeString(e.shape)
                    + " cannot be held by a panamax tensor: " + refused.getMessage(), refused);
        }
    }

    private static void decode(Kind kind, ByteBuffer b, int k, float[] f, double[] d, int at) {
        switch (kind) {
            case F32 -> b.asFloatBuffer().get(f, at, k);
            case F64 -> b.asDoubleBuffer().get(d, at, k);
            case F16 -> {
                for (int i = 0; i < k; i++) {
                    f[at + i] = Float.float16ToFloat(b.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < k; i++) {
                    f[at + i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            case BOOL -> {
                for (int i = 0; i < k; i++) {
                    f[at + i] = b.get(i) != 0 ? 1f : 0f;
                }
            }
            case U8 -> {
                for (int i = 0; i < k; i++) {
                    f[at + i] = b.get(i) & 0xFF;
                }
            }
            case I8 -> {
                for (int i = 0; i < k; i++) {
                    f[at + i] = b.get(i);
                }
            }
            case I16 -> {
                for (int i = 0; i < k; i++) {
                    f[at + i] = b.getShort(2 * i);
                }
            }
            case U16 -> {
                for (int i = 0; i < k; i++) {
                    f[at + i] = b.getShort(2 * i) & 0xFFFF;
                }
            }
            case I32 -> {
                for (int i = 0; i < k; i++) {
                    d[at + i] = b.getInt(4 * i);
                }
            }
            case U32 -> {
                for (int i = 0; i < k; i++) {
                    d[at + i] = b.getInt(4 * i) & 0xFFFFFFFFL;
                }
            }
            case I64 -> {
                for (int i = 0; i < k; i++) {
                    d[at + i] = b.getLong(8 * i);
                }
            }
            case U64 -> {
                for (int i = 0; i < k; i++) {
                    long v = b.getLong(8 * i);
                    // unsigned to double, rounded once: halve (keeping the low bit sticky), convert, double
                    d[at + i] = v >= 0 ? (double) v : 2.0 * (double) ((v >>> 1) | (v & 1));
                }
            }
            default -> throw new IllegalStateException("no decoder for " + kind);
        }
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new SafeTensorsFormatException(file, "the file ended early (was it truncated while being read?)");
            }
            pos += r;
        }
    }
}
