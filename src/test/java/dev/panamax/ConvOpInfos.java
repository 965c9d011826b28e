// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import dev.panamax.OpInfo.Edges;
import dev.panamax.OpInfo.ErrorCase;
import dev.panamax.nn.Functional;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link OpInfo} entries of the convolution family: conv2d (int and "same" padding, with and
 * without bias), maxPool2d, avgPool2d, adaptiveAvgPool2d, pad and batchNorm. Geometry travels as
 * 1-element holder tensors after the data (OpSweepTest keeps them constant); every reference is
 * the definition written with index loops in float64, independent of the kernels.
 */
final class ConvOpInfos {
    private ConvOpInfos() {}

    static Tensor h(int v) {
        return Tensor.of((double) v);
    }

    static int iv(Tensor[] t, int i) {
        return (int) t[i].getFlat(0);
    }

    static Tensor[] with(Tensor[] data, int... holders) {
        Tensor[] out = java.util.Arrays.copyOf(data, data.length + holders.length);
        for (int i = 0; i < holders.length; i++) {
            out[data.length + i] = h(holders[i]);
        }
        return out;
    }

    static Tensor z(int... shape) {
        return Tensor.zeros(DType.F64, shape);
    }

    static List<OpInfo> all() {
        List<OpInfo> ops = new ArrayList<>();
        ops.add(conv("conv2d", true, false));
        ops.add(conv("conv2d_nobias", false, false));
        ops.add(conv("conv2d_same", true, true));
        ops.add(maxPool());
        ops.add(avgPool());
        ops.add(adaptive());
        ops.add(pad());
        ops.add(batchNorm(true));
        ops.add(batchNorm(false));
        return ops;
    }

    // ------------------------------------------------------------ conv2d

    /**
     * Inputs x, w, (b), then stride h/w, padding h/w (not for "same"), dilation h/w, groups. The
     * geometries include stride above the kernel, dilation, groups, and a kernel exactly as large as
     * the padded input.
     */
    static OpInfo conv(String name, boolean bias, boolean same) {
        int data = bias ? 3 : 2;
        OpInfo.Sampler sampler = g -> {
            int groups = 1 + g.nextInt(2), c = groups * (1 + g.nextInt(2)), k = groups * (1 + g.nextInt(2));
            int kh = 1 + g.nextInt(3), kw = 1 + g.nextInt(3);
            int sh = same ? 1 : 1 + g.nextInt(3), sw = same ? 1 : 1 + g.nextInt(3);
            int dh = 1 + g.nextInt(2), dw = 1 + g.nextInt(2);
            int ph = same ? 0 : g.nextInt(3), pw = same ? 0 : g.nextInt(3);
            int hMin = Math.max(1, dh * (kh - 1) + 1 - 2 * ph), wMin = Math.max(1, dw * (kw - 1) + 1 - 2 * pw);
            boolean tight = g.nextInt(4) == 0; // the kernel as large as the padded input
            int hh = hMin + (tight ? 0 : g.nextInt(3)), ww = wMin + (tight ? 0 : g.nextInt(3)), n = 1 + g.nextInt(2);
            Tensor x = OpInfo.uniform(g, new int[] {n, c, hh, ww}, -1, 1), w = OpInfo.uniform(g, new int[] {k, c / groups, kh, kw}, -1, 1);
            Tensor[] d = bias ? new Tensor[] {x, w, OpInfo.uniform(g, new int[] {k}, -1, 1)} : new Tensor[] {x, w};
            return same ? with(d, sh, sw, dh, dw, groups) : with(d, sh, sw, ph, pw, dh, dw, groups);
        };
        Function<Tensor[], Tensor> op = t -> {
            Tensor b = bias ? t[2] : null;
            int[] stride = {iv(t, data), iv(t, data + 1)};
            if (same) {
                return Functional.conv2d(t[0], t[1], b, stride, "same", new int[] {iv(t, data + 2), iv(t, data + 3)}, iv(t, data + 4));
            }
            return Functional.conv2d(t[0], t[1], b, stride, new int[] {iv(t, data + 2), iv(t, data + 3)},
                    new int[] {iv(t, data + 4), iv(t, data + 5)}, iv(t, data + 6));
        };
        Function<Tensor[], Tensor> ref = t -> {
            int off = same ? data + 2 : data + 4;
            int dh = iv(t, off), dw = iv(t, off + 1), groups = iv(t, off + 2);
            int sh = iv(t, data), sw = iv(t, data + 1);
            int kh = t[1].size(2), kw = t[1].size(3), hh = t[0].size(2), ww = t[0].size(3);
            // "same": top / left padding floor(total / 2), the output as large as the input
            int top = same ? dh * (kh - 1) / 2 : iv(t, data + 2), left = same ? dw * (kw - 1) / 2 : iv(t, data + 3);
            int oh = same ? hh : (hh + 2 * top - dh * (kh - 1) - 1) / sh + 1, ow = same ? ww : (ww + 2 * left - dw * (kw - 1) - 1) / sw + 1;
            return refConv(t[0], t[1], bias ? t[2] : null, sh, sw, top, left, dh, dw, groups, oh, ow);
        };
        Function<Tensor[], String> zeroError = t -> t[0].size(1) == 0 || t[0].size(2) == 0 || t[0].size(3) == 0
                ? "only the batch may be empty" : t[1].size(0) == 0 ? "expected weight to be at least 1 at dimension 0"
                : t[1].size(2) == 0 || t[1].size(3) == 0 ? "kernel size" : null;
        Function<Tensor[], List<Tensor[]>> zeroSize = t -> {
            List<Tensor[]> v = new ArrayList<>();
            int[] xs = t[0].shape(), ws = t[1].shape();
            for (int d = 0; d < 4; d++) { // x dims: the batch, the channels (with w's), height, width
                int[] x2 = xs.clone(), w2 = ws.clone();
                x2[d] = 0;
                if (d == 1) {
                    w2[1] = 0;
                }
                Tensor[] c = t.clone();
                c[0] = z(x2);
                c[1] = z(w2);
                v.add(c);
            }
            for (int d : new int[] {0, 2, 3}) { // w dims: out channels (with the bias), kernel height, kernel width
                int[] w2 = ws.clone();
                w2[d] = 0;
                Tensor[] c = t.clone();
                c[1] = z(w2);
                if (bias && d == 0) {
                    c[2] = z(0);
                }
                v.add(c);
            }
            return v;
        };
        List<ErrorCase> errors = new ArrayList<>();
        Function<int[], Tensor[]> args = hs -> {
            Tensor[] d = bias ? new Tensor[] {z(2, 3, 8, 8), z(6, 1, 5, 5), z(6)} : new Tensor[] {z(2, 3, 8, 8), z(6, 1, 5, 5)};
            return with(d, hs);
        };
        if (same) {
            errors.add(new ErrorCase("padding='same' is not supported for strided convolutions", with(conv(bias, 1, 1, 8, 1, 3), 2, 1, 1, 1, 1)));
            errors.add(new ErrorCase("has 3 channels, weight [6, 1, 5, 5] expects 1 (in_channels / groups = 1)", args.apply(new int[] {1, 1, 1, 1, 1})));
        } else {
            errors.add(new ErrorCase("conv2d: input [2, 3, 8, 8] has 3 channels, weight [6, 1, 5, 5] expects 1 (in_channels / groups = 1)",
                    args.apply(new int[] {1, 1, 0, 0, 1, 1, 1})));
            errors.add(new ErrorCase("the kernel can't be greater than the padded input", with(conv(bias, 1, 1, 4, 1, 5), 1, 1, 0, 0, 1, 1, 1)));
            errors.add(new ErrorCase("the kernel can't be greater than the padded input", with(conv(bias, 1, 1, 5, 1, 3), 1, 1, 0, 0, 3, 1, 1)));
            errors.add(new ErrorCase("non-positive stride", with(conv(bias, 1, 1, 5, 1, 3), 0, 1, 0, 0, 1, 1, 1)));
            errors.add(new ErrorCase("dilation [1, 0] should be greater than zero", with(conv(bias, 1, 1, 5, 1, 3), 1, 1, 0, 0, 1, 0, 1)));
            errors.add(new ErrorCase("negative padding", with(conv(bias, 1, 1, 5, 1, 3), 1, 1, -1, 0, 1, 1, 1)));
            errors.add(new ErrorCase("out_channels 3 is not divisible by groups 2", with(conv(bias, 1, 4, 5, 3, 3), 1, 1, 0, 0, 1, 1, 2)));
            Tensor[] mixed = with(conv(bias, 1, 1, 5, 1, 3), 1, 1, 0, 0, 1, 1, 1);
            mixed[1] = mixed[1].to(DType.F32);
            errors.add(new ErrorCase("all must have the same dtype", mixed));
        }
        return new OpInfo(name, sampler, op, ref, true, errors,
                Edges.smooth("bilinear in input and weight").zeroSize(zeroSize).zeroError(zeroError));
    }

    /** x [n, c, hw, hw], w [k, 1, kk, kk] (c / k channels per group as the caller sets groups), b [k]. */
    private static Tensor[] conv(boolean bias, int n, int c, int hw, int k, int kk) {
        Tensor x = z(n, c, hw, hw), w = z(k, c == 4 ? 2 : 1, kk, kk);
        return bias ? new Tensor[] {x, w, z(k)} : new Tensor[] {x, w};
    }

    /** y[n, k, p, q] = b[k] + sum over c, i, j of w[k, c, i, j] x[n, grp C/groups + c, p sh - top + i dh, q sw - left + j dw]. */
    static Tensor refConv(Tensor x, Tensor w, Tensor b, int sh, int sw, int top, int left, int dh, int dw, int groups, int oh, int ow) {
        int n = x.size(0), c = x.size(1), hh = x.size(2), ww = x.size(3), k = w.size(0), cg = w.size(1);
        Tensor y = z(n, k, oh, ow);
        for (int in = 0; in < n; in++) {
            for (int ik = 0; ik < k; ik++) {
                int grp = ik / (k / groups);
                for (int p = 0; p < oh; p++) {
                    for (int q = 0; q < ow; q++) {
                        double s = b == null ? 0 : b.get(ik);
                        for (int ic = 0; ic < cg; ic++) {
                            for (int i = 0; i < w.size(2); i++) {
                                for (int j = 0; j < w.size(3); j++) {
                                    int r = p * sh - top + i * dh, col = q * sw - left + j * dw;
                                    if (r >= 0 && r < hh && col >= 0 && col < ww) {
                                        s += w.get(ik, ic, i, j) * x.get(in, grp * cg + ic, r, col);
                                    }
                                }
                            }
                        }
                        y.setRaw(((in * k + ik) * oh + p) * ow + q, s);
                    }
                }
            }
        }
        assert c == cg * groups;
        return y;
    }

    // ------------------------------------------------------------ pooling

    /** PyTorch's pooling output size, computed the long way round (ceil as a real division). */
    static int poolOut(int in, int k, int s, int p, int d, boolean ceil) {
        double span = in + 2 * p - d * (k - 1) - 1;
        int out = (int) (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
        if (ceil && (long) (out - 1) * s >= in + p) {
            out -= 1;
        }
        return out;
    }

    /** x [n, c, h, w] (or [c, h, w]) and the pooling holders: kernel h/w, stride h/w, padding h/w, dilation h/w (max only), ceil. */
    static Tensor[] poolSample(Generator g, boolean dilation, boolean distinct) {
        while (true) {
            Tensor[] t = poolTry(g, dilation, distinct);
            if (everyWindowSeesInput(t[0].size(-2), iv(t, 1), iv(t, 3), iv(t, 5), dilation ? iv(t, 7) : 1, iv(t, dilation ? 9 : 7) != 0)
                    && everyWindowSeesInput(t[0].size(-1), iv(t, 2), iv(t, 4), iv(t, 6), dilation ? iv(t, 8) : 1,
                    iv(t, dilation ? 9 : 7) != 0)) {
                return t;
            }
        }
    }

    /**
     * False when a dilated window falls wholly in the padding (PyTorch then gives -inf: a value
     * with no gradient to check).
     */
    static boolean everyWindowSeesInput(int in, int k, int s, int p, int d, boolean ceil) {
        for (int o = 0; o < poolOut(in, k, s, p, d, ceil); o++) {
            boolean sees = false;
            for (int i = 0; i < k; i++) {
                int r = o * s - p + i * d;
                sees |= r >= 0 && r < in;
            }
            if (!sees) {
                return false;
            }
        }
        return true;
    }

    private static Tensor[] poolTry(Generator g, boolean dilation, boolean distinct) {
        int kh = 1 + g.nextInt(3), kw = 1 + g.nextInt(3), sh = 1 + g.nextInt(3), sw = 1 + g.nextInt(3);
        int ph = g.nextInt(kh / 2 + 1), pw = g.nextInt(kw / 2 + 1);
        int dh = dilation ? 1 + g.nextInt(2) : 1, dw = dilation ? 1 + g.nextInt(2) : 1;
        int hMin = Math.max(1, dh * (kh - 1) + 1 - 2 * ph), wMin = Math.max(1, dw * (kw - 1) + 1 - 2 * pw);
        boolean tight = g.nextInt(4) == 0;
        int hh = hMin + (tight ? 0 : g.nextInt(4)), ww = wMin + (tight ? 0 : g.nextInt(4));
        int[] shape = g.nextInt(4) == 0 ? new int[] {1 + g.nextInt(2), hh, ww} : new int[] {1 + g.nextInt(2), 1 + g.nextInt(2), hh, ww};
        Tensor x = distinct ? OpInfo.distinct(g, shape) : OpInfo.uniform(g, shape, -2, 2);
        int ceil = g.nextInt(2);
        return dilation ? with(new Tensor[] {x}, kh, kw, sh, sw, ph, pw, dh, dw, ceil) : with(new Tensor[] {x}, kh, kw, sh, sw, ph, pw, ceil,
                g.nextInt(2));
    }

    /** The pooling entries' zero-size variants: every dim of x; only a 4-D input's batch may be empty. */
    static List<Tensor[]> zeroPool(Tensor[] t) {
        List<Tensor[]> v = new ArrayList<>();
        for (int d = 0; d < t[0].dim(); d++) {
            int[] s = t[0].shape();
            s[d] = 0;
            Tensor[] c = t.clone();
            c[0] = z(s);
            v.add(c);
        }
        return v;
    }

    static String zeroPoolError(Tensor[] t) {
        int[] s = t[0].shape();
        for (int d = s.length == 4 ? 1 : 0; d < s.length; d++) {
            if (s[d] == 0) {
                return "only the batch may be empty";
            }
        }
        return null;
    }

    /** Runs f(plane index, plane count, h, w) over an [n, c, h, w] or [c, h, w] input, giving the output's leading dims. */
    static int planes(Tensor x) {
        return x.dim() == 4 ? x.size(0) * x.size(1) : x.size(0);
    }

    static int[] pooledShape(Tensor x, int oh, int ow) {
        int[] s = x.shape();
        s[s.length - 2] = oh;
        s[s.length - 1] = ow;
        return s;
    }

    static OpInfo maxPool() {
        Function<Tensor[], Tensor> op = t -> Functional.maxPool2d(t[0], new int[] {iv(t, 1), iv(t, 2)}, new int[] {iv(t, 3), iv(t, 4)},
                new int[] {iv(t, 5), iv(t, 6)}, new int[] {iv(t, 7), iv(t, 8)}, iv(t, 9) != 0);
        Function<Tensor[], Tensor> ref = t -> {
            Tensor x = t[0];
            int kh = iv(t, 1), kw = iv(t, 2), sh = iv(t, 3), sw = iv(t, 4), ph = iv(t, 5), pw = iv(t, 6), dh = iv(t, 7), dw = iv(t, 8);
            boolean ceil = iv(t, 9) != 0;
            int hh = x.size(-2), ww = x.size(-1), oh = poolOut(hh, kh, sh, ph, dh, ceil), ow = poolOut(ww, kw, sw, pw, dw, ceil);
            Tensor y = z(pooledShape(x, oh, ow));
            double[] xs = x.toDoubleArray();
            for (int pl = 0; pl < planes(x); pl++) {
                for (int p = 0; p < oh; p++) {
                    for (int q = 0; q < ow; q++) {
                        double m = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                int r = p * sh - ph + i * dh, c = q * sw - pw + j * dw;
                                if (r >= 0 && r < hh && c >= 0 && c < ww) {
                                    double v = xs[(pl * hh + r) * ww + c];
                                    m = Double.isNaN(m) || Double.isNaN(v) ? Double.NaN : Math.max(m, v);
                                }
                            }
                        }
                        y.setRaw((pl * oh + p) * ow + q, m);
                    }
                }
            }
            return y;
        };
        Tensor four = Tensor.of(1.0, 1.0, 1.0, 1.0).reshape(1, 1, 2, 2);
        Tensor negative = Tensor.of(-1.0, -2.0, -3.0, -4.0).reshape(1, 2, 2);
        Tensor nan = Tensor.of(1.0, Double.NaN, 2.0, 0.5).reshape(1, 1, 2, 2);
        Tensor nans = Tensor.of(1.0, Double.NaN, 2.0, Double.NaN).reshape(1, 1, 1, 4);
        return new OpInfo("maxPool2d", g -> poolSample(g, true, true), op, ref, true, List.of(
                new ErrorCase("pad should be at most half of kernel size", with(new Tensor[] {z(1, 1, 5, 5)}, 2, 2, 2, 2, 2, 2, 1, 1, 0)),
                new ErrorCase("too small", with(new Tensor[] {z(1, 1, 1, 1)}, 2, 2, 2, 2, 0, 0, 1, 1, 0)),
                new ErrorCase("too small", with(new Tensor[] {z(1, 1, 3, 3)}, 2, 2, 1, 1, 0, 0, 3, 3, 0)),
                new ErrorCase("stride [0, 2] should be greater than zero", with(new Tensor[] {z(1, 1, 4, 4)}, 2, 2, 0, 2, 0, 0, 1, 1, 0)),
                new ErrorCase("dilation [0, 1] should be greater than zero", with(new Tensor[] {z(1, 1, 4, 4)}, 2, 2, 2, 2, 0, 0, 0, 1, 0)),
                new ErrorCase("negative padding", with(new Tensor[] {z(1, 1, 4, 4)}, 2, 2, 2, 2, -1, 0, 1, 1, 0)),
                new ErrorCase("maxPool2d: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input", with(new Tensor[] {z(4, 4)}, 2, 2, 2, 2, 0, 0, 1, 1, 0))),
                Edges.kinks(
                        OpInfo.exact("ties: the first maximum takes the gradient", with(new Tensor[] {four}, 2, 2, 2, 2, 0, 0, 1, 1, 0),
                                new double[] {1, 0, 0, 0}),
                        OpInfo.exact("ties f32", with(new Tensor[] {four.to(DType.F32)}, 2, 2, 1, 1, 1, 1, 1, 1, 0),
                                new double[] {4, 2, 2, 1}),
                        OpInfo.exact("padding is -inf, not 0", with(new Tensor[] {negative}, 3, 3, 1, 1, 1, 1, 1, 1, 0),
                                new double[] {4, 0, 0, 0}),
                        OpInfo.exact("a NaN wins its window", with(new Tensor[] {nan}, 2, 1, 1, 1, 0, 0, 1, 1, 0),
                                new double[] {0, 1, 1, 0}),
                        OpInfo.exact("of two NaNs the last takes the gradient, as PyTorch", with(new Tensor[] {nans}, 1, 4, 1, 1, 0, 0, 1, 1, 0),
                                new double[] {0, 0, 0, 1}))
                        .zeroSize(ConvOpInfos::zeroPool).zeroError(ConvOpInfos::zeroPoolError));
    }

    static OpInfo avgPool() {
        Function<Tensor[], Tensor> op = t -> Functional.avgPool2d(t[0], new int[] {iv(t, 1), iv(t, 2)}, new int[] {iv(t, 3), iv(t, 4)},
                new int[] {iv(t, 5), iv(t, 6)}, iv(t, 7) != 0, iv(t, 8) != 0);
        Function<Tensor[], Tensor> ref = t -> {
            Tensor x = t[0];
            int kh = iv(t, 1), kw = iv(t, 2), sh = iv(t, 3), sw = iv(t, 4), ph = iv(t, 5), pw = iv(t, 6);
            boolean ceil = iv(t, 7) != 0, includePad = iv(t, 8) != 0;
            int hh = x.size(-2), ww = x.size(-1), oh = poolOut(hh, kh, sh, ph, 1, ceil), ow = poolOut(ww, kw, sw, pw, 1, ceil);
            Tensor y = z(pooledShape(x, oh, ow));
            double[] xs = x.toDoubleArray();
            for (int pl = 0; pl < planes(x); pl++) {
                for (int p = 0; p < oh; p++) {
                    for (int q = 0; q < ow; q++) {
                        double s = 0;
                        int count = 0;
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                int r = p * sh - ph + i, c = q * sw - pw + j;
                                boolean inPadded = r < hh + ph && c < ww + pw; // never past the padded input
                                boolean inside = r >= 0 && r < hh && c >= 0 && c < ww;
                                if (inside) {
                                    s += xs[(pl * hh + r) * ww + c];
                                }
                                if (inside || (includePad && inPadded)) {
                                    count++;
                                }
                            }
                        }
                        y.setRaw((pl * oh + p) * ow + q, s / count);
                    }
                }
            }
            return y;
        };
        return new OpInfo("avgPool2d", g -> poolSample(g, false, false), op, ref, true, List.of(
                new ErrorCase("pad should be at most half of kernel size", with(new Tensor[] {z(1, 1, 5, 5)}, 2, 2, 2, 2, 2, 2, 0, 1)),
                new ErrorCase("too small", with(new Tensor[] {z(1, 1, 1, 2)}, 2, 2, 2, 2, 0, 0, 0, 1)),
                new ErrorCase("kernel size [0, 2] should be greater than zero", with(new Tensor[] {z(1, 1, 4, 4)}, 0, 2, 2, 2, 0, 0, 0, 1))),
                Edges.smooth("linear").zeroSize(ConvOpInfos::zeroPool).zeroError(ConvOpInfos::zeroPoolError));
    }

    static OpInfo adaptive() {
        Function<Tensor[], Tensor> ref = t -> {
            Tensor x = t[0];
            int hh = x.size(-2), ww = x.size(-1), oh = iv(t, 1), ow = iv(t, 2);
            Tensor y = z(pooledShape(x, oh, ow));
            double[] xs = x.toDoubleArray();
            for (int pl = 0; pl < planes(x); pl++) {
                for (int p = 0; p < oh; p++) {
                    int r0 = (int) Math.floor((double) p * hh / oh), r1 = (int) Math.ceil((double) (p + 1) * hh / oh);
                    for (int q = 0; q < ow; q++) {
                        int c0 = (int) Math.floor((double) q * ww / ow), c1 = (int) Math.ceil((double) (q + 1) * ww / ow);
                        double s = 0;
                        for (int r = r0; r < r1; r++) {
                            for (int c = c0; c < c1; c++) {
                                s += xs[(pl * hh + r) * ww + c];
                            }
                        }
                        y.setRaw((pl * oh + p) * ow + q, s / ((r1 - r0) * (c1 - c0)));
                    }
                }
            }
            return y;
        };
        return new OpInfo("adaptiveAvgPool2d", g -> {
            int[] s = g.nextInt(4) == 0 ? new int[] {1 + g.nextInt(2), 1 + g.nextInt(6), 1 + g.nextInt(6)}
                    : new int[] {1 + g.nextInt(2), 1 + g.nextInt(2), 1 + g.nextInt(6), 1 + g.nextInt(6)};
            return with(new Tensor[] {OpInfo.uniform(g, s, -2, 2)}, 1 + g.nextInt(4), 1 + g.nextInt(4));
        }, t -> Functional.adaptiveAvgPool2d(t[0], iv(t, 1), iv(t, 2)), ref, true,
                List.of(new ErrorCase("adaptiveAvgPool2d: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input", with(new Tensor[] {z(2, 3, 4, 4, 4)}, 1, 1))),
                Edges.smooth("linear").zeroSize(ConvOpInfos::zeroPool).zeroError(ConvOpInfos::zeroPoolError));
    }

    // ------------------------------------------------------------ pad

    static OpInfo pad() {
        Function<Tensor[], Tensor> op = t -> {
            int[] p = new int[t.length - 1];
            for (int i = 0; i < p.length; i++) {
                p[i] = iv(t, i + 1);
            }
            return Functional.pad(t[0], p, 0.5);
        };
        Function<Tensor[], Tensor> ref = t -> {
            Tensor x = t[0];
            int[] s = x.shape(), out = s.clone(), before = new int[s.length];
            for (int i = 0; i + 1 < t.length; i += 2) {
                int d = s.length - 1 - i / 2;
                before[d] = iv(t, i + 1);
                out[d] = s[d] + iv(t, i + 1) + iv(t, i + 2);
            }
            Tensor y = z(out);
            OpInfo.forEachIndex(out, idx -> {
                int[] src = new int[idx.length];
                boolean inside = true;
                for (int d = 0; d < idx.length; d++) {
                    src[d] = idx[d] - before[d];
                    inside &= src[d] >= 0 && src[d] < s[d];
                }
                y.setRaw(OpInfo.flat(out, idx), inside ? x.get(src) : 0.5);
            });
            return y;
        };
        return new OpInfo("pad", g -> {
            int[] s = dev.panamax.testing.Prop.shape(g, 1 + g.nextInt(4), 1, 4);
            int pairs = 1 + g.nextInt(s.length);
            int[] p = new int[2 * pairs];
            for (int i = 0; i < pairs; i++) {
                int size = s[s.length - 1 - i];
                p[2 * i] = g.nextInt(4) - 1;
                p[2 * i + 1] = Math.max(-size - p[2 * i], g.nextInt(4) - 1); // crop at most to size 0
            }
            return with(new Tensor[] {OpInfo.uniform(g, s, -2, 2)}, p);
        }, op, ref, true, List.of(
                new ErrorCase("the padded size must be non-negative", with(new Tensor[] {z(2, 3)}, -2, -2)),
                new ErrorCase("expected (before, after) pairs", with(new Tensor[] {z(2, 3)}, 1, 1, 1)),
                new ErrorCase("for at most 1 dims", with(new Tensor[] {z(3)}, 1, 1, 1, 1))),
                Edges.smooth("a copy").zeroError(t -> {
                    for (int i = 0; i + 1 < t.length; i += 2) {
                        if (t[0].size(t[0].dim() - 1 - i / 2) + iv(t, i + 1) + iv(t, i + 2) < 0) {
                            return "must be non-negative";
                        }
                    }
                    return null;
                }));
    }

    // ------------------------------------------------------------ batchNorm

    static OpInfo batchNorm(boolean training) {
        // Running statistics are made inside the op (a fresh pair each call): they are state, not inputs.
        Function<Tensor[], Tensor> op = t -> {
            int c = t[0].dim() > 1 ? t[0].size(1) : 0;
            Tensor rm = Tensor.zeros(t[0].dtype(), c), rv = Tensor.zeros(t[0].dtype(), c);
            for (int k = 0; k < c; k++) {
                rm.setRaw(k, 0.3 * k - 0.2);
                rv.setRaw(k, 0.5 + 0.25 * k);
            }
            return Functional.batchNorm(t[0], rm, rv, t[1], t[2], training, 0.1, 1e-5);
        };
        Function<Tensor[], Tensor> ref = t -> {
            Tensor x = t[0];
            int n = x.size(0), c = x.size(1), s = x.numel() / Math.max(1, n * c);
            Tensor y = z(x.shape());
            for (int k = 0; k < c; k++) {
                double mean = 0.3 * k - 0.2, var = 0.5 + 0.25 * k;
                if (training) {
                    mean = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < s; j++) {
                            mean += x.getFlat((i * c + k) * s + j) / (n * s);
                        }
                    }
                    var = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < s; j++) {
                            double d = x.getFlat((i * c + k) * s + j) - mean;
                            var += d * d / (n * s);
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < s; j++) {
                        int at = (i * c + k) * s + j;
                        y.setRaw(at, (x.getFlat(at) - mean) / Math.sqrt(var + 1e-5) * t[1].getFlat(k) + t[2].getFlat(k));
                    }
                }
            }
            return y;
        };
        Function<Tensor[], List<Tensor[]>> zeroSize = t -> {
            List<Tensor[]> v = new ArrayList<>();
            for (int d = 0; d < t[0].dim(); d++) {
                int[] s = t[0].shape();
                s[d] = 0;
                int c = s[1];
                v.add(new Tensor[] {z(s), d == 1 ? z(0) : t[1], d == 1 ? z(0) : t[2]});
                assert c >= 0;
            }
            return v;
        };
        List<ErrorCase> errors = new ArrayList<>(List.of(
                new ErrorCase("batchNorm: input [4, 3] has 3 channels, weight [2] expects 2", z(4, 3), z(2), z(3)),
                new ErrorCase("expected at least 2 dims", z(4), z(4), z(4))));
        if (training) {
            errors.add(new ErrorCase("batchNorm: Expected more than 1 value per channel when training, got input size [1, 3, 1, 1]",
                    z(1, 3, 1, 1), z(3), z(3)));
        }
        return new OpInfo(training ? "batchNorm_train" : "batchNorm_eval", g -> {
            int rank = 2 + g.nextInt(3);
            int[] s = dev.panamax.testing.Prop.shape(g, rank, 1, 3);
            s[0] = 2 + g.nextInt(2);
            return new Tensor[] {OpInfo.uniform(g, s, -2, 2), OpInfo.uniform(g, new int[] {s[1]}, 0.5, 2),
                    OpInfo.uniform(g, new int[] {s[1]}, -1, 1)};
        }, op, ref, true, errors, Edges.smooth(training ? "smooth while the batch variance is positive" : "affine")
                .zeroSize(zeroSize));
    }
}
