// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import java.util.Arrays;

/**
 * 2-D convolution ({@code nn.Conv2d}), weight [out, in / groups, kH, kW] and bias [out]; see
 * {@link Functional#conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)}. The arguments that
 * shape the parameters go to the constructor, the others are fluent setters:
 *
 * <pre>{@code
 * new Conv2d(1, 6, 5).padding(2)
 * new Conv2d(16, 32, 3).stride(2).padding(1)
 * new Conv2d(32, 32, new int[] {3, 3}, 32, false, DType.F32, gen).padding("same")   // depthwise
 * }</pre>
 *
 * PyTorch's default initialisation: {@code kaiming_uniform_(W, a = sqrt(5))}, which is U(-1/sqrt(fan_in),
 * 1/sqrt(fan_in)) with fan_in = in / groups * kH * kW, and the bias from the same distribution.
 */
public class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private final int groups;
    private final Tensor weight;
    private final Tensor bias;
    private int[] stride = {1, 1};
    private int[] padding = {0, 0};
    private String paddingMode; // "same" or "valid", else null and padding holds the amounts
    private int[] dilation = {1, 1};

    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, new int[] {kernelSize}, 1, true, DType.F32, null);
    }

    public Conv2d(int inChannels, int outChannels, int[] kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, true, DType.F32, null);
    }

    /**
     * A convolution from inChannels to outChannels with the given kernel, initialised as PyTorch's.
     *
     * @param kernelSize one int or [kH, kW], positive
     * @param groups positive, dividing inChannels and outChannels
     * @param gen source of the initial values, or null for {@link Generator#global()}. Modified.
     */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int groups, boolean bias, DType dtype, Generator gen) {
        int[] k = ConvFunctional.pair("Conv2d", "kernel_size", kernelSize);
        if (inChannels <= 0 || outChannels <= 0 || k[0] <= 0 || k[1] <= 0) {
            throw new IllegalArgumentException("Conv2d: in_channels=" + inChannels + ", out_channels=" + outChannels + ", kernel_size="
                    + tuple(k) + ": all must be positive");
        }
        if (groups <= 0) {
            throw new IllegalArgumentException("Conv2d: groups must be a positive integer, got " + groups);
        }
        if (inChannels % groups != 0) {
            throw new IllegalArgumentException("Conv2d: in_channels " + inChannels + " must be divisible by groups " + groups);
        }
        if (outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv2d: out_channels " + outChannels + " must be divisible by groups " + groups);
        }
        Generator g = gen == null ? Generator.global() : gen;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = k;
        this.groups = groups;
        this.weight = registerParameter("weight", Tensor.zeros(dtype, outChannels, inChannels / groups, k[0], k[1]));
        Init.kaimingUniform_(weight, Math.sqrt(5), Init.FanMode.FAN_IN, "leaky_relu", g);
        if (bias) {
            this.bias = registerParameter("bias", Tensor.zeros(dtype, outChannels));
            double bound = 1 / Math.sqrt(Init.fans(weight)[0]);
            Init.uniform_(this.bias, -bound, bound, g);
        } else {
            this.bias = null;
        }
    }

    /** Sets the stride for both dims. Returns this. */
    public Conv2d stride(int s) {
        return stride(s, s);
    }

    /** Sets the stride (positive). Returns this. */
    public Conv2d stride(int h, int w) {
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("Conv2d: non-positive stride (" + h + ", " + w + ") is not supported");
        }
        if ("same".equals(paddingMode) && (h != 1 || w != 1)) {
            throw new IllegalArgumentException("Conv2d: padding='same' is not supported for strided convolutions");
        }
        stride = new int[] {h, w};
        return this;
    }

    /** Sets the zero padding on both sides of both dims. Returns this. */
    public Conv2d padding(int p) {
        return padding(p, p);
    }

    /** Sets the zero padding of height and width (non-negative). Returns this. */
    public Conv2d padding(int h, int w) {
        if (h < 0 || w < 0) {
            throw new IllegalArgumentException("Conv2d: negative padding (" + h + ", " + w + ") is not supported");
        }
        padding = new int[] {h, w};
        paddingMode = null;
        return this;
    }

    /** Sets the padding to "same" (stride 1 only) or "valid" (none). Returns this. */
    public Conv2d padding(String mode) {
        if (!"same".equals(mode) && !"valid".equals(mode)) {
            throw new IllegalArgumentException("Conv2d: Invalid padding string '" + mode + "', should be one of {'valid', 'same'}");
        }
        if ("same".equals(mode) && (stride[0] != 1 || stride[1] != 1)) {
            throw new IllegalArgumentException("Conv2d: padding='same' is not supported for strided convolutions");
        }
        paddingMode = mode;
        padding = new int[] {0, 0};
        return this;
    }

    /** Sets the dilation for both dims. Returns this. */
    public Conv2d dilation(int d) {
        return dilation(d, d);
    }

    /** Sets the dilation (positive). Returns this. */
    public Conv2d dilation(int h, int w) {
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("Conv2d: dilation (" + h + ", " + w + ") should be greater than zero");
        }
        dilation = new int[] {h, w};
        return this;
    }

    /** The live weight [out, in / groups, kH, kW]. */
    public final Tensor weight() {
        return weight;
    }

    /** The live bias [out], or null. */
    public final Tensor bias() {
        return bias;
    }

    public final int inChannels() {
        return inChannels;
    }

    public final int outChannels() {
        return outChannels;
    }

    public final int groups() {
        return groups;
    }

    /** [kH, kW] (a copy). */
    public final int[] kernelSize() {
        return kernelSize.clone();
    }

    /** [sH, sW] (a copy). */
    public final int[] stride() {
        return stride.clone();
    }

    /** [pH, pW] (a copy; zeros when the padding is "same" or "valid"). */
    public final int[] padding() {
        return padding.clone();
    }

    /** [dH, dW] (a copy). */
    public final int[] dilation() {
        return dilation.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        if (paddingMode != null) {
            return Functional.conv2d(x, weight, bias, stride, paddingMode, dilation, groups);
        }
        return Functional.conv2d(x, weight, bias, stride, padding, dilation, groups);
    }

    /** act(forward(x)) as one op (see {@link Sequential}) when the padding is numeric; null for "same" / "valid". */
    final Tensor forwardThen(Tensor x, dev.panamax.kernel.conv.Activation act) {
        return paddingMode != null ? null : ConvFunctional.conv2d(x, weight, bias, stride, padding, dilation, groups, act);
    }

    /**
     * This convolution, a sigmoid and a 2 x 2, stride 2 average pooling as one op
     * ({@link ConvFunctional#conv2dSigmoidAvgPool}), or null where that does not apply.
     */
    final Tensor forwardSigmoidPool(Tensor x) {
        return paddingMode != null ? null : ConvFunctional.conv2dSigmoidAvgPool(x, weight, bias, stride, padding, dilation, groups);
    }

    static String tuple(int[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(tuple(kernelSize)).append(", stride=").append(tuple(stride));
        if (paddingMode != null) {
            s.append(", padding=").append(paddingMode);
        } else if (!Arrays.equals(padding, new int[] {0, 0})) {
            s.append(", padding=").append(tuple(padding));
        }
        if (!Arrays.equals(dilation, new int[] {1, 1})) {
            s.append(", dilation=").append(tuple(dilation));
        }
        if (groups != 1) {
            s.append(", groups=").append(groups);
        }
        if (bias == null) {
            s.append(", bias=False");
        }
        return s.toString();
    }
}
