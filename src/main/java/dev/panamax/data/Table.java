// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import dev.panamax.DType;
import dev.panamax.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A table of named columns, each numeric (doubles, NaN for a missing value) or categorical
 * (strings, null for a missing value), as {@link Csv#read} returns it, and the book's
 * preprocessing of tabular data (section 4.10) in pandas' terms:
 *
 * <pre>{@code
 * Table all = Table.concat(train.columns(1, train.width() - 1), test.columns(1, test.width()));
 * Table features = all.standardize().fillMissing(0).getDummies(true);
 * Tensor x = features.rows(0, train.height()).toTensor(DType.F32);
 * }</pre>
 *
 * Immutable: every method that changes something returns a new table (and allocates it); columns
 * not changed are shared.
 */
public final class Table {
    /** How a column's values are read: numbers or category names. */
    public enum Kind {
        NUMERIC, CATEGORICAL
    }

    /** A named column of one of the two kinds. */
    public sealed interface Column permits Numeric, Categorical {
        String name();

        int size();

        Kind kind();
    }

    /** Numbers, NaN where a value is missing. The array is the table's own: do not modify it. */
    public record Numeric(String name, double[] values) implements Column {
        public Numeric {
            Objects.requireNonNull(name);
            Objects.requireNonNull(values);
        }

        public int size() {
            return values.length;
        }

        public Kind kind() {
            return Kind.NUMERIC;
        }
    }

    /** Category names, null where a value is missing. The array is the table's own: do not modify it. */
    public record Categorical(String name, String[] values) implements Column {
        public Categorical {
            Objects.requireNonNull(name);
            Objects.requireNonNull(values);
        }

        public int size() {
            return values.length;
        }

        public Kind kind() {
            return Kind.CATEGORICAL;
        }
    }

    private final List<Column> columns;
    private final int height;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    /**
     * A table of the given columns, all of height rows, names distinct.
     *
     * @param columns Not modified (the list is copied; the arrays are shared)
     */
    public Table(List<? extends Column> columns, int height) {
        this.columns = List.copyOf(columns);
        this.height = height;
        for (Column c : this.columns) {
            if (c.size() != height) {
                throw new IllegalArgumentException("Table: column " + Csv.quote(c.name()) + " has " + c.size() + " rows, expected "
                        + height);
            }
            if (index.putIfAbsent(c.name(), index.size()) != null) {
                throw new IllegalArgumentException("Table: column name " + Csv.quote(c.name()) + " appears twice");
            }
        }
    }

    /** Number of rows. */
    public int height() {
        return height;
    }

    /** Number of columns. */
    public int width() {
        return columns.size();
    }

    /** The columns in order (unmodifiable). */
    public List<Column> columns() {
        return columns;
    }

    /** The column names in order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The column named name. */
    public Column column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("Table.column: no column " + Csv.quote(name) + " among " + width() + " columns "
                    + shortList(names()));
        }
        return columns.get(i);
    }

    /** A copy of the numbers of the numeric column named name (NaN where missing). Allocates. */
    public double[] numbers(String name) {
        if (!(column(name) instanceof Numeric n)) {
            throw new IllegalArgumentException("Table.numbers: column " + Csv.quote(name) + " is categorical, not numeric");
        }
        return n.values().clone();
    }

    /** A copy of the strings of the categorical column named name (null where missing). Allocates. */
    public String[] strings(String name) {
        if (!(column(name) instanceof Categorical c)) {
            throw new IllegalArgumentException("Table.strings: column " + Csv.quote(name) + " is numeric, not categorical");
        }
        return c.values().clone();
    }

    /** Columns from (inclusive) to to (exclusive), as pandas' {@code df.iloc[:, from:to]}. */
    public Table columns(int from, int to) {
        if (from < 0 || to > width() || from > to) {
            throw new IllegalArgumentException("Table.columns: range [" + from + ", " + to + ") of a table of " + width() + " columns");
        }
        return new Table(columns.subList(from, to), height);
    }

    /** The table without the named columns (pandas' {@code df.drop(columns=...)}). */
    public Table drop(String... names) {
        List<Column> kept = new ArrayList<>(columns);
        for (String n : names) {
            kept.remove(column(n));
        }
        return new Table(kept, height);
    }

    /** Rows from (inclusive) to to (exclusive), as pandas' {@code df[from:to]}. Allocates. */
    public Table rows(int from, int to) {
        if (from < 0 || to > height || from > to) {
            throw new IllegalArgumentException("Table.rows: range [" + from + ", " + to + ") of a table of " + height + " rows");
        }
        List<Column> out = new ArrayList<>(width());
        for (Column c : columns) {
            out.add(switch (c) {
                case Numeric n -> new Numeric(n.name(), Arrays.copyOfRange(n.values(), from, to));
                case Categorical s -> new Categorical(s.name(), Arrays.copyOfRange(s.values(), from, to));
            });
        }
        return new Table(out, to - from);
    }

    /**
     * The rows of a above the rows of b, as {@code pd.concat((a, b))}: both must have the same
     * column names in the same order. A column numeric in one and categorical in the other becomes
     * categorical, its numbers written as pandas would print them. Allocates.
     */
    public static Table concat(Table a, Table b) {
        if (!a.names().equals(b.names())) {
            throw new IllegalArgumentException("Table.concat: the tables have different columns: " + shortList(a.names()) + " and "
                    + shortList(b.names()));
        }
        List<Column> out = new ArrayList<>(a.width());
        for (int i = 0; i < a.width(); i++) {
            Column x = a.columns.get(i), y = b.columns.get(i);
            if (x instanceof Numeric nx && y instanceof Numeric ny) {
                double[] v = Arrays.copyOf(nx.values(), a.height + b.height);
                System.arraycopy(ny.values(), 0, v, a.height, b.height);
                out.add(new Numeric(x.name(), v));
            } else {
                String[] v = new String[a.height + b.height];
                fillStrings(x, v, 0);
                fillStrings(y, v, a.height);
                out.add(new Categorical(x.name(), v));
            }
        }
        return new Table(out, a.height + b.height);
    }

    private static void fillStrings(Column c, String[] into, int at) {
        switch (c) {
            case Categorical s -> System.arraycopy(s.values(), 0, into, at, s.size());
            case Numeric n -> {
                for (int r = 0; r < n.size(); r++) {
                    double v = n.values()[r];
                    into[at + r] = Double.isNaN(v) ? null : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
                }
            }
        }
    }

    /**
     * Every numeric column standardised over its values that are not missing, as the book's
     * {@code (x - x.mean()) / x.std()}: pandas' std is the sample one (divided by n - 1). A column
     * with fewer than two values, or all equal, becomes all NaN, as in pandas (0 / 0). Missing
     * values stay missing. Allocates.
     */
    public Table standardize() {
        List<Column> out = new ArrayList<>(width());
        for (Column c : columns) {
            if (!(c instanceof Numeric n)) {
                out.add(c);
                continue;
            }
            double[] v = n.values();
            double sum = 0;
            int count = 0;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    sum += x;
                    count++;
                }
            }
            double mean = sum / count;
            double ss = 0;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    ss += (x - mean) * (x - mean);
                }
            }
            double std = count > 1 ? Math.sqrt(ss / (count - 1)) : Double.NaN;
            double[] z = new double[v.length];
            for (int r = 0; r < v.length; r++) {
                z[r] = (v[r] - mean) / std;
            }
            out.add(new Numeric(n.name(), z));
        }
        return new Table(out, height);
    }

    /** Missing values (NaN) of the numeric columns replaced by value, as pandas' {@code fillna}. Allocates. */
    public Table fillMissing(double value) {
        List<Column> out = new ArrayList<>(width());
        for (Column c : columns) {
            if (c instanceof Numeric n) {
                double[] v = n.values().clone();
                for (int r = 0; r < v.length; r++) {
                    if (Double.isNaN(v[r])) {
                        v[r] = value;
                    }
                }
                out.add(new Numeric(n.name(), v));
            } else {
                out.add(c);
            }
        }
        return new Table(out, height);
    }

    /**
     * One-hot encoding of the categorical columns, as {@code pd.get_dummies(df, dummy_na=...)}:
     * the numeric columns first in their order, then for each categorical column in its order one
     * 0/1 column per category, named {@code column_category}, categories sorted (by UTF-16 code
     * units, as Python sorts ASCII strings), and with dummyNa a last column {@code column_nan} that
     * is 1 where the value is missing (present even if none is). Allocates.
     */
    public Table getDummies(boolean dummyNa) {
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            if (c instanceof Numeric) {
                out.add(c);
            }
        }
        for (Column c : columns) {
            if (!(c instanceof Categorical s)) {
                continue;
            }
            TreeSet<String> categories = new TreeSet<>();
            for (String v : s.values()) {
                if (v != null) {
                    categories.add(v);
                }
            }
            for (String cat : categories) {
                double[] v = new double[height];
                for (int r = 0; r < height; r++) {
                    v[r] = cat.equals(s.values()[r]) ? 1 : 0;
                }
                out.add(new Numeric(s.name() + "_" + cat, v));
            }
            if (dummyNa) {
                double[] v = new double[height];
                for (int r = 0; r < height; r++) {
                    v[r] = s.values()[r] == null ? 1 : 0;
                }
                out.add(new Numeric(s.name() + "_nan", v));
            }
        }
        return new Table(out, height);
    }

    /**
     * The table as a [height, width] tensor of dtype, row by row (pandas' {@code df.values}); every
     * column must be numeric. Allocates.
     */
    public Tensor toTensor(DType dtype) {
        for (Column c : columns) {
            if (c instanceof Categorical) {
                throw new IllegalArgumentException("Table.toTensor: column " + Csv.quote(c.name())
                        + " is categorical; encode it first (getDummies) or drop it");
            }
        }
        int w = width();
        if ((long) height * w > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("Table.toTensor: " + height + " x " + w + " values are more than a tensor holds");
        }
        double[] d = new double[height * w];
        for (int j = 0; j < w; j++) {
            double[] v = ((Numeric) columns.get(j)).values();
            for (int r = 0; r < height; r++) {
                d[r * w + j] = v[r];
            }
        }
        Tensor t = Tensor.wrap(d, height, w);
        return dtype == DType.F64 ? t : t.to(dtype);
    }

    private static String shortList(List<String> names) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(6, names.size()); i++) {
            shown.add(Csv.quote(names.get(i)));
        }
        return "[" + String.join(", ", shown) + (names.size() > 6 ? ", ... (" + names.size() + ")" : "") + "]";
    }

    @Override
    public String toString() {
        return "Table[" + height + " rows, " + width() + " columns " + shortList(names()) + "]";
    }
}
