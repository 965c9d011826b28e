// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import java.util.Arrays;

/** Helpers on shapes (int arrays, row-major). */
public final class Shape {
    private Shape() {}

    /** The most elements a Java array can hold on common JVMs (some reserve a few header words). */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 16;

    /**
     * Number of elements. Negative dims are checked first and a zero dim makes 0 before any
     * product is taken, so {@code [65536, 65536, 0]} is as empty as {@code [0, 65536, 65536]}.
     *
     * @throws IllegalArgumentException for a negative dim, or more elements than an array holds
     */
    public static int numel(int... shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d + " in shape " + str(shape));
            }
            if (d == 0) {
                return 0;
            }
        }
        long n = 1;
        for (int d : shape) {
            n *= d; // both factors are below 2^31 and n stays below MAX_ELEMENTS: no long overflow
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more elements than a Java array holds ("
                        + MAX_ELEMENTS + ")");
            }
        }
        return (int) n;
    }

    /**
     * The product of shape[from..to), for a dim made by merging dims (flatten) or a loop bound.
     *
     * @throws IllegalArgumentException naming op when the product exceeds what an array holds
     */
    public static int product(String op, int[] shape, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
            if (p == 0) {
                return 0;
            }
            if (p > MAX_ELEMENTS) {
                throw new IllegalArgumentException(op + ": dims " + from + ".." + (to - 1) + " of " + str(shape)
                        + " multiply to more than an array holds (" + MAX_ELEMENTS + ")");
            }
        }
        return (int) p;
    }

    /** Row-major strides in elements (a zero-size shape has all-zero strides: nothing is addressed). */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        if (numel(shape) == 0) {
            return s;
        }
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The broadcast shape of two shapes (NumPy rules), or an exception naming the op. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " do not broadcast (dim " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** A dim in [-rank, rank) made non-negative, or an exception naming the op. */
    public static int dim(String op, int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException(op + ": dim " + dim + " out of range for a tensor of rank " + rank
                    + " (expected [" + -r + ", " + (r - 1) + "])");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** Prints like PyTorch's {@code torch.Size}: {@code [2, 3]}; a shape of absurd rank is cut short. */
    public static String str(int[] shape) {
        if (shape.length <= 16) {
            return Arrays.toString(shape);
        }
        return Arrays.toString(Arrays.copyOf(shape, 16)).replace("]", ", ... (rank " + shape.length + ")]");
    }
}
