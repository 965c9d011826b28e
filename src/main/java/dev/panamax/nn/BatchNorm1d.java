// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Tensor;

/** Batch normalisation of [N, C] or [N, C, L] inputs ({@code nn.BatchNorm1d}): see {@link BatchNorm}. */
public class BatchNorm1d extends BatchNorm {
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, true, true, DType.F32);
    }

    /**
     * @param affine learn a weight and a bias per channel
     * @param trackRunningStats keep running statistics (buffers) for evaluation mode
     */
    public BatchNorm1d(int numFeatures, boolean affine, boolean trackRunningStats, DType dtype) {
        super(numFeatures, affine, trackRunningStats, dtype);
    }

    @Override
    protected void checkInput(Tensor x) {
        if (x.dim() != 2 && x.dim() != 3) {
            throw new IllegalArgumentException("BatchNorm1d: expected 2D or 3D input (got " + x.dim() + "D input "
                    + dev.panamax.Shape.str(x.shape()) + ")");
        }
    }
}
