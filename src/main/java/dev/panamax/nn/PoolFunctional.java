// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.autograd.Graph;
import dev.panamax.kernel.conv.Pool2dKernels;
import dev.panamax.kernel.conv.PoolGeometry;
import java.util.Arrays;

/**
 * maxPool2d, avgPool2d and adaptiveAvgPool2d over [N, C, H, W] or unbatched [C, H, W] inputs,
 * recorded ops over {@link Pool2dKernels}; the public entry points are {@link Functional}'s.
 */
final class PoolFunctional {
    private PoolFunctional() {}

    /** The input's planes (N * C) and size, after PyTorch's checks: only the batch may be empty. */
    private static int[] planes(String op, Tensor x) {
        int[] s = x.shape();
        boolean ok = (s.length == 3 && s[0] != 0 && s[1] != 0 && s[2] != 0) || (s.length == 4 && s[1] != 0 && s[2] != 0 && s[3] != 0);
        if (!ok) {
            throw new IllegalArgumentException(op + ": expected a 3-D [C, H, W] or 4-D [N, C, H, W] input with non-zero C, H"
                    + " and W (only the batch may be empty), got " + Shape.str(s));
        }
        int r = s.length;
        return new int[] {r == 4 ? s[0] * s[1] : s[0], s[r - 2], s[r - 1]};
    }

    private static int[] outShape(Tensor x, int oh, int ow) {
        int[] s = x.shape().clone();
        s[s.length - 2] = oh;
        s[s.length - 1] = ow;
        return s;
    }

    /** Checks kernel, stride, padding and dilation as PyTorch's pooling does; returns the geometry. */
    private static PoolGeometry geometry(String op, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                         boolean ceilMode) {
        int[] pl = planes(op, x);
        String at = op + ": input " + Shape.str(x.shape());
        int[] k = ConvFunctional.pair(op, "kernel_size", kernel);
        int[] s = stride == null || stride.length == 0 ? k : ConvFunctional.pair(op, "stride", stride);
        int[] p = ConvFunctional.pair(op, "padding", padding), d = ConvFunctional.pair(op, "dilation", dilation);
        if (k[0] <= 0 || k[1] <= 0) {
            throw new IllegalArgumentException(at + ": kernel size " + Arrays.toString(k) + " should be greater than zero");
        }
        if (s[0] <= 0 || s[1] <= 0) {
            throw new IllegalArgumentException(at + ": stride " + Arrays.toString(s) + " should be greater than zero");
        }
        if (d[0] <= 0 || d[1] <= 0) {
            throw new IllegalArgumentException(at + ": dilation " + Arrays.toString(d) + " should be greater than zero");
        }
        if (p[0] < 0 || p[1] < 0) {
            throw new IllegalArgumentException(at + ": negative padding " + Arrays.toString(p) + " is not supported");
        }
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2) {
            throw new IllegalArgumentException(at + ": pad should be at most half of kernel size, but got padding "
                    + Arrays.toString(p) + " and kernel size " + Arrays.toString(k));
        }
        int oh = PoolGeometry.outSize(pl[1], k[0], s[0], p[0], d[0], ceilMode);
        int ow = PoolGeometry.outSize(pl[2], k[1], s[1], p[1], d[1], ceilMode);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(at + ", kernel " + Arrays.toString(k) + ", stride " + Arrays.toString(s)
                    + ", padding " + Arrays.toString(p) + ", dilation " + Arrays.toString(d) + ": calculated output size "
                    + oh + " x " + ow + " is too small (the kernel can't be greater than the padded input)");
        }
        if ((double) pl[0] * oh * ow > Shape.MAX_ELEMENTS) {
            throw new IllegalArgumentException(at + ": the output of " + oh + " x " + ow + " per plane has more elements than an"
                    + " array holds");
        }
        return new PoolGeometry(pl[0], pl[1], pl[2], oh, ow, k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]);
    }

    static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        PoolGeometry g = geometry("maxPool2d", x, kernel, stride, padding, dilation, ceilMode);
        Tensor y = Tensor.zeros(x.dtype(), outShape(x, g.outH(), g.outW()));
        int[] argmax = new int[(int) g.outputSize()];
        if (x.dtype() == DType.F32) {
            Pool2dKernels.maxForward(g, x.f32(), y.f32(), argmax);
        } else {
            Pool2dKernels.maxForward(g, x.f64(), y.f64(), argmax);
        }
        // Backward: each output's gradient goes to the input element that was its window's maximum.
        return Graph.of(y, "max_pool2d", x).backward(gy -> {
            Tensor gx = Tensor.zeros(x.dtype(), x.shape());
            if (x.dtype() == DType.F32) {
                Pool2dKernels.maxBackward(g, gy.f32(), argmax, gx.f32());
            } else {
                Pool2dKernels.maxBackward(g, gy.f64(), argmax, gx.f64());
            }
            return new Tensor[] {gx};
        });
    }

    static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        PoolGeometry g = geometry("avgPool2d", x, kernel, stride, padding, new int[] {1}, ceilMode);
        Tensor y = Tensor.zeros(x.dtype(), outShape(x, g.outH(), g.outW()));
        if (x.dtype() == DType.F32) {
            Pool2dKernels.avgForward(g, x.f32(), y.f32(), countIncludePad);
        } else {
            Pool2dKernels.avgForward(g, x.f64(), y.f64(), countIncludePad);
        }
        // Backward: each output's gradient divided by its window's divisor, spread over the window.
        return Graph.of(y, "avg_pool2d", x).backward(gy -> {
            Tensor gx = Tensor.zeros(x.dtype(), x.shape());
            if (x.dtype() == DType.F32) {
                Pool2dKernels.avgBackward(g, gy.f32(), gx.f32(), countIncludePad);
            } else {
                Pool2dKernels.avgBackward(g, gy.f64(), gx.f64(), countIncludePad);
            }
            return new Tensor[] {gx};
        });
    }

    static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        int[] pl = planes("adaptiveAvgPool2d", x);
        if (outH < 0 || outW < 0) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: input " + Shape.str(x.shape()) + ": output size " + outH + " x "
                    + outW + " must be non-negative");
        }
        Tensor y = Tensor.zeros(x.dtype(), outShape(x, outH, outW));
        if (x.dtype() == DType.F32) {
            Pool2dKernels.adaptiveAvgForward(pl[0], pl[1], pl[2], outH, outW, x.f32(), y.f32());
        } else {
            Pool2dKernels.adaptiveAvgForward(pl[0], pl[1], pl[2], outH, outW, x.f64(), y.f64());
        }
        return Graph.of(y, "adaptive_avg_pool2d", x).backward(gy -> {
            Tensor gx = Tensor.zeros(x.dtype(), x.shape());
            if (x.dtype() == DType.F32) {
                Pool2dKernels.adaptiveAvgBackward(pl[0], pl[1], pl[2], outH, outW, gy.f32(), gx.f32());
            } else {
                Pool2dKernels.adaptiveAvgBackward(pl[0], pl[1], pl[2], outH, outW, gy.f64(), gx.f64());
            }
            return new Tensor[] {gx};
        });
    }
}
