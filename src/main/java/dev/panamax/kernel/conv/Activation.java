// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

/** The element-wise function a fused convolution applies in its store, after the bias. */
public enum Activation {
    /** y = z. */
    NONE,
    /** y = max(z, 0). */
    RELU,
    /** y = 1 / (1 + exp(-z)), with {@link dev.panamax.kernel.Exp#exp(float)} on both paths. */
    SIGMOID;

    /** This function of z in float: the scalar twin of the vector store, the same bits lane by lane. */
    public float apply(float z) {
        return switch (this) {
            case NONE -> z;
            case RELU -> Math.max(z, 0f);
            case SIGMOID -> 1f / (1f + dev.panamax.kernel.Exp.exp(-z));
        };
    }

    /** This function of z in double (sigmoid with {@link dev.panamax.kernel.Exp#exp(double)}). */
    public double apply(double z) {
        return switch (this) {
            case NONE -> z;
            case RELU -> Math.max(z, 0d);
            case SIGMOID -> 1d / (1d + dev.panamax.kernel.Exp.exp(-z));
        };
    }
}
