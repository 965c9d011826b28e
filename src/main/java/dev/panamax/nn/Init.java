// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Generator;
import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;

/**
 * Parameter initialisation with the formulas and gains of {@code torch.nn.init}. Every method
 * fills its tensor in place outside the graph and returns it (Modified: t); the overloads without
 * a generator draw from {@link Generator#global()}.
 *
 * <p>Fans of a tensor [out, in, k...]: fan_in = in * prod(k), fan_out = out * prod(k).
 */
public final class Init {
    private Init() {}

    /** Which fan Kaiming initialisation keeps the variance of: forward (in) or backward (out). */
    public enum FanMode { FAN_IN, FAN_OUT }

    /**
     * The recommended gain for a nonlinearity: 1 for linear, conv and sigmoid, 5/3 for tanh,
     * sqrt(2) for relu, sqrt(2 / (1 + slope^2)) for leaky_relu (slope 0.01 when param is NaN),
     * 3/4 for selu.
     */
    public static double calculateGain(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                    "sigmoid" -> 1.0;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> {
                double slope = Double.isNaN(param) ? 0.01 : param;
                yield Math.sqrt(2.0 / (1 + slope * slope));
            }
            case "selu" -> 3.0 / 4;
            default -> throw new IllegalArgumentException("calculateGain: unsupported nonlinearity '" + nonlinearity
                    + "': expected linear, conv1d..3d, conv_transpose1d..3d, sigmoid, tanh, relu, leaky_relu or selu");
        };
    }

    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, Double.NaN);
    }

    /** {fan_in, fan_out} of a tensor of rank 2 or more. */
    public static int[] fans(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Init: fan in and fan out can not be computed for a tensor with fewer than 2"
                    + " dimensions, got " + Shape.str(t.shape()));
        }
        int receptive = 1;
        for (int d = 2; d < t.dim(); d++) {
            receptive *= t.size(d);
        }
        return new int[] {t.size(1) * receptive, t.size(0) * receptive};
    }

    /** t ~ N(mean, std^2). */
    public static Tensor normal_(Tensor t, double mean, double std, Generator gen) {
        try (Autograd.Scope _ = Autograd.noGrad()) {
            return t.normal_(mean, std, gen);
        }
    }

    public static Tensor normal_(Tensor t, double mean, double std) {
        return normal_(t, mean, std, Generator.global());
    }

    /** t ~ U[low, high). */
    public static Tensor uniform_(Tensor t, double low, double high, Generator gen) {
        try (Autograd.Scope _ = Autograd.noGrad()) {
            return t.uniform_(low, high, gen);
        }
    }

    public static Tensor uniform_(Tensor t, double low, double high) {
        return uniform_(t, low, high, Generator.global());
    }

    /** t = value. */
    public static Tensor constant_(Tensor t, double value) {
        try (Autograd.Scope _ = Autograd.noGrad()) {
            return t.fill_(value);
        }
    }

    /** t = 0. */
    public static Tensor zeros_(Tensor t) {
        return constant_(t, 0);
    }

    /** t = 1. */
    public static Tensor ones_(Tensor t) {
        return constant_(t, 1);
    }

    /** Glorot: t ~ U(-a, a), a = gain * sqrt(6 / (fan_in + fan_out)). */
    public static Tensor xavierUniform_(Tensor t, double gain, Generator gen) {
        int[] f = fans(t);
        double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform_(t, -a, a, gen);
    }

    public static Tensor xavierUniform_(Tensor t) {
        return xavierUniform_(t, 1.0, Generator.global());
    }

    /** Glorot: t ~ N(0, std^2), std = gain * sqrt(2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal_(Tensor t, double gain, Generator gen) {
        int[] f = fans(t);
        return normal_(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), gen);
    }

    public static Tensor xavierNormal_(Tensor t) {
        return xavierNormal_(t, 1.0, Generator.global());
    }

    /**
     * He: t ~ U(-bound, bound), bound = gain * sqrt(3 / fan), gain = calculateGain(nonlinearity, a),
     * fan chosen by mode. PyTorch's defaults: a = 0, FAN_IN, "leaky_relu".
     */
    public static Tensor kaimingUniform_(Tensor t, double a, FanMode mode, String nonlinearity, Generator gen) {
        double std = kaimingStd("kaimingUniform_", t, a, mode, nonlinearity);
        double bound = Math.sqrt(3.0) * std;
        return uniform_(t, -bound, bound, gen);
    }

    public static Tensor kaimingUniform_(Tensor t) {
        return kaimingUniform_(t, 0, FanMode.FAN_IN, "leaky_relu", Generator.global());
    }

    /** He: t ~ N(0, std^2), std = gain / sqrt(fan); gain and fan as {@link #kaimingUniform_}. */
    public static Tensor kaimingNormal_(Tensor t, double a, FanMode mode, String nonlinearity, Generator gen) {
        return normal_(t, 0, kaimingStd("kaimingNormal_", t, a, mode, nonlinearity), gen);
    }

    public static Tensor kaimingNormal_(Tensor t) {
        return kaimingNormal_(t, 0, FanMode.FAN_IN, "leaky_relu", Generator.global());
    }

    private static double kaimingStd(String op, Tensor t, double a, FanMode mode, String nonlinearity) {
        int[] f = fans(t);
        int fan = mode == FanMode.FAN_IN ? f[0] : f[1];
        if (fan == 0) { // PyTorch warns and leaves the tensor as is; filling with 0 is as harmless and explicit
            return 0;
        }
        return calculateGain(nonlinearity, a) / Math.sqrt(fan);
    }
}
