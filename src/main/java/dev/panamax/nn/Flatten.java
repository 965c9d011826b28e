// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;

/** Flattens dims startDim..endDim into one ({@code nn.Flatten}, by default all but the batch dim). */
public class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
