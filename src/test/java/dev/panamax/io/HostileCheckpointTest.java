// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.testing.ChildJvm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile checkpoints: a 100 MB header of spaces, of empty tensors, or of one string, and valid
 * tensors larger than the heap, each read in a child JVM with a small heap. Every outcome is a tensor map or one
 * SafeTensorsFormatException line, never another exception or an OutOfMemoryError.
 */
class HostileCheckpointTest {
    @TempDir
    Path dir;

    /** A file of an 8-byte header length n, then header text padded with spaces to n bytes (at start), then data. */
    private Path file(String name, String head, long n, String tail, long dataBytes) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array());
            f.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            long left = n - head.length() - tail.length();
            while (left > 0) {
                int k = (int) Math.min(left, spaces.length);
                f.write(spaces, 0, k);
                left -= k;
            }
            f.write(tail.getBytes(StandardCharsets.US_ASCII));
            f.setLength(8 + n + dataBytes); // sparse: the data reads as zeros
        }
        return p;
    }

    /** Reads the files in a child JVM of heap mb megabytes; returns each file's outcome line. */
    private static Map<Path, String> readInChild(int mb, Path... files) throws Exception {
        List<String> cmd = ChildJvm.command("-Xmx" + mb + "m", "--add-modules", "jdk.incubator.vector", "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SafeTensorsReadMain.class.getName());
        for (Path f : files) {
            cmd.add(f.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        Map<Path, String> lines = new LinkedHashMap<>();
        for (Path f : files) {
            String line = out.lines().filter(l -> l.startsWith("read " + f + " -> ")).findFirst().orElse(null);
            assertNotNull(line, out);
            lines.put(f, line.substring(("read " + f + " -> ").length()));
        }
        return lines;
    }

    @Test
    void aHundredMegabyteHeaderOfSpacesIsReadOrRefusedInOneLineUnder64MB() throws Exception {
        long n = SafeTensors.MAX_HEADER_SIZE;
        String x = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        Path allSpaces = file("spaces.safetensors", "", n, "", 0);
        Path open = file("open.safetensors", "{", n, "", 0);
        Path empty = file("empty.safetensors", "{", n, "}", 0);
        Path key = file("key.safetensors", "{\"x\":", n, "", 0);
        Path padded = file("padded.safetensors", x + "}", n, "", 4); // as the writer pads, only longer
        Path inside = file("inside.safetensors", x + ",", n, "\"y\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[4,12]}}", 12);
        Map<Path, String> r = readInChild(64, allSpaces, open, empty, key, padded, inside);
        String bad = SafeTensorsFormatException.class.getName() + ": ";
        assertEquals(bad + allSpaces + ": not a valid safetensors file: the header does not start with '{' (its first byte is 0x20)",
                r.get(allSpaces));
        assertEquals(bad + open + ": not a valid safetensors file: the header is not valid JSON: unexpected end of input at byte "
                + n, r.get(open));
        assertEquals("0 tensors", r.get(empty));
        assertEquals(bad + key + ": not a valid safetensors file: the header is not valid JSON: unexpected end of input at byte "
                + n, r.get(key));
        assertEquals("1 tensors", r.get(padded));
        assertEquals("2 tensors", r.get(inside));
    }

    @Test
    void aHundredMegabyteHeaderOfEmptyTensorsOrMetadataIsRefusedEarlyUnder128MB() throws Exception {
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; h.length() < 99_000_000; i++) {
            h.append(i > 0 ? "," : "").append('"').append(Integer.toString(i, 36)).append("\":{\"dtype\":\"F32\",\"shape\":[0],"
                    + "\"data_offsets\":[0,0]}");
        }
        String text = h.append('}').toString();
        Path bomb = file("bomb.safetensors", text, text.length() + (-text.length() & 7), "", 0);
        // the same with millions of empty strings in the metadata
        StringBuilder meta = new StringBuilder("{\"__metadata__\":{");
        for (int i = 0; meta.length() < 99_000_000; i++) {
            meta.append(i > 0 ? "," : "").append('"').append(Integer.toString(i, 36)).append("\":\"\"");
        }
        String metaText = meta.append("}}").toString();
        Path metaBomb = file("metabomb.safetensors", metaText, metaText.length() + (-metaText.length() & 7), "", 0);
        Map<Path, String> r = readInChild(128, bomb, metaBomb);
        String m = r.get(bomb);
        assertTrue(m.startsWith(SafeTensorsFormatException.class.getName() + ": " + bomb + ": the object at byte 0 of the header has 4096"
                + " members in its first "), m);
        assertTrue(m.contains("maximum heap 128 MB); raise -Xmx"), m);
        m = r.get(metaBomb);
        assertTrue(m.startsWith(SafeTensorsFormatException.class.getName() + ": " + metaBomb + ": the object at byte 16 of the header"
                + " has 4096 members in its first "), m);
    }

    @Test
    void aHundredMegabyteStringInTheHeaderIsRefusedBeforeItFillsA128MBHeap() throws Exception {
        long n = 99_000_000;
        Path meta = dir.resolve("meta.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(meta.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array());
            String head = "{\"__metadata__\":{\"k\":\"";
            f.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] x = new byte[1 << 20];
            Arrays.fill(x, (byte) 'x');
            for (long left = n - head.length() - 3; left > 0; left -= x.length) {
                f.write(x, 0, (int) Math.min(left, x.length));
            }
            f.write("\"}}".getBytes(StandardCharsets.US_ASCII));
        }
        String m = readInChild(128, meta).get(meta);
        assertTrue(m.startsWith(SafeTensorsFormatException.class.getName() + ": " + meta + ": the string at byte 21 of the header has"
                + " reached "), m);
        assertTrue(m.endsWith("(maximum heap 128 MB); raise -Xmx, or the file is not the one meant"), m);
    }

    @Test
    void aValidTensorOf7_6GBUnderA128MBHeapIsRefusedUpFrontWithTheMemoryItNeeds() throws Exception {
        long elements = 1_900_000_000L; // fits a Java array; 7.6 GB of F32
        String h = "{\"x\":{\"dtype\":\"F32\",\"shape\":[" + elements + "],\"data_offsets\":[0," + 4 * elements + "]}}";
        Path big = file("big.safetensors", h, h.length() + (-h.length() & 7), "", 4 * elements);
        // Three F16 tensors of 24 MB each become 48 MB of float32 each: 144 MB, refused before the first is read.
        long e16 = 12L << 20;
        StringBuilder three = new StringBuilder("{");
        for (int i = 0; i < 3; i++) {
            three.append(i > 0 ? "," : "").append("\"t").append(i).append("\":{\"dtype\":\"F16\",\"shape\":[").append(e16)
                    .append("],\"data_offsets\":[").append(2 * e16 * i).append(',').append(2 * e16 * (i + 1)).append("]}");
        }
        String t = three.append('}').toString();
        Path several = file("several.safetensors", t, t.length() + (-t.length() & 7), "", 6 * e16);
        // One of them alone fits.
        String o = "{\"t\":{\"dtype\":\"F16\",\"shape\":[" + e16 + "],\"data_offsets\":[0," + 2 * e16 + "]}}";
        Path one = file("one.safetensors", o, o.length() + (-o.length() & 7), "", 2 * e16);
        Map<Path, String> r = readInChild(128, big, several, one);
        String m = r.get(big);
        assertTrue(m.startsWith(SafeTensorsFormatException.class.getName() + ": " + big + ": its 1 tensor(s) need about 7248 MB of heap"
                + " to read, more than the "), m);
        assertTrue(m.endsWith("MB this JVM has free (maximum heap 128 MB); raise -Xmx, or the file is not the one meant"), m);
        m = r.get(several);
        assertTrue(m.contains(several + ": its 3 tensor(s) need about 145 MB of heap to read"), m); // 3 x 48 MB and the tensor objects
        assertEquals("1 tensors", r.get(one));
        List<String> all = new ArrayList<>(r.values());
        assertTrue(all.stream().noneMatch(l -> l.contains("OutOfMemoryError")), all::toString);
    }
}
