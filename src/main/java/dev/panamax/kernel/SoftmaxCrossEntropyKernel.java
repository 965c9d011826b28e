// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * Softmax cross-entropy over the rows of dense [m x n] logits with integer class labels.
 *
 * <p>Forward, per row i with max_i = max_j logits[i][j] and s_i = sum_j exp(logits[i][j] - max_i):
 * probs[i][j] = exp(logits[i][j] - max_i) / s_i and loss[i] = log(s_i) - (logits[i][y_i] - max_i),
 * which is -log(probs[i][y_i]) computed without overflow (the max is subtracted before exp) and
 * without taking the log of a rounded-to-zero probability. One row is read three times while it
 * sits in L1 (max, exp and sum, scale).
 *
 * <p>Backward: dlogits[i][j] = (probs[i][j] - [j == y_i]) * gradLoss[i], one pass.
 */
public final class SoftmaxCrossEntropyKernel {
    private SoftmaxCrossEntropyKernel() {}

    /**
     * Writes loss[m] and probs[m x n] from logits[m x n] and labels[m]. Modified: loss, probs.
     * Not modified: logits, labels.
     *
     * @throws IllegalArgumentException if a label is outside [0, n), before any work
     */
    public static void forward(int m, int n, float[] logits, int lOff, int[] labels, int labOff,
                               float[] loss, int lossOff, float[] probs, int pOff) {
        checkLabels(m, n, labels, labOff);
        if (Simd.ENABLED) {
            VectorKernels.softmaxCrossEntropyForward(m, n, logits, lOff, labels, labOff, loss, lossOff, probs, pOff);
        } else {
            ScalarKernels.softmaxCrossEntropyForward(m, n, logits, lOff, labels, labOff, loss, lossOff, probs, pOff);
        }
    }

    /** The same as {@link #forward(int, int, float[], int, int[], int, float[], int, float[], int)} in double. */
    public static void forward(int m, int n, double[] logits, int lOff, int[] labels, int labOff,
                               double[] loss, int lossOff, double[] probs, int pOff) {
        checkLabels(m, n, labels, labOff);
        if (Simd.ENABLED) {
            VectorKernels.softmaxCrossEntropyForward(m, n, logits, lOff, labels, labOff, loss, lossOff, probs, pOff);
        } else {
            ScalarKernels.softmaxCrossEntropyForward(m, n, logits, lOff, labels, labOff, loss, lossOff, probs, pOff);
        }
    }

    /**
     * dlogits[i][j] = (probs[i][j] - (j == labels[i] ? 1 : 0)) * gradLoss[i]. dlogits may be probs.
     * Modified: dlogits. Not modified: probs, labels, gradLoss.
     */
    public static void backward(int m, int n, float[] probs, int pOff, int[] labels, int labOff,
                                float[] gradLoss, int glOff, float[] dlogits, int dOff) {
        checkLabels(m, n, labels, labOff);
        if (Simd.ENABLED) {
            VectorKernels.softmaxCrossEntropyBackward(m, n, probs, pOff, labels, labOff, gradLoss, glOff, dlogits, dOff);
        } else {
            ScalarKernels.softmaxCrossEntropyBackward(m, n, probs, pOff, labels, labOff, gradLoss, glOff, dlogits, dOff);
        }
    }

    /** The same as {@link #backward(int, int, float[], int, int[], int, float[], int, float[], int)} in double. */
    public static void backward(int m, int n, double[] probs, int pOff, int[] labels, int labOff,
                                double[] gradLoss, int glOff, double[] dlogits, int dOff) {
        checkLabels(m, n, labels, labOff);
        if (Simd.ENABLED) {
            VectorKernels.softmaxCrossEntropyBackward(m, n, probs, pOff, labels, labOff, gradLoss, glOff, dlogits, dOff);
        } else {
            ScalarKernels.softmaxCrossEntropyBackward(m, n, probs, pOff, labels, labOff, gradLoss, glOff, dlogits, dOff);
        }
    }

    private static void checkLabels(int m, int n, int[] labels, int labOff) {
        for (int i = 0; i < m; i++) {
            int y = labels[labOff + i];
            if (y < 0 || y >= n) {
                throw new IllegalArgumentException("softmax cross-entropy: label " + y + " of row " + i
                        + " is outside [0, " + n + ")");
            }
        }
    }
}
