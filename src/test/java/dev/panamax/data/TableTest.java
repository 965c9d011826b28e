// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The book's preprocessing on tables small enough to compute by hand. */
class TableTest {
    static final double NaN = Double.NaN;

    static Table table() {
        return new Table(List.of(
                new Table.Numeric("n1", new double[] {1, 2, NaN, 5}),
                new Table.Categorical("c1", new String[] {"b", "a", null, "a"}),
                new Table.Numeric("n2", new double[] {7, 7, 7, 7}),
                new Table.Categorical("c2", new String[] {"Z", "C (all)", "Z", "a"})), 4);
    }

    @Test
    void standardizeUsesTheMeanAndTheSampleStdOfThePresentValues() {
        Table s = table().standardize();
        // n1: 1, 2, 5 present: mean 8/3, squared deviations 25/9 + 4/9 + 49/9 = 78/9, over n - 1 = 2: 13/3
        double std = Math.sqrt(13.0 / 3);
        assertArrayEquals(new double[] {(-5.0 / 3) / std, (-2.0 / 3) / std, NaN, (7.0 / 3) / std}, s.numbers("n1"), 1e-15);
        // a constant column is 0 / 0, as in pandas
        assertArrayEquals(new double[] {NaN, NaN, NaN, NaN}, s.numbers("n2"));
        assertArrayEquals(table().strings("c1"), s.strings("c1"));
        // one value only: the sample std is NaN
        Table one = new Table(List.of(new Table.Numeric("x", new double[] {NaN, 3})), 2).standardize();
        assertArrayEquals(new double[] {NaN, NaN}, one.numbers("x"));
    }

    @Test
    void fillMissingReplacesNaNInNumericColumnsOnly() {
        Table f = table().standardize().fillMissing(0);
        assertEquals(0, f.numbers("n1")[2]);
        assertArrayEquals(new double[] {0, 0, 0, 0}, f.numbers("n2"));
        assertArrayEquals(new String[] {"b", "a", null, "a"}, f.strings("c1"));
    }

    @Test
    void getDummiesOrdersColumnsAsPandas() {
        Table d = table().getDummies(true);
        // numeric columns first, then per categorical column its sorted categories and the NaN column
        assertEquals(List.of("n1", "n2", "c1_a", "c1_b", "c1_nan", "c2_C (all)", "c2_Z", "c2_a", "c2_nan"), d.names());
        assertArrayEquals(new double[] {0, 1, 0, 1}, d.numbers("c1_a"));
        assertArrayEquals(new double[] {1, 0, 0, 0}, d.numbers("c1_b"));
        assertArrayEquals(new double[] {0, 0, 1, 0}, d.numbers("c1_nan"));
        assertArrayEquals(new double[] {0, 0, 0, 0}, d.numbers("c2_nan")); // present even with nothing missing
        assertArrayEquals(new double[] {1, 0, 1, 0}, d.numbers("c2_Z"));
        assertEquals(List.of("n1", "n2", "c1_a", "c1_b", "c2_C (all)", "c2_Z", "c2_a"), table().getDummies(false).names());
    }

    @Test
    void concatStacksRowsAndToTensorWritesThemRowByRow() {
        Table a = table(), b = table().rows(1, 3);
        Table all = Table.concat(a, b);
        assertEquals(6, all.height());
        assertArrayEquals(new String[] {"b", "a", null, "a", "a", null}, all.strings("c1"));
        Tensor x = all.standardize().fillMissing(0).getDummies(true).rows(4, 6).toTensor(DType.F32);
        assertArrayEquals(new int[] {2, 9}, x.shape());
        assertEquals(DType.F32, x.dtype());
        // row 4 is b's first row: n1 = 2, c1 = a, c2 = C (all)
        double[] n1 = {1, 2, 5, 2}; // present values of the concatenated n1
        double mean = 2.5, std = Math.sqrt(((1.5 * 1.5) + 0.25 + 6.25 + 0.25) / 3);
        assertEquals(mean, (n1[0] + n1[1] + n1[2] + n1[3]) / 4);
        assertArrayEquals(new float[] {(float) ((2 - mean) / std), 0, 1, 0, 0, 1, 0, 0, 0}, rowOf(x, 0));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 1, 0, 0}, rowOf(x, 1));
    }

    private static float[] rowOf(Tensor x, int r) {
        float[] all = x.toFloatArray();
        return java.util.Arrays.copyOfRange(all, r * x.size(1), (r + 1) * x.size(1));
    }

    @Test
    void concatOfANumericAndACategoricalColumnIsCategorical() {
        Table a = new Table(List.of(new Table.Numeric("x", new double[] {1, NaN, 2.5})), 3);
        Table b = new Table(List.of(new Table.Categorical("x", new String[] {"k", null})), 2);
        assertArrayEquals(new String[] {"1", null, "2.5", "k", null}, Table.concat(a, b).strings("x"));
    }

    @Test
    void misuseIsOneClearLine() {
        Table t = table();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.toTensor(DType.F32)).getMessage()
                .contains("column \"c1\" is categorical; encode it first (getDummies) or drop it"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.column("nope")).getMessage()
                .startsWith("Table.column: no column \"nope\" among 4 columns"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.numbers("c1")).getMessage().contains("is categorical"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.rows(2, 9)).getMessage().contains("[2, 9) of a table of 4 rows"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Table.concat(t, t.drop("n2"))).getMessage()
                .contains("different columns"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Table(List.of(new Table.Numeric("a", new double[2])), 3))
                .getMessage().contains("has 2 rows, expected 3"));
    }
}
