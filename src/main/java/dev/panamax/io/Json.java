// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON a safetensors header needs, and no more: a strict RFC 8259 parser that bounds nesting
 * depth and number length (so a hostile header fails fast instead of overflowing the stack), and a
 * string quoter that escapes as serde_json does, so written headers are byte-identical to the
 * reference writer's.
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

    /** A malformed document: the message gives the character offset. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String message, int at) {
            super(message + " at character " + at);
        }
    }

    /** Receives the members of a top-level object one at a time. */
    interface MemberHandler {
        void member(String key, Object value) throws java.io.IOException;
    }

    /**
     * Parses a document that must be one object, handing each member to the handler as soon as it
     * is parsed, so the caller can keep a compact form instead of the whole tree. Duplicate keys
     * are rejected.
     */
    static void parseObjectMembers(CharSequence s, MemberHandler handler) throws ParseException, java.io.IOException {
        Json.Parser p = new Json.Parser(s);
        p.skipWs();
        if (p.peek() != '{') {
            throw new ParseException("expected an object", p.i);
        }
        try {
            p.object(1, handler);
        } catch (HandlerException e) {
            throw (java.io.IOException) e.getCause();
        }
        p.end();
    }

    /** Carries a handler's IOException out through the parser's methods. */
    private static final class HandlerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerException(java.io.IOException cause) {
            super(cause);
        }
    }

    private static final class Parser {
        final CharSequence s;
        int i;

        Parser(CharSequence s) {
            this.s = s;
        }

        void end() throws ParseException {
            skipWs();
            if (i != s.length()) {
                throw new ParseException("trailing characters after the JSON value", i);
            }
        }

        boolean startsWith(String word, int at) {
            if (at + word.length() > s.length()) {
                return false;
            }
            for (int k = 0; k < word.length(); k++) {
                if (s.charAt(at + k) != word.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        void skipWs() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                i++;
            }
        }

        Object value(int depth) throws ParseException {
            if (i >= s.length()) {
                throw new ParseException("unexpected end of input", i);
            }
            char c = s.charAt(i);
            return switch (c) {
                case '{' -> object(depth + 1, null);
                case '[' -> array(depth + 1);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", NULL);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw new ParseException("unexpected character '" + printable(c) + "'", i);
                }
            };
        }

        Object literal(String word, Object v) throws ParseException {
            if (!startsWith(word, i)) {
                throw new ParseException("invalid literal, expected " + word, i);
            }
            i += word.length();
            return v;
        }

        /** An object as a map, or, given a handler, its members handed over and null returned. */
        Map<String, Object> object(int depth, MemberHandler handler) throws ParseException {
            if (depth > MAX_DEPTH) {
                throw new ParseException("nesting deeper than " + MAX_DEPTH, i);
            }
            i++; // '{'
            Map<String, Object> m = handler == null ? new LinkedHashMap<>() : null;
            java.util.Set<String> seen = handler == null ? null : new java.util.HashSet<>();
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
                int keyAt = i;
                String k = string();
                skipWs();
                expect(':');
                skipWs();
                Object v = value(depth);
                if (handler == null ? m.put(k, v) != null : !seen.add(k)) {
                    throw new ParseException("duplicate key \"" + k + "\"", keyAt);
                }
                if (handler != null) {
                    try {
                        handler.member(k, v);
                    } catch (java.io.IOException e) {
                        throw new HandlerException(e);
                    }
                }
                skipWs();
                char c = peek();
                i++;
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or '}' in an object", i - 1);
                }
            }
        }

        List<Object> array(int depth) throws ParseException {
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
                char c = peek();
                i++;
                if (c == ']') {
                    return a;
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or ']' in an array", i - 1);
                }
            }
        }

        char peek() throws ParseException {
            if (i >= s.length()) {
                throw new ParseException("unexpected end of input", i);
            }
            return s.charAt(i);
        }

        void expect(char c) throws ParseException {
            if (peek() != c) {
                throw new ParseException("expected '" + c + "'", i);
            }
            i++;
        }

        String string() throws ParseException {
            i++; // opening quote
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = peek();
                i++;
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw new ParseException("control character U+" + String.format("%04X", (int) c) + " in a string", i - 1);
                }
                if (Character.isSurrogate(c)) {
                    // Java strings from valid UTF-8 pair their surrogates; copy the pair.
                    b.append(c);
                    continue;
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = peek();
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

        char hex4() throws ParseException {
            if (i + 4 > s.length()) {
                throw new ParseException("unexpected end of input in a \\u escape", i);
            }
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int d = Character.digit(s.charAt(i + k), 16);
                if (d < 0) {
                    throw new ParseException("invalid hex digit in a \\u escape", i + k);
                }
                v = v * 16 + d;
            }
            i += 4;
            return (char) v;
        }

        Object number() throws ParseException {
            int start = i;
            if (s.charAt(i) == '-') {
                i++;
            }
            if (i >= s.length() || !isDigit(s.charAt(i))) {
                throw new ParseException("invalid number", start);
            }
            if (s.charAt(i) == '0') {
                i++;
                if (i < s.length() && isDigit(s.charAt(i))) {
                    throw new ParseException("leading zero in a number", start);
                }
            } else {
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
            }
            boolean integer = true;
            if (i < s.length() && s.charAt(i) == '.') {
                integer = false;
                i++;
                int digits = i;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == digits) {
                    throw new ParseException("invalid number: no digit after '.'", start);
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                integer = false;
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int digits = i;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == digits) {
                    throw new ParseException("invalid number: no digit in the exponent", start);
                }
            }
            if (i - start > MAX_NUMBER_CHARS) {
                throw new ParseException("number longer than " + MAX_NUMBER_CHARS + " characters", start);
            }
            String text = s.subSequence(start, i).toString();
            if (!integer) {
                return Double.parseDouble(text);
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException beyondLong) {
                return new BigInteger(text);
            }
        }

        static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7E ? String.format("U+%04X", (int) c) : String.valueOf(c);
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
