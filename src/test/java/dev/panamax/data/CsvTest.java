// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Table read(String text) throws IOException {
        return Csv.read(write("t.csv", text));
    }

    private String error(String text) {
        return assertThrows(CsvFormatException.class, () -> read(text)).getMessage();
    }

    private String error(String text, Map<String, Table.Kind> declared) {
        return assertThrows(CsvFormatException.class, () -> Csv.read(write("t.csv", text), declared)).getMessage();
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndNewlines() throws IOException {
        Table t = read("name,note,n\n\"Smith, J.\",\"said \"\"hi\"\"\",1\nplain,\"two\nlines\r\nthree\",2\n\"\",x,3\n");
        assertEquals(List.of("name", "note", "n"), t.names());
        assertEquals(3, t.height());
        assertArrayEquals(new String[] {"Smith, J.", "plain", null}, t.strings("name")); // "" is missing, as in pandas
        assertArrayEquals(new String[] {"said \"hi\"", "two\nlines\r\nthree", "x"}, t.strings("note"));
        assertArrayEquals(new double[] {1, 2, 3}, t.numbers("n"));
    }

    @Test
    void missingValuesAreNaNOrNullAndColumnsAreTypedAsPandasTypesThem() throws IOException {
        Table t = read("a,b,c,d,e\n1,x,NA,NA,1e3\n,NA,N/A,,-.5\n2.5,\"NA\",nan,,+7\n");
        assertInstanceOf(Table.Numeric.class, t.column("a"));
        assertArrayEquals(new double[] {1, Double.NaN, 2.5}, t.numbers("a"));
        assertInstanceOf(Table.Categorical.class, t.column("b"));
        assertArrayEquals(new String[] {"x", null, null}, t.strings("b"));
        // a column of missing values only is numeric (float64 in pandas)
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NaN}, t.numbers("c"));
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NaN}, t.numbers("d"));
        assertArrayEquals(new double[] {1000, -0.5, 7}, t.numbers("e"));
    }

    @Test
    void numbersAsPandasReadsThem() {
        assertEquals(12, Csv.number("12"));
        assertEquals(12, Csv.number(" 12 "));
        assertEquals(0.5, Csv.number(".5"));
        assertEquals(5, Csv.number("5."));
        assertEquals(-1.5e-3, Csv.number("-1.5E-3"));
        assertEquals(Double.NEGATIVE_INFINITY, Csv.number("-inf"));
        assertEquals(Double.POSITIVE_INFINITY, Csv.number("Infinity"));
        for (String s : List.of("1,5", "0x10", "1e", "e5", "12a", "--1", "1.2.3", "NaNa", "1f", "1d", "")) {
            assertTrue(Double.isNaN(Csv.number(s)), s);
        }
    }

    @Test
    void headerBomCrlfBlankLinesAndNoFinalNewline() throws IOException {
        Table t = read("\uFEFFId,v\r\n1,a\r\n\r\n2,b");
        assertEquals(List.of("Id", "v"), t.names());
        assertArrayEquals(new double[] {1, 2}, t.numbers("Id"));
        assertArrayEquals(new String[] {"a", "b"}, t.strings("v"));
        assertEquals(0, read("a,b\n").height());
    }

    @Test
    void aDeclaredCategoricalColumnKeepsNumbersAsStrings() throws IOException {
        Table t = Csv.read(write("t.csv", "MSSubClass,x\n20,1\n60,2\n"), Map.of("MSSubClass", Table.Kind.CATEGORICAL));
        assertArrayEquals(new String[] {"20", "60"}, t.strings("MSSubClass"));
        assertArrayEquals(new double[] {1, 2}, t.numbers("x"));
    }

    @Test
    void aRaggedRowIsRefusedNamingItsLine() {
        String m = error("a,b,c\n1,2,3\n\"x\ny\",2\n4,5,6\n");
        assertTrue(m.endsWith("t.csv: line 3: 2 fields, but the header has 3 columns (a ragged row; a field holding a comma must be quoted)"),
                m);
        m = error("a,b\n1,2\n\n3,4,5\n");
        assertTrue(m.contains("line 4: 3 fields, but the header has 2 columns"), m);
    }

    @Test
    void aNonNumericValueInADeclaredNumericColumnIsRefusedNamingLineAndColumn() {
        String m = error("Id,LotArea\n1,8450\n2,\"9,600\"\n3,x\n", Map.of("LotArea", Table.Kind.NUMERIC));
        assertTrue(m.endsWith("t.csv: line 3, column 2 (\"LotArea\"): \"9,600\" is not a number, and the column is declared numeric"), m);
        m = error("a\n1\n\"multi\nline\"\n", Map.of("a", Table.Kind.NUMERIC));
        assertTrue(m.contains("line 3, column 1 (\"a\"): \"multi\\u000aline\" is not a number"), m);
    }

    @Test
    void malformedFilesAreRefusedInOneLine() {
        assertTrue(error("").endsWith("the file is empty; expected a header line naming the columns"));
        assertTrue(error("a,\"b\n1,2\n").contains("line 1, column 2: the file ends inside a quoted field"));
        assertTrue(error("a,b\n1,\"2\n").contains("line 2, column 2: the file ends inside a quoted field"));
        assertTrue(error("a,a\n1,2\n").contains("line 1: column \"a\" appears twice in the header (columns 1 and 2)"));
        assertTrue(error("a,,c\n1,2,3\n").contains("line 1, column 2: the header names no column there"));
        assertTrue(error("a\n1\n", Map.of("b", Table.Kind.NUMERIC)).contains("column \"b\" is declared numeric but the header has no"
                + " such column"));
        for (String m : List.of(error("a,b\n1\n"), error("a,\"b\n"))) {
            assertFalse(m.contains("\n"), m);
        }
    }

    @Test
    void messagesEscapeWhatTheFileHolds() {
        String m = error("a\n\u001b[31mred\n", Map.of("a", Table.Kind.NUMERIC));
        assertTrue(m.contains("\"\\u001b[31mred\" is not a number"), m);
        assertFalse(m.contains("\u001b"), m);
        String longValue = "y".repeat(500);
        m = error("a\n" + longValue + "\n", Map.of("a", Table.Kind.NUMERIC));
        assertTrue(m.contains("... (500 chars)") && m.length() < 300, m);
    }

    @Test
    void theGeneratedKaggleFilesHaveKagglesColumnsAndTypes() throws IOException {
        Path d = GeneratedHousePrices.write(dir.resolve("hp"), 200, 80, 5);
        Table train = Csv.read(d.resolve("train.csv")), test = Csv.read(d.resolve("test.csv"));
        assertEquals(81, train.width());
        assertEquals(GeneratedHousePrices.trainColumns(), train.names());
        assertEquals(train.names().subList(0, 80), test.names());
        assertEquals(List.of("Id", "MSSubClass", "LotFrontage", "LotArea", "OverallQual"), train.columns().stream()
                .filter(c -> c.kind() == Table.Kind.NUMERIC).map(Table.Column::name).limit(5).toList());
        assertEquals(38, train.columns().stream().filter(c -> c.kind() == Table.Kind.NUMERIC).count());
        assertTrue(Double.isNaN(java.util.Arrays.stream(train.numbers("LotFrontage")).sum()), "LotFrontage has missing values");
        assertEquals(200, train.height());
        assertEquals(80, test.height());
        assertEquals(201, test.numbers("Id")[0]);
    }
}
