// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import java.util.Arrays;

/** Running sums of n values, the book's {@code Accumulator}. */
public final class Accumulator {
    private final double[] data;

    public Accumulator(int n) {
        data = new double[n];
    }

    /** Adds values[i] to sum i. */
    public void add(double... values) {
        if (values.length != data.length) {
            throw new IllegalArgumentException("Accumulator.add: " + values.length + " values for " + data.length + " sums");
        }
        for (int i = 0; i < data.length; i++) {
            data[i] += values[i];
        }
    }

    public void reset() {
        Arrays.fill(data, 0);
    }

    /** Sum i. */
    public double get(int i) {
        return data[i];
    }

    public int size() {
        return data.length;
    }
}
