// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON a safetensors header needs, and no more: a strict RFC 8259 parser that bounds nesting
 * depth and number length (so a hostile header fails fast instead of overflowing the stack), and a
 * string quoter that escapes as serde_json does, so written headers are byte-identical to the
 * reference writer's.
 *
 * <p>The parser reads UTF-8 bytes one at a time from an {@link Input} (a byte array, or a range of a
 * file read in 64 KiB chunks), so a 100 MB header of garbage fails at its first bad byte without
 * being read whole. It is strict in the ASCII sense RFC 8259 means: whitespace is space, tab, LF
 * and CR only; digits and hex digits are ASCII only; literals are exact; strings must be valid
 * UTF-8 (no overlong forms, no encoded surrogates).
 *
 * <p>Values map to: object to {@code LinkedHashMap<String, Object>} (duplicate keys rejected),
 * array to {@code List<Object>} (at most {@value #MAX_ARRAY} entries), string to {@code String},
 * integer to {@code Long} when it fits and {@code BigInteger} otherwise, a number
 * with a fraction or exponent to {@code Double}, true / false to {@code Boolean}, null to
 * {@link #NULL}.
 */
final class Json {
    private Json() {}

    /** The JSON null (a map cannot hold Java null values usefully). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** serde_json's recursion limit. */
    static final int MAX_DEPTH = 128;

    /**
     * Longest array accepted. A safetensors header holds arrays only as shapes and offsets; the cap
     * keeps a hostile "shape" of millions of entries from filling the heap.
     */
    static final int MAX_ARRAY = 1024;

    /** Longest number accepted; a u64 has 20 digits. */
    private static final int MAX_NUMBER_CHARS = 64;

    /** A malformed document: the message gives the byte offset. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;
        /** True when the bytes are not UTF-8 (rather than UTF-8 that is not JSON). */
        final boolean encoding;

        ParseException(String message, long at) {
            this(message, at, false);
        }

        /** The byte offset of the problem. */
        final long at;

        ParseException(String message, long at, boolean encoding) {
            super(message + " at byte " + at);
            this.encoding = encoding;
            this.at = at;
        }
    }

    /** A string of the document that the heap cannot hold: the message says how large and where. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    /** Receives the members of a top-level object one at a time. */
    interface MemberHandler {
        void member(String key, Object value) throws IOException;
    }

    /**
     * Bytes to parse: a byte array, or {@code length} bytes of a file from {@code start}, read
     * through a 64 KiB window. A file that ends early gives an {@link EOFException}.
     */
    static final class Input {
        private static final int WINDOW = 1 << 16;
        private final FileChannel ch;
        private final long start, length;
        private ByteBuffer window;
        private long windowAt;

        Input(byte[] bytes) {
            this.ch = null;
            this.start = 0;
            this.length = bytes.length;
            this.window = ByteBuffer.wrap(bytes);
        }

        Input(FileChannel ch, long start, long length) {
            this.ch = ch;
            this.start = start;
            this.length = length;
            this.window = ByteBuffer.allocate((int) Math.min(WINDOW, Math.max(1, length)));
            this.window.limit(0);
        }

        /** The byte at k (0 to 255), or -1 at or past the end. */
        int at(long k) throws IOException {
            if (k < 0 || k >= length) {
                return -1;
            }
            if (k < windowAt || k >= windowAt + window.limit()) {
                fill(k);
            }
            return window.get((int) (k - windowAt)) & 0xFF;
        }

        private void fill(long k) throws IOException {
            window.clear().limit((int) Math.min(window.capacity(), length - k));
            long pos = start + k;
            while (window.hasRemaining()) {
                int r = ch.read(window, pos + window.position());
                if (r < 0) {
                    throw new EOFException("the file ended at byte " + (pos + window.position()) + ", inside the header");
                }
            }
            window.flip();
            windowAt = k;
        }

        long length() {
            return length;
        }
    }

    /**
     * Parses a document that must be one object, handing each member to the handler as soon as it
     * is parsed, so the caller can keep a compact form instead of the whole tree. Duplicate keys
     * are rejected.
     *
     * @throws IOException from the handler, or from reading the input
     */
    static void parseObjectMembers(Input in, MemberHandler handler) throws ParseException, IOException {
        Parser p = new Parser(in);
        try {
            p.skipWs();
            if (p.peek() != '{') {
                throw new ParseException("expected an object", p.i);
            }
            p.object(1, handler);
            p.end();
        } catch (ParseException e) {
            if (!e.encoding) {
                // Bytes that are not UTF-8 are reported as such, as a reader that decodes first
                // would: only the bytes up to the problem are checked, all read once already.
                new Parser(in).requireUtf8(Math.min(in.length(), e.at + 4));
            }
            throw e;
        }
    }

    static final class Parser {
        final Input in;
        long i;

        Parser(Input in) {
            this.in = in;
        }

        /**
         * Heap held per member of an object while the header is parsed and read: key, value,
         * map or set entry, and what the caller keeps of it (a tensor's entry, then the tensor):
         * about 200 bytes once read, measured on HotSpot (JDK 25) for 1.8 million empty tensors,
         * and about half as much again while parsing.
         */
        static final long BYTES_PER_MEMBER = 300;

        /**
         * Refuses an object whose members, projected from the first members found since byte start
         * to the end of the input, would not fit in the heap not in use: a 100 MB header of millions
         * of tiny members fails after a few hundred kilobytes, not with an OutOfMemoryError.
         */
        private void requireHeapForMembers(int members, long start) throws TooLargeException {
            long projected = (long) Math.ceil(members * ((double) (in.length() - start) / Math.max(1, i - start)));
            long need = (projected - members) * BYTES_PER_MEMBER;
            long free = SafeTensors.freeHeap(need);
            if (need > free) {
                throw new TooLargeException("the object at byte " + start + " of the header has " + members + " members in its first "
                        + (i - start) + " bytes; at that rate the header holds about " + projected + ", which need about "
                        + mb(projected * BYTES_PER_MEMBER) + " MB of heap, more than the " + mb(free) + " MB this JVM has free");
            }
        }

        private static long mb(long bytes) {
            return (bytes + (1 << 20) - 1) >> 20;
        }

        /**
         * Refuses to grow a string of chars characters when its builder's next doubling and the
         * String made from it may not fit in the heap not in use: up to 4 times its bytes (1 a
         * character, 2 when one is beyond Latin-1), checked at each doubling, so the refusal comes
         * before an OutOfMemoryError.
         */
        private static void requireHeapToGrow(int chars, boolean wide, long start) throws TooLargeException {
            long need = 4L * chars * (wide ? 2 : 1);
            long free = SafeTensors.freeHeap(need);
            if (need > free) {
                throw new TooLargeException("the string at byte " + start + " of the header has reached " + chars
                        + " characters; reading on needs about " + mb(need) + " MB of heap, more than the " + mb(free)
                        + " MB this JVM has free");
            }
        }

        void end() throws ParseException, IOException {
            skipWs();
            if (i != in.length()) {
                throw new ParseException("trailing characters after the JSON value", i);
            }
        }

        boolean startsWith(String word, long at) throws IOException {
            for (int k = 0; k < word.length(); k++) {
                if (in.at(at + k) != word.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        void skipWs() throws IOException {
            while (true) {
                int c = in.at(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                i++;
            }
        }

        Object value(int depth) throws ParseException, IOException {
            int c = peek();
            return switch (c) {
                case '{' -> object(depth + 1, null);
                case '[' -> array(depth + 1);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", NULL);
                default -> {
                    if (c == '-' || isDigit(c)) {
                        yield number();
                    }
                    throw unexpected();
                }
            };
        }

        /** The error for the byte at i: an unexpected character, or bytes that are not UTF-8. */
        ParseException unexpected() throws IOException {
            int c = in.at(i);
            if (c < 0x80) {
                return new ParseException("unexpected character '" + printable(c) + "'", i);
            }
            long at = i;
            try {
                int cp = utf8(c);
                return new ParseException("unexpected character " + printable(cp), at);
            } catch (ParseException notUtf8) {
                return notUtf8;
            }
        }

        Object literal(String word, Object v) throws ParseException, IOException {
            if (!startsWith(word, i)) {
                throw new ParseException("invalid literal, expected " + word, i);
            }
            i += word.length();
            return v;
        }

        /** An object as a map, or, given a handler, its members handed over and null returned. */
        Map<String, Object> object(int depth, MemberHandler handler) throws ParseException, IOException {
            if (depth > MAX_DEPTH) {
                throw new ParseException("nesting deeper than " + MAX_DEPTH, i);
            }
            long start = i;
            int members = 0;
            i++; // '{'
            Map<String, Object> m = handler == null ? new LinkedHashMap<>() : null;
            Set<String> seen = handler == null ? null : new HashSet<>();
            skipWs();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                skipWs();
                if (peek() != '"') {
                    throw new ParseException("expected a string key", i);
                }
                long keyAt = i;
                String k = string();
                skipWs();
                expect(':');
                skipWs();
                Object v = value(depth);
                if (handler == null ? m.put(k, v) != null : !seen.add(k)) {
                    throw new ParseException("duplicate key " + Text.quote(k), keyAt);
                }
                if (handler != null) {
                    handler.member(k, v);
                }
                if (++members % 4096 == 0) {
                    requireHeapForMembers(members, start);
                }
                skipWs();
                int c = peek();
                i++;
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or '}' in an object", i - 1);
                }
            }
        }

        List<Object> array(int depth) throws ParseException, IOException {
            if (depth > MAX_DEPTH) {
                throw new ParseException("nesting deeper than " + MAX_DEPTH, i);
            }
            i++; // '['
            List<Object> a = new ArrayList<>();
            skipWs();
            if (peek() == ']') {
                i++;
                return a;
            }
            while (true) {
                skipWs();
                if (a.size() == MAX_ARRAY) {
                    throw new ParseException("array longer than " + MAX_ARRAY + " entries", i);
                }
                a.add(value(depth));
                skipWs();
                int c = peek();
                i++;
                if (c == ']') {
                    return a;
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or ']' in an array", i - 1);
                }
            }
        }

        int peek() throws ParseException, IOException {
            int c = in.at(i);
            if (c < 0) {
                throw new ParseException("unexpected end of input", i);
            }
            return c;
        }

        void expect(char c) throws ParseException, IOException {
            if (peek() != c) {
                throw new ParseException("expected '" + c + "'", i);
            }
            i++;
        }

        String string() throws ParseException, IOException {
            long start = i;
            i++; // opening quote
            StringBuilder b = new StringBuilder();
            int check = 1 << 20;
            while (true) {
                if (b.length() >= check) {
                    requireHeapToGrow(b.length(), b.chars().anyMatch(ch -> ch > 0xFF), start);
                    check = b.length() > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : 2 * b.length();
                }
                int c = peek();
                if (c >= 0x80) {
                    b.appendCodePoint(utf8(c));
                    continue;
                }
                i++;
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw new ParseException("control character U+" + String.format("%04X", c) + " in a string", i - 1);
                }
                if (c != '\\') {
                    b.append((char) c);
                    continue;
                }
                int e = peek();
                i++;
                switch (e) {
                    case '"' -> b.append('"');
                    case '\\' -> b.append('\\');
                    case '/' -> b.append('/');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        char u = hex4();
                        if (Character.isHighSurrogate(u)) {
                            if (!startsWith("\\u", i)) {
                                throw new ParseException("unpaired surrogate escape", i);
                            }
                            i += 2;
                            char low = hex4();
                            if (!Character.isLowSurrogate(low)) {
                                throw new ParseException("unpaired surrogate escape", i);
                            }
                            b.append(u).append(low);
                        } else if (Character.isLowSurrogate(u)) {
                            throw new ParseException("unpaired surrogate escape", i);
                        } else {
                            b.append(u);
                        }
                    }
                    default -> throw new ParseException("invalid escape '\\" + printable(e) + "'", i - 1);
                }
            }
        }

        /** Checks that bytes [0, end) are UTF-8 (a sequence may run past end). */
        void requireUtf8(long end) throws ParseException, IOException {
            while (i < end) {
                int c = in.at(i);
                if (c < 0x80) {
                    i++;
                } else {
                    utf8(c);
                }
            }
        }

        /**
         * Decodes the UTF-8 sequence whose lead byte c is at i, moving i past it. Strict: no
         * overlong forms, no surrogates, nothing above U+10FFFF (the checks of RFC 3629).
         */
        int utf8(int c) throws ParseException, IOException {
            long at = i;
            int n, cp, lo = 0x80, hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                cp = c & 0x0F;
                lo = c == 0xE0 ? 0xA0 : 0x80;
                hi = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                cp = c & 0x07;
                lo = c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw new ParseException(String.format("invalid UTF-8 lead byte 0x%02X", c), at, true);
            }
            for (int k = 1; k <= n; k++) {
                int b = in.at(at + k);
                if (b < lo || b > hi) {
                    throw new ParseException(b < 0 ? "UTF-8 sequence cut by the end of the header"
                            : String.format("invalid UTF-8 continuation byte 0x%02X", b), at + k, true);
                }
                cp = cp << 6 | (b & 0x3F);
                lo = 0x80;
                hi = 0xBF;
            }
            i = at + n + 1;
            return cp;
        }

        /** Four ASCII hex digits: JSON knows no others (Character.digit would take Arabic-Indic digits). */
        char hex4() throws ParseException, IOException {
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int c = in.at(i + k);
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    throw new ParseException(c < 0 ? "unexpected end of input in a \\u escape"
                            : "invalid hex digit in a \\u escape (expected 0-9, a-f or A-F)", i + k);
                }
                v = v * 16 + d;
            }
            i += 4;
            return (char) v;
        }

        /** An ASCII number, as RFC 8259's grammar; read byte by byte and bounded in length. */
        Object number() throws ParseException, IOException {
            long start = i;
            StringBuilder text = new StringBuilder();
            if (in.at(i) == '-') {
                take(text, start);
            }
            if (!isDigit(in.at(i))) {
                throw new ParseException("invalid number", start);
            }
            if (in.at(i) == '0') {
                take(text, start);
                if (isDigit(in.at(i))) {
                    throw new ParseException("leading zero in a number", start);
                }
            } else {
                while (isDigit(in.at(i))) {
                    take(text, start);
                }
            }
            boolean integer = true;
            if (in.at(i) == '.') {
                integer = false;
                take(text, start);
                if (!isDigit(in.at(i))) {
                    throw new ParseException("invalid number: no digit after '.'", start);
                }
                while (isDigit(in.at(i))) {
                    take(text, start);
                }
            }
            if (in.at(i) == 'e' || in.at(i) == 'E') {
                integer = false;
                take(text, start);
                if (in.at(i) == '+' || in.at(i) == '-') {
                    take(text, start);
                }
                if (!isDigit(in.at(i))) {
                    throw new ParseException("invalid number: no digit in the exponent", start);
                }
                while (isDigit(in.at(i))) {
                    take(text, start);
                }
            }
            String t = text.toString();
            if (!integer) {
                return Double.parseDouble(t);
            }
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException beyondLong) {
                return new BigInteger(t);
            }
        }

        private void take(StringBuilder text, long start) throws ParseException, IOException {
            if (text.length() == MAX_NUMBER_CHARS) {
                throw new ParseException("number longer than " + MAX_NUMBER_CHARS + " characters", start);
            }
            text.append((char) in.at(i));
            i++;
        }

        static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }
    }

    private static String printable(int c) {
        return c < 0x20 || c > 0x7E ? String.format("U+%04X", c) : String.valueOf((char) c);
    }

    /**
     * Appends s as a JSON string literal, escaped as serde_json does: {@code \"}, {@code \\},
     * {@code \b \f \n \r \t}, other control characters as {@code \\u00xx} (lowercase hex); everything
     * else, '/' and non-ASCII included, as is.
     */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
