// SPDX-License-Identifier: Apache-2.0
package dev.panamax.testing;

import dev.panamax.Generator;
import java.util.Arrays;

/**
 * Byte-level mutations for fuzzing file readers, each drawn from a {@link Generator}: bit flips,
 * truncation (at a random point or at one of the format's boundaries), extension, overwrites and
 * insertions. Format-aware edits (headers, tokens) live with each reader's fuzz test.
 */
public final class Mutate {
    private Mutate() {}

    /** Flips 1 to 8 random bits in [from, to) (clamped to the array). */
    public static byte[] flipBits(Generator g, byte[] b, int from, int to) {
        byte[] out = b.clone();
        int lo = Math.max(0, Math.min(from, out.length)), hi = Math.max(lo, Math.min(to, out.length));
        if (hi == lo) {
            return out;
        }
        for (int k = 1 + g.nextInt(8); k > 0; k--) {
            int i = lo + g.nextInt(hi - lo);
            out[i] ^= (byte) (1 << g.nextInt(8));
        }
        return out;
    }

    /** Cuts the bytes at one of the given boundaries (or one byte either side), or anywhere. */
    public static byte[] truncate(Generator g, byte[] b, long... boundaries) {
        int at;
        if (boundaries.length > 0 && g.nextInt(3) > 0) {
            at = (int) Math.max(0, Math.min(b.length, boundaries[g.nextInt(boundaries.length)] + g.nextInt(3) - 1));
        } else {
            at = g.nextInt(b.length + 1);
        }
        return Arrays.copyOf(b, at);
    }

    /** Appends 1 to 64 bytes: zeros, copies of the start, or random. */
    public static byte[] extend(Generator g, byte[] b) {
        int n = 1 + g.nextInt(64);
        byte[] out = Arrays.copyOf(b, b.length + n);
        int kind = g.nextInt(3);
        for (int i = 0; i < n; i++) {
            out[b.length + i] = kind == 0 ? 0 : kind == 1 && b.length > 0 ? b[i % b.length] : (byte) g.nextInt(256);
        }
        return out;
    }

    /** Writes value big- or little-endian over width bytes at offset (clamped: no-op past the end). */
    public static byte[] putInt(byte[] b, int offset, int width, long value, boolean bigEndian) {
        byte[] out = b.clone();
        for (int k = 0; k < width && offset + k < out.length; k++) {
            int shift = 8 * (bigEndian ? width - 1 - k : k);
            out[offset + k] = (byte) (value >>> shift);
        }
        return out;
    }

    /** Replaces bytes [from, to) with the given bytes. */
    public static byte[] splice(byte[] b, int from, int to, byte[] with) {
        byte[] out = new byte[b.length - (to - from) + with.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(b, to, out, from + with.length, b.length - to);
        return out;
    }

    /** An interesting integer: 0, 1, -1, a type's limits, a power of two, or a small random one. */
    public static long edgeValue(Generator g) {
        long[] edges = {0, 1, -1, 2, 7, 8, 255, 256, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE,
                Integer.MAX_VALUE - 16L, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 100_000_000L, 100_000_001L};
        return g.nextInt(3) == 0 ? g.nextInt(1000) : edges[g.nextInt(edges.length)];
    }

    /**
     * Fails unless both outcomes of a fuzz run are common: outcomes[0] inputs refused (more than a
     * tenth) and outcomes[1] read (more than a fiftieth). Otherwise the mutations exercise only the
     * reader's first check, or only its success path.
     */
    public static void assertBothOutcomesCommon(int[] outcomes) {
        int total = outcomes[0] + outcomes[1];
        if (!(outcomes[0] > total / 10 && outcomes[1] > total / 50)) {
            throw new AssertionError("refused, read: " + outcomes[0] + ", " + outcomes[1]);
        }
    }
}
