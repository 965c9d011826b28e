// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import dev.panamax.testing.Prop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * One description per op (PyTorch's OpInfo): how to make sample inputs (float64), the op, a scalar
 * float64 reference written independently with index loops, and inputs that must fail. {@link
 * OpSweepTest} runs every entry through forward, F32-vs-F64, gradient check and error cases.
 */
record OpInfo(String name, Sampler sampler, Function<Tensor[], Tensor> op, Function<Tensor[], Tensor> ref,
              boolean differentiable, List<ErrorCase> errors) {

    interface Sampler {
        Tensor[] sample(Generator g);
    }

    /** Inputs that must make the op throw IllegalArgumentException with a message containing text. */
    record ErrorCase(String text, Tensor... inputs) {}

    @Override
    public String toString() {
        return name;
    }

    // ------------------------------------------------------------ the ops

    static List<OpInfo> all() {
        List<OpInfo> ops = new ArrayList<>();
        ErrorCase badBroadcast = new ErrorCase("do not broadcast", Tensor.zeros(DType.F64, 2, 3), Tensor.zeros(DType.F64, 4));
        ErrorCase mixed = new ErrorCase("mixed dtypes", Tensor.zeros(DType.F64, 2), Tensor.zeros(DType.F32, 2));

        ops.add(binary("add", Tensor::add, Double::sum, 2, badBroadcast, mixed));
        ops.add(binary("sub", Tensor::sub, (x, y) -> x - y, 2, badBroadcast, mixed));
        ops.add(binary("mul", Tensor::mul, (x, y) -> x * y, 2, badBroadcast, mixed));
        ops.add(new OpInfo("div", g -> twoBroadcast(g, -2, 2, 0.5, 2), t -> t[0].div(t[1]),
                t -> refBinary(t[0], t[1], (x, y) -> x / y), true, List.of(badBroadcast, mixed)));
        ops.add(new OpInfo("pow", g -> twoBroadcast(g, 0.5, 2, -2, 2), t -> t[0].pow(t[1]),
                t -> refBinary(t[0], t[1], Math::pow), true, List.of(badBroadcast)));
        ops.add(new OpInfo("maximum", OpInfo::separatedPair, t -> t[0].maximum(t[1]),
                t -> refBinary(t[0], t[1], Math::max), true, List.of(badBroadcast, mixed)));
        ops.add(unary("neg", Tensor::neg, x -> -x, -3, 3));
        ops.add(unary("add_scalar", t -> t.add(2.5), x -> x + 2.5, -3, 3));
        ops.add(unary("mul_scalar", t -> t.mul(-1.5), x -> x * -1.5, -3, 3));
        ops.add(unary("div_scalar", t -> t.div(4), x -> x / 4, -3, 3));
        ops.add(unary("pow_scalar", t -> t.pow(3), x -> x * x * x, -2, 2));
        ops.add(unary("pow_half", t -> t.pow(0.5), Math::sqrt, 0.2, 3));
        ops.add(unary("exp", Tensor::exp, Math::exp, -3, 3));
        ops.add(unary("log", Tensor::log, Math::log, 0.1, 5));
        ops.add(unary("sqrt", Tensor::sqrt, Math::sqrt, 0.1, 5));
        ops.add(awayFromZero("abs", Tensor::abs, Math::abs));
        ops.add(awayFromZero("relu", Tensor::relu, x -> x > 0 ? x : 0));
        ops.add(unary("sigmoid", Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)), -6, 6));
        ops.add(unary("tanh", Tensor::tanh, x -> (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1), -3, 3));
        ops.add(new OpInfo("clamp", g -> new Tensor[] {awayFrom(g, Prop.shape(g, 1 + g.nextInt(3), 1, 6), new double[] {-0.5, 0.5})},
                t -> t[0].clamp(-0.5, 0.5), t -> refUnary(t[0], x -> Math.min(0.5, Math.max(-0.5, x))), true, List.of()));
        ops.add(new OpInfo("gt", OpInfo::separatedPair, t -> t[0].gt(t[1]), t -> refBinary(t[0], t[1], (x, y) -> x > y ? 1 : 0), false,
                List.of(badBroadcast)));
        ops.add(new OpInfo("lt", OpInfo::separatedPair, t -> t[0].lt(t[1]), t -> refBinary(t[0], t[1], (x, y) -> x < y ? 1 : 0), false,
                List.of(badBroadcast)));
        ops.add(new OpInfo("eq", g -> {
            Tensor a = rounded(g), b = a.clone();
            b.setRaw(0, b.getFlat(0) + 1);
            return new Tensor[] {a, b};
        }, t -> t[0].eq(t[1]), t -> refBinary(t[0], t[1], (x, y) -> x == y ? 1 : 0), false, List.of(badBroadcast)));

        // Reductions.
        ops.add(new OpInfo("sum", g -> one(g, -2, 2), t -> t[0].sum(), t -> refReduce(t[0], allDims(t[0]), false, 0), true, List.of()));
        ops.add(new OpInfo("sum_dim", OpInfo::oneWithDim, t -> t[0].sum(dimOf(t), keep(t)),
                t -> refReduce(t[0], new int[] {dimOf(t)}, keep(t), 0), true,
                List.of(new ErrorCase("out of range", Tensor.zeros(DType.F64, 2, 3), Tensor.of(5.0), Tensor.of(0.0)))));
        ops.add(new OpInfo("mean", g -> one(g, -2, 2), t -> t[0].mean(), t -> refReduce(t[0], allDims(t[0]), false, 1), true, List.of()));
        ops.add(new OpInfo("mean_dim", OpInfo::oneWithDim, t -> t[0].mean(dimOf(t), keep(t)),
                t -> refReduce(t[0], new int[] {dimOf(t)}, keep(t), 1), true, List.of()));
        ops.add(new OpInfo("max_dim", g -> distinctWithDim(g), t -> t[0].max(dimOf(t), keep(t)),
                t -> refReduce(t[0], new int[] {dimOf(t)}, keep(t), 2), true, List.of()));
        ops.add(new OpInfo("max", g -> new Tensor[] {distinct(g, Prop.shape(g, 1 + g.nextInt(3), 1, 6))}, t -> t[0].max(),
                t -> refReduce(t[0], allDims(t[0]), false, 2), true, List.of()));
        ops.add(new OpInfo("argmax", g -> distinctWithDim(g), t -> t[0].argmax(dimOf(t), keep(t)),
                t -> refReduce(t[0], new int[] {dimOf(t)}, keep(t), 3), false, List.of()));
        ops.add(new OpInfo("logSumExp", OpInfo::oneWithDim, t -> t[0].logSumExp(dimOf(t), keep(t)),
                t -> refUnary(refReduce(refUnary(t[0], Math::exp), new int[] {dimOf(t)}, keep(t), 0), Math::log), true, List.of()));
        ops.add(new OpInfo("softmax", OpInfo::oneWithDim, t -> t[0].softmax(dimOf(t)), t -> refSoftmax(t[0], dimOf(t), false), true, List.of()));
        ops.add(new OpInfo("logSoftmax", OpInfo::oneWithDim, t -> t[0].logSoftmax(dimOf(t)), t -> refSoftmax(t[0], dimOf(t), true), true,
                List.of()));
        ops.add(new OpInfo("norm", g -> one(g, -2, 2), t -> t[0].norm(),
                t -> refUnary(refReduce(refUnary(t[0], x -> x * x), allDims(t[0]), false, 0), Math::sqrt), true, List.of()));

        // Shape ops.
        ops.add(new OpInfo("reshape", g -> one(g, -2, 2), t -> t[0].reshape(-1), t -> refCopy(t[0], t[0].numel()), true, List.of()));
        ops.add(new OpInfo("flatten", g -> one(g, -2, 2), t -> t[0].flatten(), t -> refCopy(t[0], t[0].numel()), true, List.of()));
        ops.add(new OpInfo("unsqueeze", g -> one(g, -2, 2), t -> t[0].unsqueeze(0), t -> refCopy(t[0], prepend(1, t[0].shape())), true, List.of()));
        ops.add(new OpInfo("squeeze", g -> new Tensor[] {Tensor.randn(DType.F64, g, 1, 2 + g.nextInt(5), 1)}, t -> t[0].squeeze(),
                t -> refCopy(t[0], t[0].shape()[1]), true, List.of()));
        ops.add(new OpInfo("transpose", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 3, 1, 5))}, t -> t[0].transpose(0, 2),
                t -> refPermute(t[0], new int[] {2, 1, 0}), true, List.of()));
        ops.add(new OpInfo("t", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 2, 1, 6))}, t -> t[0].t(),
                t -> refPermute(t[0], new int[] {1, 0}), true, List.of()));
        ops.add(new OpInfo("permute", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 3, 1, 5))}, t -> t[0].permute(1, 2, 0),
                t -> refPermute(t[0], new int[] {1, 2, 0}), true, List.of()));
        ops.add(new OpInfo("slice", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 2, 3, 6))}, t -> t[0].slice(1, 1, -1),
                t -> refSlice(t[0], 1, 1, t[0].size(1) - 1), true, List.of()));
        ops.add(new OpInfo("rows", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 2, 2, 6))}, t -> t[0].rows(1, 0, 1),
                t -> refRows(t[0], 1, 0, 1), true, List.of()));
        ops.add(new OpInfo("cat", g -> {
            int[] s = Prop.shape(g, 2, 1, 5);
            int[] s2 = s.clone();
            s2[1] = 1 + g.nextInt(4);
            return new Tensor[] {Tensor.randn(DType.F64, g, s), Tensor.randn(DType.F64, g, s2)};
        }, t -> Tensor.cat(List.of(t[0], t[1], t[0]), 1), t -> refCat(t[0], t[1]), true,
                List.of(new ErrorCase("differ in dim 0", Tensor.zeros(DType.F64, 2, 3), Tensor.zeros(DType.F64, 3, 3)))));
        ops.add(new OpInfo("stack", g -> {
            int[] s = Prop.shape(g, 2, 1, 5);
            return new Tensor[] {Tensor.randn(DType.F64, g, s), Tensor.randn(DType.F64, g, s)};
        }, t -> Tensor.stack(List.of(t[0], t[1]), 0), t -> Tensor.wrap(java.util.stream.DoubleStream.concat(
                java.util.Arrays.stream(t[0].toDoubleArray()), java.util.Arrays.stream(t[1].toDoubleArray())).toArray(),
                prepend(2, t[0].shape())), true, List.of()));

        // Matrix products.
        ops.add(new OpInfo("matmul", g -> {
            int m = 1 + g.nextInt(6), k = 1 + g.nextInt(6), n = 1 + g.nextInt(6);
            return new Tensor[] {Tensor.randn(DType.F64, g, m, k), Tensor.randn(DType.F64, g, k, n)};
        }, t -> t[0].matmul(t[1]), t -> refMatmul(t[0], t[1]), true,
                List.of(new ErrorCase("inner dimensions 784 and 256 differ", Tensor.zeros(DType.F64, 256, 784), Tensor.zeros(DType.F64, 256, 10)),
                        mixed)));
        ops.add(new OpInfo("matmul_vec", g -> {
            int k = 1 + g.nextInt(6), n = 1 + g.nextInt(6);
            return new Tensor[] {Tensor.randn(DType.F64, g, k), Tensor.randn(DType.F64, g, k, n)};
        }, t -> t[0].matmul(t[1]), t -> refMatmul(t[0].reshape(1, -1), t[1]).reshape(-1), true, List.of()));
        ops.add(new OpInfo("matmul_batched", g -> {
            int b = 1 + g.nextInt(3), m = 1 + g.nextInt(5), k = 1 + g.nextInt(5), n = 1 + g.nextInt(5);
            return new Tensor[] {Tensor.randn(DType.F64, g, b, m, k), Tensor.randn(DType.F64, g, b, k, n)};
        }, t -> t[0].matmul(t[1]), OpInfo::refBmm, true, List.of()));
        ops.add(new OpInfo("clone", g -> one(g, -2, 2), t -> t[0].clone(), t -> refCopy(t[0], t[0].shape()), true, List.of()));
        return ops;
    }

    // ------------------------------------------------------------ samplers

    static OpInfo binary(String name, java.util.function.BinaryOperator<Tensor> op, DoubleBinaryOperator f, double range, ErrorCase... errors) {
        return new OpInfo(name, g -> twoBroadcast(g, -range, range, -range, range), t -> op.apply(t[0], t[1]),
                t -> refBinary(t[0], t[1], f), true, List.of(errors));
    }

    static OpInfo unary(String name, Function<Tensor, Tensor> op, DoubleUnaryOperator f, double lo, double hi) {
        return new OpInfo(name, g -> one(g, lo, hi), t -> op.apply(t[0]), t -> refUnary(t[0], f), true, List.of());
    }

    /** Unary op with a kink at 0: samples keep |x| >= 0.05. */
    static OpInfo awayFromZero(String name, Function<Tensor, Tensor> op, DoubleUnaryOperator f) {
        return new OpInfo(name, g -> new Tensor[] {awayFrom(g, Prop.shape(g, 1 + g.nextInt(3), 1, 6), new double[] {0})},
                t -> op.apply(t[0]), t -> refUnary(t[0], f), true, List.of());
    }

    static Tensor uniform(Generator g, int[] shape, double lo, double hi) {
        return Tensor.uniform(DType.F64, lo, hi, g, shape);
    }

    static Tensor[] one(Generator g, double lo, double hi) {
        return new Tensor[] {uniform(g, Prop.shape(g, g.nextInt(4), 1, 6), lo, hi)};
    }

    static Tensor[] twoBroadcast(Generator g, double lo1, double hi1, double lo2, double hi2) {
        int[] s = Prop.shape(g, g.nextInt(4), 1, 6);
        int[] p = Prop.broadcastPartner(g, s);
        Tensor a = uniform(g, s, lo1, hi1), b = uniform(g, p, lo2, hi2);
        return g.nextInt(2) == 0 ? new Tensor[] {a, b} : new Tensor[] {uniform(g, p, lo1, hi1), uniform(g, s, lo2, hi2)};
    }

    /** Values at least 0.05 from each kink. */
    static Tensor awayFrom(Generator g, int[] shape, double[] kinks) {
        Tensor t = uniform(g, shape, -2, 2);
        for (int i = 0; i < t.numel(); i++) {
            double v = t.getFlat(i);
            for (double k : kinks) {
                if (Math.abs(v - k) < 0.05) {
                    v = k + (v < k ? -0.05 : 0.05) - (v - k);
                }
            }
            t.setRaw(i, v);
        }
        return t;
    }

    /** A pair whose elements differ by at least 0.1 wherever they meet. */
    static Tensor[] separatedPair(Generator g) {
        Tensor[] ab = twoBroadcast(g, -2, 2, -2, 2);
        int[] s = Shape.broadcast("t", ab[0].shape(), ab[1].shape());
        Tensor a = Tensor.zeros(DType.F64, s).add(ab[0]), b = Tensor.zeros(DType.F64, s).add(ab[1]);
        for (int i = 0; i < a.numel(); i++) {
            double d = a.getFlat(i) - b.getFlat(i);
            if (Math.abs(d) < 0.1) {
                a.setRaw(i, b.getFlat(i) + (d < 0 ? -0.1 : 0.1) + d);
            }
        }
        return new Tensor[] {a, b};
    }

    /** Values that are all at least 0.02 apart (a shuffled grid plus small noise). */
    static Tensor distinct(Generator g, int[] shape) {
        int n = Shape.numel(shape);
        int[] p = g.permutation(n);
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < n; i++) {
            t.setRaw(i, (p[i] - n / 2.0) * 0.05 + 0.01 * g.nextDouble());
        }
        return t;
    }

    static Tensor rounded(Generator g) {
        Tensor t = uniform(g, Prop.shape(g, 1 + g.nextInt(3), 1, 6), -3, 3);
        for (int i = 0; i < t.numel(); i++) {
            t.setRaw(i, Math.rint(t.getFlat(i)));
        }
        return t;
    }

    /** A tensor plus two 1-element tensors holding a dim and keepdim (0 or 1). */
    static Tensor[] oneWithDim(Generator g) {
        Tensor x = uniform(g, Prop.shape(g, 1 + g.nextInt(3), 1, 6), -2, 2);
        return new Tensor[] {x, Tensor.of((double) (g.nextInt(2 * x.dim()) - x.dim())), Tensor.of((double) g.nextInt(2))};
    }

    static Tensor[] distinctWithDim(Generator g) {
        Tensor[] t = oneWithDim(g);
        t[0] = distinct(g, t[0].shape());
        return t;
    }

    static int dimOf(Tensor[] t) {
        return (int) t[1].getFlat(0);
    }

    static boolean keep(Tensor[] t) {
        return t[2].getFlat(0) != 0;
    }

    // ------------------------------------------------------------ references (index loops, float64)

    static void forEachIndex(int[] shape, java.util.function.Consumer<int[]> f) {
        int n = Shape.numel(shape);
        int[] idx = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int r = i;
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d] = r % shape[d];
                r /= shape[d];
            }
            f.accept(idx);
        }
    }

    static double at(Tensor t, int[] outIdx) {
        int[] s = t.shape();
        int[] idx = new int[s.length];
        int lead = outIdx.length - s.length;
        for (int i = 0; i < s.length; i++) {
            idx[i] = s[i] == 1 ? 0 : outIdx[lead + i];
        }
        return t.get(idx);
    }

    static int flat(int[] shape, int[] idx) {
        int f = 0;
        for (int i = 0; i < shape.length; i++) {
            f = f * shape[i] + idx[i];
        }
        return f;
    }

    static Tensor refUnary(Tensor x, DoubleUnaryOperator f) {
        Tensor out = Tensor.zeros(DType.F64, x.shape());
        for (int i = 0; i < x.numel(); i++) {
            out.setRaw(i, f.applyAsDouble(x.getFlat(i)));
        }
        return out;
    }

    static Tensor refBinary(Tensor a, Tensor b, DoubleBinaryOperator f) {
        int[] s = Shape.broadcast("ref", a.shape(), b.shape());
        Tensor out = Tensor.zeros(DType.F64, s);
        forEachIndex(s, idx -> out.setRaw(flat(s, idx), f.applyAsDouble(at(a, idx), at(b, idx))));
        return out;
    }

    /** kind 0 sum, 1 mean, 2 max, 3 argmax. */
    static Tensor refReduce(Tensor x, int[] dims, boolean keepdim, int kind) {
        int[] s = x.shape();
        boolean[] red = new boolean[s.length];
        for (int d : dims) {
            red[d < 0 ? d + s.length : d] = true;
        }
        int[] kept = s.clone();
        for (int i = 0; i < s.length; i++) {
            if (red[i]) {
                kept[i] = 1;
            }
        }
        int m = Shape.numel(kept);
        double[] acc = new double[m], best = new double[m], arg = new double[m];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        int[] count = new int[m];
        forEachIndex(s, idx -> {
            int[] k = idx.clone();
            int pos = 0;
            for (int i = 0; i < s.length; i++) {
                if (red[i]) {
                    k[i] = 0;
                    pos = pos * s[i] + idx[i];
                }
            }
            int o = flat(kept, k);
            double v = x.get(idx);
            acc[o] += v;
            if (v > best[o]) {
                best[o] = v;
                arg[o] = pos;
            }
            count[o]++;
        });
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            r[i] = switch (kind) {
                case 0 -> acc[i];
                case 1 -> acc[i] / count[i];
                case 2 -> best[i];
                default -> arg[i];
            };
        }
        Tensor out = Tensor.wrap(r, kept);
        if (keepdim) {
            return out;
        }
        int[] shape = java.util.stream.IntStream.range(0, s.length).filter(i -> !red[i]).map(i -> s[i]).toArray();
        return out.reshape(shape);
    }

    static Tensor refSoftmax(Tensor x, int dim, boolean log) {
        int[] s = x.shape();
        int d = dim < 0 ? dim + s.length : dim;
        Tensor out = Tensor.zeros(DType.F64, s);
        forEachIndex(s, idx -> {
            double mx = Double.NEGATIVE_INFINITY, z = 0;
            int[] j = idx.clone();
            for (int k = 0; k < s[d]; k++) {
                j[d] = k;
                mx = Math.max(mx, x.get(j));
            }
            for (int k = 0; k < s[d]; k++) {
                j[d] = k;
                z += Math.exp(x.get(j) - mx);
            }
            double v = x.get(idx) - mx - Math.log(z);
            out.setRaw(flat(s, idx), log ? v : Math.exp(v));
        });
        return out;
    }

    static Tensor refCopy(Tensor x, int... shape) {
        return Tensor.fromArray(x.toDoubleArray(), shape);
    }

    static Tensor refPermute(Tensor x, int[] perm) {
        int[] s = x.shape();
        int[] os = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            os[i] = s[perm[i]];
        }
        Tensor out = Tensor.zeros(DType.F64, os);
        forEachIndex(os, idx -> {
            int[] src = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                src[perm[i]] = idx[i];
            }
            out.setRaw(flat(os, idx), x.get(src));
        });
        return out;
    }

    static Tensor refSlice(Tensor x, int dim, int from, int to) {
        int[] s = x.shape();
        int[] os = s.clone();
        os[dim] = to - from;
        Tensor out = Tensor.zeros(DType.F64, os);
        forEachIndex(os, idx -> {
            int[] src = idx.clone();
            src[dim] += from;
            out.setRaw(flat(os, idx), x.get(src));
        });
        return out;
    }

    static Tensor refRows(Tensor x, int... rows) {
        int[] s = x.shape();
        int[] os = s.clone();
        os[0] = rows.length;
        Tensor out = Tensor.zeros(DType.F64, os);
        forEachIndex(os, idx -> {
            int[] src = idx.clone();
            src[0] = rows[idx[0]];
            out.setRaw(flat(os, idx), x.get(src));
        });
        return out;
    }

    /** [a, b, a] along dim 1 (b may be null: then [a]). */
    static Tensor refCat(Tensor a, Tensor b) {
        int[] sa = a.shape();
        int wb = b == null ? 0 : b.shape()[1];
        int[] os = sa.clone();
        os[1] = b == null ? sa[1] : 2 * sa[1] + wb;
        Tensor out = Tensor.zeros(DType.F64, os);
        forEachIndex(os, idx -> {
            int[] src = idx.clone();
            int c = idx[1];
            double v;
            if (c < sa[1]) {
                v = a.get(src);
            } else if (c < sa[1] + wb) {
                src[1] = c - sa[1];
                v = b.get(src);
            } else {
                src[1] = c - sa[1] - wb;
                v = a.get(src);
            }
            out.setRaw(flat(os, idx), v);
        });
        return out;
    }

    static Tensor refBmm(Tensor[] t) {
        int b = t[0].size(0), m = t[0].size(1), k = t[0].size(2), n = t[1].size(2);
        Tensor out = Tensor.zeros(DType.F64, b, m, n);
        for (int q = 0; q < b; q++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += t[0].get(q, i, p) * t[1].get(q, p, j);
                    }
                    out.setRaw((q * m + i) * n + j, s);
                }
            }
        }
        return out;
    }

    static Tensor refMatmul(Tensor a, Tensor b) {
        int m = a.size(0), k = a.size(1), n = b.size(1);
        Tensor out = Tensor.zeros(DType.F64, m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a.get(i, p) * b.get(p, j);
                }
                out.setRaw(i * n + j, s);
            }
        }
        return out;
    }

    static int[] allDims(Tensor t) {
        return java.util.stream.IntStream.range(0, t.dim()).toArray();
    }

    static int[] prepend(int d, int... s) {
        int[] r = new int[s.length + 1];
        r[0] = d;
        System.arraycopy(s, 0, r, 1, s.length);
        return r;
    }
}
