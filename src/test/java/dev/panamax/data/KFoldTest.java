// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KFold against the book's get_k_fold_data, worked out by hand. */
class KFoldTest {
    /** Row r of x is {r, 10 r}; y is r. */
    static Tensor x(int n) {
        double[] v = new double[2 * n];
        for (int r = 0; r < n; r++) {
            v[2 * r] = r;
            v[2 * r + 1] = 10 * r;
        }
        return Tensor.fromArray(v, n, 2);
    }

    static Tensor y(int n) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
            v[r] = r;
        }
        return Tensor.fromArray(v, n, 1);
    }

    @Test
    void foldsOfNOverKRowsInOrderAndTheRemainderInNone() {
        // n = 11, k = 3: folds [0, 3), [3, 6), [6, 9); rows 9 and 10 are in no fold, as in the book
        KFold.Fold f = KFold.split(3, 1, x(11), y(11));
        assertArrayEquals(new double[] {0, 1, 2, 6, 7, 8}, f.yTrain().toDoubleArray());
        assertArrayEquals(new double[] {3, 4, 5}, f.yValid().toDoubleArray());
        assertArrayEquals(new double[] {3, 30, 4, 40, 5, 50}, f.xValid().toDoubleArray());
        assertArrayEquals(new int[] {6, 2}, f.xTrain().shape());
        assertArrayEquals(new int[] {6, 1}, f.yTrain().shape());
        KFold.Fold last = KFold.split(3, 2, x(11), y(11));
        assertArrayEquals(new double[] {6, 7, 8}, last.yValid().toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, last.yTrain().toDoubleArray());
    }

    @Test
    void everyRowOfWholeFoldsIsValidatedExactlyOnce() {
        List<KFold.Fold> folds = KFold.splits(5, x(1460), y(1460)); // the real train.csv: 5 folds of 292
        int[] seen = new int[1460];
        for (KFold.Fold f : folds) {
            assertEquals(292, f.yValid().size(0));
            assertEquals(1168, f.yTrain().size(0));
            for (double r : f.yValid().toDoubleArray()) {
                seen[(int) r]++;
            }
        }
        for (int c : seen) {
            assertEquals(1, c);
        }
    }

    @Test
    void badArgumentsAreOneClearLine() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KFold.split(1, 0, x(4), y(4))).getMessage()
                .contains("k = 1; cross-validation needs k >= 2 folds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KFold.split(3, 3, x(4), y(4))).getMessage()
                .contains("fold 3 of k = 3; expected 0 <= i < k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KFold.split(5, 0, x(4), y(4))).getMessage()
                .contains("4 rows cannot make 5 folds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KFold.split(2, 0, x(4), y(5))).getMessage()
                .contains("x [4, 2] and y [5, 1]: expected the same number of rows"));
    }
}
