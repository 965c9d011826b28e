// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;

/**
 * Batch normalisation over channel dim 1 (PyTorch's {@code _BatchNorm}), the base of
 * {@link BatchNorm1d} and {@link BatchNorm2d}; see {@link Functional#batchNorm}. Parameters
 * {@code weight} (ones) and {@code bias} (zeros) when affine; buffers {@code running_mean}
 * (zeros), {@code running_var} (ones) and {@code num_batches_tracked} (a 0-dim float64 count)
 * when tracking running statistics, saved in the state dict under those names.
 *
 * <p>In training mode each call normalises with the batch's statistics and, when tracking, moves
 * the running statistics towards them by momentum and counts the batch; in evaluation mode it
 * normalises with the running statistics (with the batch's when not tracking).
 */
public abstract class BatchNorm extends Module {
    private final int numFeatures;
    private final boolean affine;
    private final boolean trackRunningStats;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;
    private double eps = 1e-5;
    private double momentum = 0.1;

    protected BatchNorm(int numFeatures, boolean affine, boolean trackRunningStats, DType dtype) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException(name() + ": num_features=" + numFeatures + " must be positive");
        }
        this.numFeatures = numFeatures;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.weight = affine ? registerParameter("weight", Tensor.ones(dtype, numFeatures)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(dtype, numFeatures)) : null;
        if (trackRunningStats) {
            this.runningMean = registerBuffer("running_mean", Tensor.zeros(dtype, numFeatures));
            this.runningVar = registerBuffer("running_var", Tensor.ones(dtype, numFeatures));
            this.numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.zeros(DType.F64));
        } else {
            this.runningMean = null;
            this.runningVar = null;
            this.numBatchesTracked = null;
        }
    }

    /** Sets eps, added to the variance (positive). Returns this. */
    public BatchNorm eps(double e) {
        if (!(e > 0)) {
            throw new IllegalArgumentException(name() + ": eps " + e + " must be positive");
        }
        eps = e;
        return this;
    }

    /** Sets the running statistics' momentum, in [0, 1]. Returns this. */
    public BatchNorm momentum(double m) {
        if (!(m >= 0 && m <= 1)) {
            throw new IllegalArgumentException(name() + ": momentum " + m + " must be in [0, 1]");
        }
        momentum = m;
        return this;
    }

    /** Checks the input's rank, with PyTorch's message. */
    protected abstract void checkInput(Tensor x);

    @Override
    public Tensor forward(Tensor x) {
        checkInput(x);
        boolean useBatchStats = isTraining() || !trackRunningStats;
        if (useBatchStats && x.numel() == x.size(1)) { // checked before counting the batch: nothing half-done
            throw new IllegalArgumentException("batchNorm: Expected more than 1 value per channel when training, got input size "
                    + dev.panamax.Shape.str(x.shape()));
        }
        if (isTraining() && trackRunningStats) {
            try (Autograd.Scope _ = Autograd.noGrad()) {
                numBatchesTracked.add_(Tensor.ones(DType.F64));
            }
        }
        return Functional.batchNorm(x, runningMean, runningVar, weight, bias, useBatchStats, momentum, eps);
    }

    public final int numFeatures() {
        return numFeatures;
    }

    /** The live weight (gamma) [C], or null when not affine. */
    public final Tensor weight() {
        return weight;
    }

    /** The live bias (beta) [C], or null when not affine. */
    public final Tensor bias() {
        return bias;
    }

    /** The live running mean [C], or null when not tracking. */
    public final Tensor runningMean() {
        return runningMean;
    }

    /** The live running variance [C], or null when not tracking. */
    public final Tensor runningVar() {
        return runningVar;
    }

    /** Training batches seen while tracking (0 when not tracking). */
    public final long numBatchesTracked() {
        return numBatchesTracked == null ? 0 : (long) numBatchesTracked.item();
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + pyFloat(eps) + ", momentum=" + pyFloat(momentum) + ", affine=" + (affine ? "True" : "False")
                + ", track_running_stats=" + (trackRunningStats ? "True" : "False");
    }
}
