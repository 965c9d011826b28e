// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a comma-separated file with a header line into a {@link Table}, typing each column as
 * {@code pandas.read_csv} does: numeric when every value that is not missing is a number,
 * categorical (strings) otherwise.
 *
 * <p>The format: fields separated by commas, records by {@code \n} or {@code \r\n}; a field in
 * double quotes may hold commas, newlines and quotes (doubled: {@code ""}); blank lines are skipped;
 * a UTF-8 byte order mark is ignored. Missing values are pandas' defaults: the empty field and
 * {@code NA}, {@code N/A}, {@code n/a}, {@code NaN}, {@code nan}, {@code -NaN}, {@code -nan},
 * {@code NULL}, {@code null}, {@code #N/A}, {@code #N/A N/A}, {@code #NA}, {@code <NA>},
 * {@code 1.#IND}, {@code -1.#IND}, {@code 1.#QNAN}, {@code -1.#QNAN} (quoted or not, as in pandas).
 * A number is a decimal such as {@code 12}, {@code -0.5}, {@code 1e-3} or {@code .5} (spaces
 * around it allowed), or {@code inf} / {@code infinity} with an optional sign, in any case.
 *
 * <p>Where pandas would pad or guess, this reader refuses with a {@link CsvFormatException} naming
 * the line and the column: a record with more or fewer fields than the header, a quoted field the
 * file ends inside, a duplicate or empty column name, and a value that is not a number in a column
 * declared numeric. Nothing is returned from a file with an error.
 */
public final class Csv {
    private Csv() {}

    /** pandas' default {@code na_values} (pandas 1.5). */
    public static final Set<String> MISSING = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
            "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null");

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");

    /** Reads file, inferring every column's kind. Allocates the table. */
    public static Table read(Path file) throws IOException {
        return read(file, Map.of());
    }

    /**
     * Reads file; the columns named in declared get that kind (a categorical column keeps numbers
     * as strings, a numeric one refuses anything else), the others are inferred.
     *
     * @throws CsvFormatException for a malformed file, a declared column the header lacks, or a
     *     value that is not a number in a column declared numeric (line and column named)
     */
    public static Table read(Path file, Map<String, Table.Kind> declared) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, in, declared);
        }
    }

    /** Reads CSV text from in (not closed); file only names the source in messages. */
    static Table parse(Path file, Reader in, Map<String, Table.Kind> declared) throws IOException {
        Records records = new Records(file, in);
        List<String> header = records.next();
        if (header == null) {
            throw new CsvFormatException(file, "the file is empty; expected a header line naming the columns");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new CsvFormatException(file, "line 1, column " + (c + 1) + ": the header names no column there");
            }
            if (index.putIfAbsent(name, c) != null) {
                throw new CsvFormatException(file, "line 1: column " + quote(name) + " appears twice in the header (columns "
                        + (index.get(name) + 1) + " and " + (c + 1) + ")");
            }
        }
        for (String name : declared.keySet()) {
            if (!index.containsKey(name)) {
                throw new CsvFormatException(file, "column " + quote(name) + " is declared " + declared.get(name).name().toLowerCase()
                        + " but the header has no such column (it has " + header.size() + " columns, from " + quote(header.get(0))
                        + ")");
            }
        }
        int width = header.size();
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> record;
        while ((record = records.next()) != null) {
            if (record.size() != width) {
                throw new CsvFormatException(file, "line " + records.recordLine + ": " + record.size() + " fields, but the header has "
                        + width + " columns (a ragged row; a field holding a comma must be quoted)");
            }
            rows.add(record.toArray(String[]::new));
            lines.add(records.recordLine);
        }
        List<Table.Column> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            String name = header.get(c);
            Table.Kind kind = declared.get(name);
            double[] numbers = new double[rows.size()];
            int bad = -1;
            for (int r = 0; r < rows.size() && bad < 0; r++) {
                String v = rows.get(r)[c];
                if (MISSING.contains(v)) {
                    numbers[r] = Double.NaN;
                } else if (!Double.isNaN(numbers[r] = number(v))) {
                    continue;
                } else {
                    bad = r;
                }
            }
            if (kind == Table.Kind.NUMERIC && bad >= 0) {
                throw new CsvFormatException(file, "line " + lines.get(bad) + ", column " + (c + 1) + " (" + quote(name) + "): "
                        + quote(rows.get(bad)[c]) + " is not a number, and the column is declared numeric");
            }
            if (kind == Table.Kind.CATEGORICAL || bad >= 0) {
                String[] strings = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    String v = rows.get(r)[c];
                    strings[r] = MISSING.contains(v) ? null : v;
                }
                columns.add(new Table.Categorical(name, strings));
            } else {
                columns.add(new Table.Numeric(name, numbers));
            }
        }
        return new Table(columns, rows.size());
    }

    /** The value of a number as pandas reads it, or NaN if s is not one. */
    static double number(String s) {
        String t = s.strip();
        if (NUMBER.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        if (INFINITY.matcher(t).matches()) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }

    /** A value from the file for a message: quoted, control characters escaped, at most 60 characters. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 60; i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == 0x7F || Character.getType(ch) == Character.FORMAT) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch == '"' ? "\\\"" : String.valueOf(ch));
            }
        }
        return b.append(s.length() > 60 ? "\"... (" + s.length() + " chars)" : "\"").toString();
    }

    /** The records of a CSV stream, one list of fields each, with the line each starts on. */
    private static final class Records {
        private final Path file;
        private final Reader in;
        private int line = 1;
        int recordLine;
        private int pending = -2; // a character read ahead, -2 when none

        Records(Path file, Reader in) {
            this.file = file;
            this.in = in;
        }

        private int read() throws IOException {
            if (pending != -2) {
                int c = pending;
                pending = -2;
                return c;
            }
            return in.read();
        }

        /** The next record, skipping blank lines, or null at the end. */
        List<String> next() throws IOException {
            int c = read();
            if (line == 1 && recordLine == 0 && c == '\uFEFF') {
                c = read();
            }
            while (c == '\n' || c == '\r') { // blank lines
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        pending = d;
                    }
                }
                line++;
                c = read();
            }
            if (c < 0) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false; // inside quotes
            while (true) {
                if (quoted) {
                    if (c < 0) {
                        throw new CsvFormatException(file, "line " + recordLine + ", column " + (fields.size() + 1)
                                + ": the file ends inside a quoted field (a quote is missing)");
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            f.append('"');
                        } else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        if (c == '\n' || (c == '\r' && peekNot('\n'))) {
                            line++;
                        }
                        f.append((char) c);
                    }
                    c = read();
                    continue;
                }
                if (c < 0 || c == '\n' || c == '\r') {
                    fields.add(f.toString());
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') {
                            pending = d;
                        }
                    }
                    if (c >= 0) {
                        line++;
                    }
                    return fields;
                }
                if (c == ',') {
                    fields.add(f.toString());
                    f.setLength(0);
                } else if (c == '"' && f.isEmpty()) {
                    quoted = true;
                } else {
                    f.append((char) c); // a quote inside an unquoted field, or text after a closing quote, is kept as pandas does
                }
                c = read();
            }
        }

        private boolean peekNot(char x) throws IOException {
            int d = read();
            pending = d;
            return d != x;
        }
    }
}
