// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

/**
 * Text from a file, made safe to put in an exception message: a hostile file must not write
 * newlines, terminal escape sequences or bidirectional overrides into a log or a terminal, nor
 * thousands of characters into one line.
 */
final class Text {
    private Text() {}

    /** Characters of the content kept by {@link #quote}; the rest is counted, not shown. */
    static final int MAX_QUOTED = 80;

    /**
     * s in double quotes, with {@code "} and {@code \} escaped, control, format (bidi overrides,
     * zero-width characters), line and paragraph separator, unassigned, private-use and lone
     * surrogate code points as {@code \}{@code uXXXX} (or {@code \n}, {@code \t}, {@code \r}), and
     * cut after {@value #MAX_QUOTED} characters of content with the full length appended. The
     * result is at most about 6 times {@value #MAX_QUOTED} plus 40 characters, all printable.
     * Allocates.
     */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 8).append('"');
        int shown = 0;
        int i = 0;
        for (; i < s.length() && shown < MAX_QUOTED; shown++) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (n == 2 && isSafe(cp)) {
                b.appendCodePoint(cp);
            } else {
                char c = s.charAt(i);
                n = 1; // a code point unsafe as a whole is escaped one char at a time
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (isSafe(c)) {
                            b.append(c);
                        } else {
                            b.append(String.format("\\u%04x", (int) c));
                        }
                    }
                }
            }
            i += n;
        }
        b.append('"');
        if (i < s.length()) {
            b.append("... (").append(s.length()).append(" chars)");
        }
        return b.toString();
    }

    private static boolean isSafe(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
