// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;

/**
 * y = x W^T + b ({@code nn.Linear}), weight [out, in] and bias [out]. PyTorch's default
 * initialisation: {@code kaiming_uniform_(W, a = sqrt(5))}, which is U(-1/sqrt(in), 1/sqrt(in)),
 * and the bias from the same U(-1/sqrt(in), 1/sqrt(in)).
 */
public class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true, DType.F32, null);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, DType.F32, null);
    }

    /**
     * y = x W^T + b with W of shape [outFeatures, inFeatures], initialised as PyTorch's nn.Linear.
     *
     * @param gen source of the initial values, or null for {@link Generator#global()}. Modified.
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, DType dtype, Generator gen) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear: in_features=" + inFeatures + ", out_features=" + outFeatures
                    + ": sizes must be non-negative");
        }
        Generator g = gen == null ? Generator.global() : gen;
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Tensor.zeros(dtype, outFeatures, inFeatures));
        Init.kaimingUniform_(weight, Math.sqrt(5), Init.FanMode.FAN_IN, "leaky_relu", g);
        if (bias) {
            this.bias = registerParameter("bias", Tensor.zeros(dtype, outFeatures));
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Init.uniform_(this.bias, -bound, bound, g);
        } else {
            this.bias = null;
        }
    }

    /** The live weight [out, in]. */
    public final Tensor weight() {
        return weight;
    }

    /** The live bias [out], or null. */
    public final Tensor bias() {
        return bias;
    }

    public final int inFeatures() {
        return inFeatures;
    }

    public final int outFeatures() {
        return outFeatures;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.linear(x, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
