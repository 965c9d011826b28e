// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Tensor;

/** Batch normalisation of [N, C, H, W] inputs ({@code nn.BatchNorm2d}): see {@link BatchNorm}. */
public class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, true, true, DType.F32);
    }

    /**
     * @param affine learn a weight and a bias per channel
     * @param trackRunningStats keep running statistics (buffers) for evaluation mode
     */
    public BatchNorm2d(int numFeatures, boolean affine, boolean trackRunningStats, DType dtype) {
        super(numFeatures, affine, trackRunningStats, dtype);
    }

    @Override
    protected void checkInput(Tensor x) {
        if (x.dim() != 4) {
            throw new IllegalArgumentException("BatchNorm2d: expected 4D input (got " + x.dim() + "D input "
                    + dev.panamax.Shape.str(x.shape()) + ")");
        }
    }
}
