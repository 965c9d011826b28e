// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import dev.panamax.Shape;
import dev.panamax.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * K-fold cross-validation splits, as the book's {@code get_k_fold_data} (section 4.10): the rows, in
 * order, cut into k folds of {@code n / k} rows each (integer division); fold i is the validation
 * set and the others, in order, the training set. The last {@code n % k} rows belong to no fold and
 * are used neither for training nor for validation, as in the book.
 */
public final class KFold {
    private KFold() {}

    /** The i-th split: training rows and labels, validation rows and labels. */
    public record Fold(Tensor xTrain, Tensor yTrain, Tensor xValid, Tensor yValid) {}

    /**
     * The book's {@code get_k_fold_data(k, i, X, y)}. Allocates the four tensors.
     *
     * @param x Not modified. @param y Not modified; as many rows as x
     * @throws IllegalArgumentException if k {@literal <} 2, i is not in [0, k), the rows differ, or there are
     *     fewer rows than folds
     */
    public static Fold split(int k, int i, Tensor x, Tensor y) {
        int[] valid = validRows(k, i, x, y);
        int foldSize = x.size(0) / k;
        int[] train = new int[foldSize * (k - 1)];
        int at = 0;
        for (int j = 0; j < k; j++) {
            if (j != i) {
                for (int r = j * foldSize; r < (j + 1) * foldSize; r++) {
                    train[at++] = r;
                }
            }
        }
        return new Fold(x.rows(train), y.rows(train), x.rows(valid), y.rows(valid));
    }

    /** All k splits, fold 0 first. Allocates. */
    public static List<Fold> splits(int k, Tensor x, Tensor y) {
        List<Fold> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(split(k, i, x, y));
        }
        return out;
    }

    private static int[] validRows(int k, int i, Tensor x, Tensor y) {
        if (k < 2) {
            throw new IllegalArgumentException("KFold.split: k = " + k + "; cross-validation needs k >= 2 folds");
        }
        if (i < 0 || i >= k) {
            throw new IllegalArgumentException("KFold.split: fold " + i + " of k = " + k + "; expected 0 <= i < k");
        }
        if (x.dim() < 1 || y.dim() < 1 || x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("KFold.split: x " + Shape.str(x.shape()) + " and y " + Shape.str(y.shape())
                    + ": expected the same number of rows");
        }
        int n = x.size(0);
        if (n < k) {
            throw new IllegalArgumentException("KFold.split: " + n + " rows cannot make " + k + " folds of at least one row");
        }
        int foldSize = n / k;
        int[] valid = new int[foldSize];
        for (int r = 0; r < foldSize; r++) {
            valid[r] = i * foldSize + r;
        }
        return valid;
    }
}
