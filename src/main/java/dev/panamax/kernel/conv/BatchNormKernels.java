// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

/**
 * Batch normalisation's per-channel passes over x [n, c, s] (s = the product of the spatial dims,
 * 1 for [n, c]), contiguous from offset 0, float and double. Channel k's values are the n runs
 * of s elements at (i * c + k) * s. Sums run in double (float inputs too), in one fixed order:
 * sample by sample, element by element.
 */
public final class BatchNormKernels {
    private BatchNormKernels() {}

    /**
     * Training statistics and output: mean[k] and biased variance var[k] over the n * s values of
     * channel k, invstd[k] = 1 / sqrt(var[k] + eps), y = (x - mean) invstd weight + bias.
     * Modified: y [n, c, s], mean, var, invstd [c], overwritten. Not modified: x, weight, bias (each
     * may be null: 1 and 0).
     */
    public static void forwardTrain(int n, int c, int s, float[] x, float[] weight, float[] bias, double eps, float[] y,
                                    double[] mean, double[] var, double[] invstd) {
        long count = (long) n * s;
        for (int k = 0; k < c; k++) {
            if (count == 0) { // an empty batch: statistics 0, so its (empty) gradient sums stay 0
                mean[k] = var[k] = invstd[k] = 0;
                continue;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    sum += x[off + j];
                }
            }
            double m = sum / count, sq = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    double d = x[off + j] - m;
                    sq += d * d;
                }
            }
            mean[k] = m;
            var[k] = sq / count;
            invstd[k] = 1 / Math.sqrt(var[k] + eps);
        }
        normalize(n, c, s, x, mean, invstd, weight, bias, y);
    }

    /**
     * Evaluation: y = (x - runningMean) / sqrt(runningVar + eps) weight + bias. Modified: y,
     * overwritten. Not modified: the rest (weight, bias may be null).
     */
    public static void forwardEval(int n, int c, int s, float[] x, float[] runningMean, float[] runningVar, float[] weight,
                                   float[] bias, double eps, float[] y) {
        double[] mean = new double[c], invstd = new double[c];
        for (int k = 0; k < c; k++) {
            mean[k] = runningMean[k];
            invstd[k] = 1 / Math.sqrt(runningVar[k] + eps);
        }
        normalize(n, c, s, x, mean, invstd, weight, bias, y);
    }

    /** y = (x - mean) invstd weight + bias, as scale * x + shift per channel. */
    private static void normalize(int n, int c, int s, float[] x, double[] mean, double[] invstd, float[] weight, float[] bias,
                                  float[] y) {
        for (int k = 0; k < c; k++) {
            double w = weight == null ? 1 : weight[k], b = bias == null ? 0 : bias[k];
            float scale = (float) (invstd[k] * w), shift = (float) (b - mean[k] * invstd[k] * w);
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    y[off + j] = Math.fma(x[off + j], scale, shift);
                }
            }
        }
    }

    /**
     * Gradients given gy, with xhat = (x - mean) invstd: gb[k] += sum gy, gw[k] += sum gy xhat and
     * gx = weight invstd (gy - [training] (sum gy + xhat sum gy xhat) / (n s)), the training form
     * differentiating through the batch statistics. Modified: gx (overwritten), gw, gb (accumulated
     * into); each may be null. Not modified: x, gy, mean, invstd, weight (null: 1).
     */
    public static void backward(int n, int c, int s, float[] x, float[] gy, double[] mean, double[] invstd, float[] weight,
                                boolean training, float[] gx, float[] gw, float[] gb) {
        long count = (long) n * s;
        for (int k = 0; k < c; k++) {
            double sumG = 0, sumGX = 0, m = mean[k], is = invstd[k];
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    sumG += gy[off + j];
                    sumGX += gy[off + j] * (x[off + j] - m);
                }
            }
            sumGX *= is; // sum of gy * xhat
            if (gb != null) {
                gb[k] += (float) sumG;
            }
            if (gw != null) {
                gw[k] += (float) sumGX;
            }
            if (gx == null) {
                continue;
            }
            double w = weight == null ? 1 : weight[k], scale = w * is;
            double meanG = training ? sumG / count : 0, meanGX = training ? sumGX / count : 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    double xhat = (x[off + j] - m) * is;
                    gx[off + j] = (float) (scale * (gy[off + j] - meanG - xhat * meanGX));
                }
            }
        }
    }

    /** The same in double. */
    public static void forwardTrain(int n, int c, int s, double[] x, double[] weight, double[] bias, double eps, double[] y,
                                    double[] mean, double[] var, double[] invstd) {
        long count = (long) n * s;
        for (int k = 0; k < c; k++) {
            if (count == 0) { // an empty batch: statistics 0, so its (empty) gradient sums stay 0
                mean[k] = var[k] = invstd[k] = 0;
                continue;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    sum += x[off + j];
                }
            }
            double m = sum / count, sq = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    double d = x[off + j] - m;
                    sq += d * d;
                }
            }
            mean[k] = m;
            var[k] = sq / count;
            invstd[k] = 1 / Math.sqrt(var[k] + eps);
        }
        normalize(n, c, s, x, mean, invstd, weight, bias, y);
    }

    /** The same in double. */
    public static void forwardEval(int n, int c, int s, double[] x, double[] runningMean, double[] runningVar, double[] weight,
                                   double[] bias, double eps, double[] y) {
        double[] mean = new double[c], invstd = new double[c];
        for (int k = 0; k < c; k++) {
            mean[k] = runningMean[k];
            invstd[k] = 1 / Math.sqrt(runningVar[k] + eps);
        }
        normalize(n, c, s, x, mean, invstd, weight, bias, y);
    }

    private static void normalize(int n, int c, int s, double[] x, double[] mean, double[] invstd, double[] weight, double[] bias,
                                  double[] y) {
        for (int k = 0; k < c; k++) {
            double w = weight == null ? 1 : weight[k], b = bias == null ? 0 : bias[k];
            double scale = (invstd[k] * w), shift = (b - mean[k] * invstd[k] * w);
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    y[off + j] = Math.fma(x[off + j], scale, shift);
                }
            }
        }
    }

    /** The same in double. */
    public static void backward(int n, int c, int s, double[] x, double[] gy, double[] mean, double[] invstd, double[] weight,
                                boolean training, double[] gx, double[] gw, double[] gb) {
        long count = (long) n * s;
        for (int k = 0; k < c; k++) {
            double sumG = 0, sumGX = 0, m = mean[k], is = invstd[k];
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    sumG += gy[off + j];
                    sumGX += gy[off + j] * (x[off + j] - m);
                }
            }
            sumGX *= is; // sum of gy * xhat
            if (gb != null) {
                gb[k] += sumG;
            }
            if (gw != null) {
                gw[k] += sumGX;
            }
            if (gx == null) {
                continue;
            }
            double w = weight == null ? 1 : weight[k], scale = w * is;
            double meanG = training ? sumG / count : 0, meanGX = training ? sumGX / count : 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * s;
                for (int j = 0; j < s; j++) {
                    double xhat = (x[off + j] - m) * is;
                    gx[off + j] = (scale * (gy[off + j] - meanG - xhat * meanGX));
                }
            }
        }
    }
}
