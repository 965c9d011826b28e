// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import java.util.Arrays;

/** The argument checks and printing the pooling modules share. */
final class PoolModules {
    private PoolModules() {}

    /** v as given (one int or [h, w]), each at least min. */
    static int[] checked(String module, String what, int[] v, int min) {
        if (v == null || (v.length != 1 && v.length != 2)) {
            throw new IllegalArgumentException(module + ": " + what + " must be one int or two ([h, w]), got "
                    + (v == null ? "null" : Arrays.toString(v)));
        }
        for (int x : v) {
            if (x < min) {
                throw new IllegalArgumentException(module + ": " + what + " " + Arrays.toString(v) + " must be "
                        + (min == 0 ? "non-negative" : "positive"));
            }
        }
        return v.clone();
    }

    /** As PyTorch prints what it was given: an int, or a tuple. */
    static String repr(int[] v) {
        return v.length == 1 ? Integer.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
    }
}
