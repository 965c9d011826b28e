// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import dev.panamax.autograd.Graph;
import dev.panamax.kernel.Kernels;
import dev.panamax.kernel.conv.Activation;
import dev.panamax.kernel.conv.Conv2dKernels;
import dev.panamax.kernel.conv.ConvGeometry;
import dev.panamax.kernel.conv.Pool2dKernels;
import dev.panamax.kernel.conv.PoolGeometry;
import java.util.Arrays;

/**
 * conv2d and pad, recorded ops over the kernels of {@code dev.panamax.kernel.conv}; the public
 * entry points are {@link Functional}'s. Arguments follow PyTorch: stride, padding and dilation as
 * one int or an {@code [h, w]} pair.
 */
final class ConvFunctional {
    private ConvFunctional() {}

    /** An int or an [h, w] pair as a pair. */
    static int[] pair(String op, String what, int[] v) {
        if (v == null || (v.length != 1 && v.length != 2)) {
            throw new IllegalArgumentException(op + ": " + what + " must be one int or two ([h, w]), got "
                    + (v == null ? "null" : Arrays.toString(v)));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, String padding, int[] dilation, int groups) {
        if ("valid".equals(padding)) {
            return conv2d(x, w, b, stride, new int[] {0}, dilation, groups);
        }
        if (!"same".equals(padding)) {
            throw new IllegalArgumentException("conv2d: Invalid padding string '" + padding + "', should be one of {'valid', 'same'}");
        }
        int[] s = pair("conv2d", "stride", stride), d = pair("conv2d", "dilation", dilation);
        if (s[0] != 1 || s[1] != 1) {
            throw new IllegalArgumentException("conv2d: padding='same' is not supported for strided convolutions (stride "
                    + Arrays.toString(s) + ")");
        }
        checkWeight(x, w);
        if (w.size(2) == 0 || w.size(3) == 0) { // no "same" padding for an empty kernel: rejected below
            return conv2d(x, w, b, s, new int[] {0}, d, groups);
        }
        if (d[0] < 1 || d[1] < 1) { // rejected below
            return conv2d(x, w, b, s, new int[] {0}, d, groups);
        }
        // Total padding d (k - 1) per dim; an odd total puts the extra row / column at the bottom / right.
        long totalH = (long) d[0] * (w.size(2) - 1), totalW = (long) d[1] * (w.size(3) - 1);
        if (totalH > Integer.MAX_VALUE || totalW > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("conv2d: input " + Shape.str(x.shape()) + ", weight " + Shape.str(w.shape())
                    + ": padding='same' with dilation " + Arrays.toString(d) + " pads by more than an array holds");
        }
        int[] sym = {(int) (totalH / 2), (int) (totalW / 2)};
        int extraH = (int) (totalH - 2L * sym[0]), extraW = (int) (totalW - 2L * sym[1]);
        boolean emptyImage = x.dim() == 4 && x.numel() == 0 && x.size(0) != 0; // rejected below, before any padding
        if ((extraH == 0 && extraW == 0) || x.dim() < 3 || emptyImage) {
            return conv2d(x, w, b, s, sym, d, groups);
        }
        return conv2d(pad(x, new int[] {0, extraW, 0, extraH}, 0), w, b, s, sym, d, groups);
    }

    private static void checkWeight(Tensor x, Tensor w) {
        if (w.dim() != 4) {
            throw new IllegalArgumentException("conv2d: weight " + Shape.str(w.shape())
                    + " must be 4-D [out_channels, in_channels / groups, kH, kW] (input " + Shape.str(x.shape()) + ")");
        }
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        return conv2d(x, w, b, stride, padding, dilation, groups, Activation.NONE);
    }

    /**
     * act(conv2d(...)) as one op: in float the activation runs in the convolution's store (see
     * {@link Conv2dKernels#forward(ConvGeometry, float[], float[], float[], float[], Activation)}), and
     * the backward takes its derivative from the output (sigmoid: y (1 - y); ReLU: y > 0) before the
     * convolution's own. {@link Sequential} calls it for a Conv2d followed by a Sigmoid or a ReLU.
     */
    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups,
                         Activation act) {
        return conv2d(x, w, b, stride, padding, dilation, groups, act, false);
    }

    /**
     * avgPool2d(sigmoid(conv2d(...)), 2, 2) as one op, or null unless the input is a float batch
     * [N, C, H, W] whose convolution output is at least 2 x 2: {@link Sequential} calls it for a
     * Conv2d, a Sigmoid and an AvgPool2d(2, 2) in a row (LeNet's). The forward runs the same kernels
     * as the three layers; the backward takes the pooling's and the sigmoid's gradients in one pass
     * ({@link Pool2dKernels#avgBackwardSigmoid}), the same bits without the gradient between them.
     */
    static Tensor conv2dSigmoidAvgPool(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        if (x.dtype() != DType.F32 || x.dim() != 4 || w.dim() != 4 || w.dtype() != DType.F32 || stride.length == 0
                || padding.length == 0 || dilation.length == 0) {
            return null;
        }
        int[] s = pair("conv2d", "stride", stride), p = pair("conv2d", "padding", padding), d = pair("conv2d", "dilation", dilation);
        if (s[0] <= 0 || s[1] <= 0 || d[0] <= 0 || d[1] <= 0 || p[0] < 0 || p[1] < 0) {
            return null; // conv2d's own messages
        }
        long oh = (x.size(2) + 2L * p[0] - (long) d[0] * (w.size(2) - 1) - 1) / s[0] + 1;
        long ow = (x.size(3) + 2L * p[1] - (long) d[1] * (w.size(3) - 1) - 1) / s[1] + 1;
        if (oh < 2 || ow < 2) {
            return null;
        }
        return conv2d(x, w, b, stride, padding, dilation, groups, Activation.SIGMOID, true);
    }

    private static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups,
                                 Activation act, boolean pool) {
        checkWeight(x, w);
        if (x.dim() == 3) { // unbatched [C, H, W]
            int[] s = x.shape();
            Tensor y = conv2d(x.reshape(1, s[0], s[1], s[2]), w, b, stride, padding, dilation, groups, act);
            return y.reshape(y.size(1), y.size(2), y.size(3));
        }
        String at = "conv2d: input " + Shape.str(x.shape()) + ", weight " + Shape.str(w.shape());
        if (x.dim() != 4) {
            throw new IllegalArgumentException("conv2d: expected a 3-D (unbatched) or 4-D (batched) input, got input "
                    + Shape.str(x.shape()) + " for weight " + Shape.str(w.shape()));
        }
        if (x.dtype() != w.dtype() || (b != null && b.dtype() != w.dtype())) {
            throw new IllegalArgumentException(at + (b == null ? "" : ", bias " + Shape.str(b.shape())) + ": input is " + x.dtype()
                    + ", weight " + w.dtype() + (b == null ? "" : ", bias " + b.dtype()) + ": all must have the same dtype");
        }
        int[] s = pair("conv2d", "stride", stride), p = pair("conv2d", "padding", padding), d = pair("conv2d", "dilation", dilation);
        if (s[0] <= 0 || s[1] <= 0) {
            throw new IllegalArgumentException(at + ": non-positive stride " + Arrays.toString(s) + " is not supported");
        }
        if (d[0] <= 0 || d[1] <= 0) {
            throw new IllegalArgumentException(at + ": dilation " + Arrays.toString(d) + " should be greater than zero");
        }
        if (p[0] < 0 || p[1] < 0) {
            throw new IllegalArgumentException(at + ": negative padding " + Arrays.toString(p) + " is not supported");
        }
        if (groups <= 0) {
            throw new IllegalArgumentException(at + ": non-positive groups " + groups + " is not supported");
        }
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
        int k = w.size(0), cg = w.size(1), kh = w.size(2), kw = w.size(3);
        if (k == 0) {
            throw new IllegalArgumentException(at + ": expected weight to be at least 1 at dimension 0 (out_channels)");
        }
        if (k % groups != 0) {
            throw new IllegalArgumentException(at + ": out_channels " + k + " is not divisible by groups " + groups);
        }
        if (c != cg * groups) {
            throw new IllegalArgumentException("conv2d: input " + Shape.str(x.shape()) + " has " + c + " channels, weight "
                    + Shape.str(w.shape()) + " expects " + cg * groups + " (in_channels / groups = " + cg + ")");
        }
        if (c == 0 || h == 0 || wd == 0) {
            throw new IllegalArgumentException(at + ": expected non-zero channels, height and width (only the batch may be empty)");
        }
        if (kh == 0 || kw == 0) {
            throw new IllegalArgumentException(at + ": kernel size " + kh + " x " + kw + " must be positive");
        }
        if (b != null && (b.dim() != 1 || b.size(0) != k)) {
            throw new IllegalArgumentException(at + ": bias " + Shape.str(b.shape()) + " does not match: expected [" + k + "]");
        }
        long spanH = (long) d[0] * (kh - 1) + 1, spanW = (long) d[1] * (kw - 1) + 1;
        if (h + 2L * p[0] < spanH || wd + 2L * p[1] < spanW) {
            throw new IllegalArgumentException(at + ": the padded input is " + (h + 2L * p[0]) + " x " + (wd + 2L * p[1])
                    + " (padding " + Arrays.toString(p) + "), the kernel spans " + spanH + " x " + spanW + " (dilation "
                    + Arrays.toString(d) + "): the kernel can't be greater than the padded input");
        }
        long oh = (h + 2L * p[0] - spanH) / s[0] + 1, ow = (wd + 2L * p[1] - spanW) / s[1] + 1;
        if ((double) n * k * oh * ow > Shape.MAX_ELEMENTS || oh > Integer.MAX_VALUE || ow > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(at + ": the output [" + n + ", " + k + ", " + oh + ", " + ow
                    + "] has more elements than an array holds");
        }
        ConvGeometry g = new ConvGeometry(n, c, h, wd, k, kh, kw, s[0], s[1], p[0], p[1], d[0], d[1], groups);
        Tensor y = Tensor.zeros(x.dtype(), n, k, g.outH(), g.outW());
        boolean f32 = x.dtype() == DType.F32;
        if (f32) {
            Conv2dKernels.forward(g, x.f32(), w.f32(), b == null ? null : b.f32(), y.f32(), act);
        } else {
            double[] yd = y.f64();
            Conv2dKernels.forward(g, x.f64(), w.f64(), b == null ? null : b.f64(), yd);
            if (act != Activation.NONE) {
                for (int i = 0; i < yd.length; i++) {
                    yd[i] = act.apply(yd[i]);
                }
            }
        }
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        String name = act == Activation.NONE ? "conv2d" : "conv2d_" + act.name().toLowerCase(java.util.Locale.ROOT);
        // With pool (float, sigmoid only): y is pooled 2 x 2 into the op's output, as PoolFunctional.avgPool2d does.
        PoolGeometry pg = pool ? new PoolGeometry(n * k, g.outH(), g.outW(), g.outH() / 2, g.outW() / 2, 2, 2, 2, 2, 0, 0, 1, 1) : null;
        Tensor out = y;
        if (pool) {
            out = Tensor.zeros(DType.F32, n, k, pg.outH(), pg.outW());
            Pool2dKernels.avgForward(pg, y.f32(), out.f32(), true);
            name += "_avg_pool2d";
        }
        return Graph.of(out, name, inputs).saves(x, w, y).backward(gOut -> {
            Tensor gy;
            if (pool) {
                gy = Tensor.zeros(DType.F32, y.shape());
                Pool2dKernels.avgBackwardSigmoid(pg, gOut.f32(), y.f32(), gy.f32());
            } else {
                gy = activationBackward(act, gOut, y);
            }
            // dx = gy (*)^T w; dw += x (*) gy; db += sum of gy. A leaf with a grad buffer takes dw and db in place.
            Tensor accW = Autograd.accumulationBuffer(w), accB = b == null ? null : Autograd.accumulationBuffer(b);
            Tensor gx = x.requiresGrad() ? Tensor.zeros(x.dtype(), x.shape()) : null;
            Tensor gw = w.requiresGrad() && accW == null ? Tensor.zeros(w.dtype(), w.shape()) : null;
            Tensor gb = b != null && b.requiresGrad() && accB == null ? Tensor.zeros(b.dtype(), k) : null;
            Tensor intoW = accW != null ? accW : gw, intoB = accB != null ? accB : gb;
            if (f32) {
                if (gx != null) {
                    Conv2dKernels.backwardInput(g, gy.f32(), w.f32(), gx.f32());
                }
                if (intoW != null) {
                    Conv2dKernels.backwardWeight(g, x.f32(), gy.f32(), intoW.f32(), intoB == null ? null : intoB.f32());
                } else if (intoB != null) {
                    sumPlanes(n, k, g.outH() * g.outW(), gy.f32(), intoB.f32());
                }
            } else {
                if (gx != null) {
                    Conv2dKernels.backwardInput(g, gy.f64(), w.f64(), gx.f64());
                }
                if (intoW != null) {
                    Conv2dKernels.backwardWeight(g, x.f64(), gy.f64(), intoW.f64(), intoB == null ? null : intoB.f64());
                } else if (intoB != null) {
                    sumPlanes(n, k, g.outH() * g.outW(), gy.f64(), intoB.f64());
                }
            }
            if (accW != null) {
                accW.bumpVersion();
            }
            if (accB != null) {
                accB.bumpVersion();
            }
            return b == null ? new Tensor[] {gx, gw} : new Tensor[] {gx, gw, gb};
        });
    }

    /** gb[k] += sum of gy[n, k, :] over n and the plane. Modified: gb. */
    private static void sumPlanes(int n, int k, int plane, float[] gy, float[] gb) {
        for (int c = 0; c < k; c++) {
            float s = 0f;
            for (int i = 0; i < n; i++) {
                int off = (i * k + c) * plane;
                for (int o = 0; o < plane; o++) {
                    s += gy[off + o];
                }
            }
            gb[c] += s;
        }
    }

    private static void sumPlanes(int n, int k, int plane, double[] gy, double[] gb) {
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * k + c) * plane;
                for (int o = 0; o < plane; o++) {
                    s += gy[off + o];
                }
            }
            gb[c] += s;
        }
    }

    // ------------------------------------------------------------------ pad

    /**
     * Constant padding ({@code F.pad(x, pad, value=value)}): pad holds (before, after) pairs from the
     * last dim backwards; a negative amount crops.
     */
    static Tensor pad(Tensor x, int[] pad, double value) {
        if (pad == null || pad.length % 2 != 0 || pad.length / 2 > x.dim()) {
            throw new IllegalArgumentException("pad: padding " + (pad == null ? "null" : Arrays.toString(pad)) + " for input "
                    + Shape.str(x.shape()) + ": expected (before, after) pairs for at most " + x.dim() + " dims, last dim first");
        }
        int rank = x.dim();
        int[] in = x.shape(), out = in.clone(), before = new int[rank];
        for (int i = 0; i < pad.length / 2; i++) {
            int dim = rank - 1 - i;
            before[dim] = pad[2 * i];
            long size = (long) in[dim] + pad[2 * i] + pad[2 * i + 1];
            if (size > Shape.MAX_ELEMENTS) {
                throw new IllegalArgumentException("pad: padding " + Arrays.toString(pad) + " for input " + Shape.str(in)
                        + " makes dim " + dim + " of size " + size + ", more than an array holds");
            }
            if (size < 0) {
                throw new IllegalArgumentException("pad: padding " + Arrays.toString(pad) + " for input " + Shape.str(in)
                        + " makes dim " + dim + " of size " + size + ": the padded size must be non-negative");
            }
            out[dim] = (int) size;
        }
        Tensor y = Tensor.full(x.dtype(), value, out);
        copyRows(x, y, before, true);
        return Graph.of(y, "pad", x).backward(g -> {
            Tensor gx = Tensor.zeros(g.dtype(), in);
            copyRows(gx, g, before, false);
            return new Tensor[] {gx};
        });
    }

    /**
     * Copies the overlap of small (shape s) and big (shape s + padding) row by row: small element i
     * sits at big element i + before. forward copies small into big, else big into small.
     */
    private static void copyRows(Tensor small, Tensor big, int[] before, boolean forward) {
        int[] s = small.shape(), t = big.shape();
        int rank = s.length;
        if (small.numel() == 0 || big.numel() == 0) {
            return;
        }
        if (rank == 0) {
            copy(small, 0, big, 0, 1, forward);
            return;
        }
        int last = rank - 1;
        // columns of the last dim that exist in both
        int c0 = Math.max(0, -before[last]), c1 = Math.min(s[last], t[last] - before[last]);
        if (c1 <= c0) {
            return;
        }
        int rows = small.numel() / s[last];
        int[] idx = new int[rank];
        for (int r = 0; r < rows; r++) {
            // idx[0..last) is the row of small; find its row in big
            long bigRow = 0;
            boolean inside = true;
            for (int d = 0; d < last; d++) {
                int j = idx[d] + before[d];
                if (j < 0 || j >= t[d]) {
                    inside = false;
                    break;
                }
                bigRow = bigRow * t[d] + j;
            }
            if (inside) {
                copy(small, r * s[last] + c0, big, (int) (bigRow * t[last] + c0 + before[last]), c1 - c0, forward);
            }
            for (int d = last - 1; d >= 0; d--) { // next row of small
                if (++idx[d] < s[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
    }

    private static void copy(Tensor small, int sOff, Tensor big, int bOff, int len, boolean forward) {
        if (small.dtype() == DType.F32) {
            if (forward) {
                System.arraycopy(small.f32(), sOff, big.f32(), bOff, len);
            } else {
                System.arraycopy(big.f32(), bOff, small.f32(), sOff, len);
            }
        } else if (forward) {
            System.arraycopy(small.f64(), sOff, big.f64(), bOff, len);
        } else {
            System.arraycopy(big.f64(), bOff, small.f64(), sOff, len);
        }
    }

    /** The gradient before the activation: gOut * act'(z) from the output y (a new tensor), or gOut for NONE. */
    private static Tensor activationBackward(Activation act, Tensor gOut, Tensor y) {
        if (act == Activation.NONE) {
            return gOut;
        }
        Tensor gz = Tensor.zeros(y.dtype(), y.shape());
        int n = y.numel();
        if (y.dtype() == DType.F32) {
            float[] g = gOut.f32(), o = y.f32(), z = gz.f32();
            if (act == Activation.SIGMOID) {
                Kernels.sigmoidBackward(g, 0, o, 0, z, 0, n);
            } else {
                for (int i = 0; i < n; i++) {
                    z[i] = o[i] > 0 ? g[i] : 0f;
                }
            }
        } else {
            double[] g = gOut.f64(), o = y.f64(), z = gz.f64();
            for (int i = 0; i < n; i++) {
                z[i] = act == Activation.SIGMOID ? g[i] * (o[i] * (1 - o[i])) : o[i] > 0 ? g[i] : 0d;
            }
        }
        return gz;
    }
}
