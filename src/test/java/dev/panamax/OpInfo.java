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
 * float64 reference written independently with index loops, inputs that must fail, and the edge
 * cases the op must meet ({@link Edges}: its zero-size variants and its values on and near kinks).
 * {@link OpSweepTest} runs every entry through forward, F32-vs-F64, gradient check, error cases,
 * zero-size dims in every position and the declared kinks.
 */
record OpInfo(String name, Sampler sampler, Function<Tensor[], Tensor> op, Function<Tensor[], Tensor> ref,
              boolean differentiable, List<ErrorCase> errors, Edges edges) {

    interface Sampler {
        Tensor[] sample(Generator g);
    }

    /** Inputs that must make the op throw IllegalArgumentException with a message containing text. */
    record ErrorCase(String text, Tensor... inputs) {}

    /**
     * The edge cases of an op, required of every entry. zeroSize turns a sample into variants with a
     * 0 in each dim of each input (the sweep checks that every position is covered); zeroError says
     * which of them must fail (text the message must hold), null for none. specials are inputs on
     * and near the op's kinks, or inputs where precision is hard; an op with none must say why
     * (smooth).
     */
    record Edges(Function<Tensor[], List<Tensor[]>> zeroSize, Function<Tensor[], String> zeroError, List<Special> specials,
                 String smooth) {
        /** No kinks, for the reason given; zero-size variants made by {@link #zeroEach}. */
        static Edges smooth(String why) {
            return new Edges(OpInfo::zeroEach, t -> null, List.of(), why);
        }

        static Edges kinks(Special... specials) {
            return new Edges(OpInfo::zeroEach, t -> null, List.of(specials), null);
        }

        Edges zeroSize(Function<Tensor[], List<Tensor[]>> variants) {
            return new Edges(variants, zeroError, specials, smooth);
        }

        Edges zeroError(Function<Tensor[], String> error) {
            return new Edges(zeroSize, error, specials, smooth);
        }
    }

    /**
     * Inputs (in the dtype under test) whose output must match the float64 reference on the same
     * values within atol + rtol * |ref|, and, when grads is not null, whose gradient for an upstream
     * gradient of ones must be grads exactly (one array per input that takes a gradient; PyTorch's
     * values at a kink, not a numerical estimate).
     */
    record Special(String what, Tensor[] inputs, double[][] grads, double atol, double rtol) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Special exact(String what, Tensor[] inputs, double[]... grads) {
        return new Special(what, inputs, grads.length == 0 ? null : grads, 0, 0);
    }

    @Override
    public String toString() {
        return name;
    }

    // ------------------------------------------------------------ the ops

    static List<OpInfo> all() {
        List<OpInfo> ops = new ArrayList<>();
        ErrorCase badBroadcast = new ErrorCase("do not broadcast", Tensor.zeros(DType.F64, 2, 3), Tensor.zeros(DType.F64, 4));
        ErrorCase mixed = new ErrorCase("mixed dtypes", Tensor.zeros(DType.F64, 2), Tensor.zeros(DType.F64, 2).to(DType.F32));
        double tiny = Double.MIN_VALUE, one = 1, up = Math.nextUp(1.0), down = Math.nextDown(1.0);
        float tinyF = Float.MIN_VALUE;

        ops.add(binary("add", Tensor::add, Double::sum, 2, Edges.smooth("linear"), badBroadcast, mixed));
        ops.add(binary("sub", Tensor::sub, (x, y) -> x - y, 2, Edges.smooth("linear"), badBroadcast, mixed));
        ops.add(binary("mul", Tensor::mul, (x, y) -> x * y, 2, Edges.smooth("bilinear"), badBroadcast, mixed));
        ops.add(new OpInfo("div", g -> twoBroadcast(g, -2, 2, 0.5, 2), t -> t[0].div(t[1]),
                t -> refBinary(t[0], t[1], (x, y) -> x / y), true, List.of(badBroadcast, mixed),
                Edges.smooth("smooth on its domain; b = 0 is a pole, not a kink")));
        ops.add(new OpInfo("pow", g -> twoBroadcast(g, 0.5, 2, -2, 2), t -> t[0].pow(t[1]),
                t -> refBinary(t[0], t[1], Math::pow), true, List.of(badBroadcast), Edges.kinks(
                        // torch: d/da = b a^(b-1) masked to 0 where b == 0; d/db = a^b log a masked to 0 where a == 0 and b >= 0
                        exact("zero base", pair(new double[] {0, 0, 2, 0, 0}, new double[] {0, 2, 0, 0.5, 1}),
                                new double[] {0, 0, 0, Double.POSITIVE_INFINITY, 1}, new double[] {0, 0, Math.log(2), 0, 0}),
                        exact("zero base f32", pair32(new double[] {0, 0, 2, 0}, new double[] {0, 2, 0, 0.5}),
                                new double[] {0, 0, 0, Double.POSITIVE_INFINITY}, new double[] {0, 0, (float) Math.log(2), 0}),
                        exact("zero base, negative exponent: a pole, -inf as torch", pair(new double[] {0, 2}, new double[] {-1, -1}),
                                new double[] {Double.NEGATIVE_INFINITY, -0.25}, new double[] {Double.NEGATIVE_INFINITY, 0.5 * Math.log(2)}))));
        ops.add(new OpInfo("maximum", OpInfo::separatedPair, t -> t[0].maximum(t[1]),
                t -> refBinary(t[0], t[1], Math::max), true, List.of(badBroadcast, mixed), Edges.kinks(
                        exact("ties share", pair(new double[] {0, one, up, down}, new double[] {0, one, one, one}),
                                new double[] {0.5, 0.5, 1, 0}, new double[] {0.5, 0.5, 0, 1}),
                        exact("ties share f32", pair32(new double[] {0, one, Math.nextUp(1f)}, new double[] {0, one, one}),
                                new double[] {0.5, 0.5, 1}, new double[] {0.5, 0.5, 0}))));
        ops.add(unary("neg", Tensor::neg, x -> -x, -3, 3, Edges.smooth("linear")));
        ops.add(unary("add_scalar", t -> t.add(2.5), x -> x + 2.5, -3, 3, Edges.smooth("linear")));
        ops.add(unary("mul_scalar", t -> t.mul(-1.5), x -> x * -1.5, -3, 3, Edges.smooth("linear")));
        ops.add(unary("div_scalar", t -> t.div(4), x -> x / 4, -3, 3, Edges.smooth("linear")));
        ops.add(unary("pow_scalar", t -> t.pow(3), x -> x * x * x, -2, 2, Edges.kinks(
                exact("at zero", one(0, tiny, -tiny), new double[] {0, 0, 0}))));
        ops.add(unary("pow_half", t -> t.pow(0.5), Math::sqrt, 0.2, 3, Edges.kinks(
                exact("at zero: +inf as torch", one(0, 4), new double[] {Double.POSITIVE_INFINITY, 0.25}))));
        ops.add(unary("exp", Tensor::exp, Math::exp, -3, 3, Edges.smooth("smooth")));
        ops.add(unary("log", Tensor::log, Math::log, 0.1, 5, Edges.kinks(
                exact("at zero", one(0, 2), new double[] {Double.POSITIVE_INFINITY, 0.5}))));
        ops.add(unary("sqrt", Tensor::sqrt, Math::sqrt, 0.1, 5, Edges.kinks(
                exact("at zero: +inf as torch", one(0, 4), new double[] {Double.POSITIVE_INFINITY, 0.25}))));
        ops.add(awayFromZero("abs", Tensor::abs, Math::abs, Edges.kinks(
                exact("at and next to zero", one(0, tiny, -tiny, -0.0), new double[] {0, 1, -1, 0}),
                exact("at and next to zero f32", one32(0, tinyF, -tinyF), new double[] {0, 1, -1}))));
        ops.add(awayFromZero("relu", Tensor::relu, x -> x > 0 ? x : 0, Edges.kinks(
                exact("at and next to zero", one(0, tiny, -tiny, -0.0), new double[] {0, 1, 0, 0}),
                exact("at and next to zero f32", one32(0, tinyF, -tinyF), new double[] {0, 1, 0}))));
        ops.add(unary("sigmoid", Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)), -6, 6, Edges.smooth("smooth")));
        ops.add(unary("tanh", Tensor::tanh, x -> (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1), -3, 3, Edges.smooth("smooth")));
        // Bounds that float cannot hold, rounded outwards: (float) -1.1 < -1.1 and (float) 1.1 > 1.1, so a
        // float32 element equal to a rounded bound is outside the double bounds and inside the float ones.
        float lo32 = (float) -1.1, hi32 = (float) 1.1;
        ops.add(new OpInfo("clamp", g -> new Tensor[] {awayFrom(g, Prop.shape(g, 1 + g.nextInt(3), 1, 6), new double[] {-1.1, 1.1})},
                t -> t[0].clamp(-1.1, 1.1), t -> refUnary(t[0], x -> Math.min(1.1, Math.max(-1.1, x))), true, List.of(), Edges.kinks(
                        exact("on and next to the bounds", one(-1.1, Math.nextDown(-1.1), Math.nextUp(-1.1), 1.1, Math.nextDown(1.1),
                                Math.nextUp(1.1)), new double[] {1, 0, 1, 1, 1, 0}),
                        // The output is the float bound, 2.4e-8 from the double reference's.
                        new Special("on and next to the bounds f32", one32(lo32, Math.nextDown(lo32), Math.nextUp(lo32), hi32,
                                Math.nextDown(hi32), Math.nextUp(hi32)), new double[][] {{1, 0, 1, 1, 1, 0}}, 3e-8, 0))));
        ops.add(new OpInfo("clamp_min_above_max", g -> one(g, -2, 2), t -> t[0].clamp(1, 0.5), t -> refUnary(t[0], x -> 0.5), true,
                List.of(), Edges.kinks(exact("every element to max, no gradient", one(-1, 0.5, 1, 2), new double[] {0, 0, 0, 0}))));
        ops.add(new OpInfo("gt", OpInfo::separatedPair, t -> t[0].gt(t[1]), t -> refBinary(t[0], t[1], (x, y) -> x > y ? 1 : 0), false,
                List.of(badBroadcast), Edges.kinks(equalities())));
        ops.add(new OpInfo("lt", OpInfo::separatedPair, t -> t[0].lt(t[1]), t -> refBinary(t[0], t[1], (x, y) -> x < y ? 1 : 0), false,
                List.of(badBroadcast), Edges.kinks(equalities())));
        ops.add(new OpInfo("eq", g -> {
            Tensor a = rounded(g), b = a.clone();
            b.setRaw(0, b.getFlat(0) + 1);
            return new Tensor[] {a, b};
        }, t -> t[0].eq(t[1]), t -> refBinary(t[0], t[1], (x, y) -> x == y ? 1 : 0), false, List.of(badBroadcast),
                Edges.kinks(equalities())));

        // Reductions.
        Edges linear = Edges.smooth("linear");
        ops.add(new OpInfo("sum", g -> one(g, -2, 2), t -> t[0].sum(), t -> refReduce(t[0], allDims(t[0]), false, 0), true, List.of(),
                linear));
        ops.add(new OpInfo("sum_dim", OpInfo::oneWithDim, t -> t[0].sum(dimOf(t), keep(t)),
                t -> refReduce(t[0], new int[] {dimOf(t)}, keep(t), 0), true,
                List.of(new ErrorCase("out of range", Tensor.zeros(DType.F64, 2, 3), Tensor.of(5.0), Tensor.of(0.0))), linear));
        ops.add(new OpInfo("sum_dims_empty", OpInfo::oneWithKeep, t -> t[0].sum(new int[0], keep(t)),
                t -> refReduce(t[0], allDims(t[0]), keep(t), 0), true, List.of(), linear));
        ops.add(new OpInfo("mean", g -> one(g, -2, 2), t -> t[0].mean(), t -> refReduce(t[0], allDims(t[0]), false, 1), true, List.of(),
                linear));
        ops.add(new OpInfo("mean_dim", OpInfo::oneWithDim, t -> t[0].mean(dimOf(t), keep(t)),
                t -> refReduce(t[0], new int[] {dimOf(t)}, keep(t), 1), true, List.of(), linear));
        ops.add(new OpInfo("mean_dims_empty", OpInfo::oneWithKeep, t -> t[0].mean(new int[0], keep(t)),
                t -> refReduce(t[0], allDims(t[0]), keep(t), 1), true, List.of(), linear));
        Function<Tensor[], String> emptyDim = t -> t[0].dim() > 0 && t[0].size(dimOf(t)) == 0 ? "has size 0" : null;
        ops.add(new OpInfo("max_dim", g -> distinctWithDim(g), t -> t[0].max(dimOf(t), keep(t)),
                t -> refReduce(t[0], new int[] {dimOf(t)}, keep(t), 2), true, List.of(), Edges.kinks(
                        exact("ties: the first takes the gradient", withDim(one(1, 3, 3, 2), 0, 0), new double[] {0, 1, 0, 0}),
                        exact("ties f32", withDim(one32(3, 3, Math.nextDown(3f)), 0, 1), new double[] {1, 0, 0}))
                .zeroError(emptyDim)));
        ops.add(new OpInfo("max", g -> new Tensor[] {distinct(g, Prop.shape(g, 1 + g.nextInt(3), 1, 6))}, t -> t[0].max(),
                t -> refReduce(t[0], allDims(t[0]), false, 2), true, List.of(), Edges.kinks(
                        exact("ties share the gradient", one(1, 3, 3, 2), new double[] {0, 0.5, 0.5, 0}),
                        exact("ties f32", one32(3, 3, 3, Math.nextDown(3f)), new double[] {1 / 3f, 1 / 3f, 1 / 3f, 0}))
                .zeroError(t -> t[0].numel() == 0 ? "is empty" : null)));
        ops.add(new OpInfo("argmax", g -> distinctWithDim(g), t -> t[0].argmax(dimOf(t), keep(t)),
                t -> refReduce(t[0], new int[] {dimOf(t)}, keep(t), 3), false, List.of(), Edges.kinks(
                        exact("ties: the first index", withDim(one(1, 3, 3, 2), 0, 0)),
                        exact("near ties f32", withDim(one32(Math.nextDown(3f), 3, 3), 0, 1)))
                .zeroError(emptyDim)));
        // Large offsets in float32: the results must hold float32 precision against float64 on the same values.
        double tight = 0x1p-22; // two units in the last place of a float
        ops.add(new OpInfo("logSumExp", OpInfo::oneWithDim, t -> t[0].logSumExp(dimOf(t), keep(t)),
                t -> refLogSumExp(t[0], dimOf(t), keep(t)), true, List.of(), softmaxFamily(tight)));
        ops.add(new OpInfo("softmax", OpInfo::oneWithDim, t -> t[0].softmax(dimOf(t)), t -> refSoftmax(t[0], dimOf(t), false), true,
                List.of(), softmaxFamily(tight)));
        ops.add(new OpInfo("logSoftmax", OpInfo::oneWithDim, t -> t[0].logSoftmax(dimOf(t)), t -> refSoftmax(t[0], dimOf(t), true), true,
                List.of(), softmaxFamily(tight)));
        ops.add(new OpInfo("norm", g -> one(g, -2, 2), t -> t[0].norm(),
                t -> refUnary(refReduce(refUnary(t[0], x -> x * x), allDims(t[0]), false, 0), Math::sqrt), true, List.of(), Edges.kinks(
                        exact("all zeros: gradient 0 as torch", one(0, 0, 0), new double[] {0, 0, 0}),
                        exact("all zeros f32", one32(0, 0), new double[] {0, 0}),
                        exact("one non-zero", one(0, -2, 0), new double[] {0, -1, 0}))));

        // Shape ops.
        Edges copy = Edges.smooth("a copy or a view");
        ops.add(new OpInfo("reshape", g -> one(g, -2, 2), t -> t[0].reshape(-1), t -> refCopy(t[0], t[0].numel()), true, List.of(), copy));
        ops.add(new OpInfo("flatten", g -> one(g, -2, 2), t -> t[0].flatten(), t -> refCopy(t[0], t[0].numel()), true, List.of(), copy));
        ops.add(new OpInfo("unsqueeze", g -> one(g, -2, 2), t -> t[0].unsqueeze(0), t -> refCopy(t[0], prepend(1, t[0].shape())), true,
                List.of(), copy));
        ops.add(new OpInfo("squeeze", g -> new Tensor[] {Tensor.randn(DType.F64, g, 1, 2 + g.nextInt(5), 1)}, t -> t[0].squeeze(),
                t -> refCopy(t[0], java.util.Arrays.stream(t[0].shape()).filter(d -> d != 1).toArray()), true, List.of(), copy));
        ops.add(new OpInfo("transpose", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 3, 1, 5))}, t -> t[0].transpose(0, 2),
                t -> refPermute(t[0], new int[] {2, 1, 0}), true, List.of(), copy));
        ops.add(new OpInfo("t", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 2, 1, 6))}, t -> t[0].t(),
                t -> refPermute(t[0], new int[] {1, 0}), true, List.of(), copy));
        ops.add(new OpInfo("permute", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 3, 1, 5))}, t -> t[0].permute(1, 2, 0),
                t -> refPermute(t[0], new int[] {1, 2, 0}), true, List.of(), copy));
        ops.add(new OpInfo("slice", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 2, 3, 6))}, t -> t[0].slice(1, 1, -1),
                t -> refSlice(t[0], 1, 1, t[0].size(1) - 1), true, List.of(), copy));
        ops.add(new OpInfo("narrow", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 2, 2, 6))}, t -> t[0].narrow(-1, -2, 2),
                t -> refSlice(t[0], 1, t[0].size(1) - 2, t[0].size(1)), true,
                List.of(new ErrorCase("start -2 out of range for dim 1 of size 1", Tensor.zeros(DType.F64, 2, 1))),
                copy.zeroError(t -> t[0].size(-1) < 2 ? "start -2 out of range" : null)));
        ops.add(new OpInfo("rows", g -> new Tensor[] {Tensor.randn(DType.F64, g, Prop.shape(g, 2, 2, 6))}, t -> t[0].rows(1, 0, -1),
                t -> refRows(t[0], 1, 0, t[0].size(0) - 1), true, List.of(),
                copy.zeroError(t -> t[0].size(0) == 0 ? "out of range for dim 0 of size 0" : null)));
        ops.add(new OpInfo("cat", g -> {
            int[] s = Prop.shape(g, 2, 1, 5);
            int[] s2 = s.clone();
            s2[1] = 1 + g.nextInt(4);
            return new Tensor[] {Tensor.randn(DType.F64, g, s), Tensor.randn(DType.F64, g, s2)};
        }, t -> Tensor.cat(List.of(t[0], t[1], t[0]), 1), t -> refCat(t[0], t[1]), true,
                List.of(new ErrorCase("differ in dim 0", Tensor.zeros(DType.F64, 2, 3), Tensor.zeros(DType.F64, 3, 3))), copy));
        ops.add(new OpInfo("stack", g -> {
            int[] s = Prop.shape(g, 2, 1, 5);
            return new Tensor[] {Tensor.randn(DType.F64, g, s), Tensor.randn(DType.F64, g, s)};
        }, t -> Tensor.stack(List.of(t[0], t[1]), 0), t -> Tensor.wrap(java.util.stream.DoubleStream.concat(
                java.util.Arrays.stream(t[0].toDoubleArray()), java.util.Arrays.stream(t[1].toDoubleArray())).toArray(),
                prepend(2, t[0].shape())), true, List.of(), copy));

        // Matrix products, torch.matmul's rules for every rank combination.
        ErrorCase inner = new ErrorCase("inner dimensions 784 and 256 differ", Tensor.zeros(DType.F64, 256, 784), Tensor.zeros(DType.F64, 256, 10));
        ops.add(matmul("matmul", new int[] {}, new int[] {}, true, true, List.of(inner, mixed)));
        ops.add(matmul("matmul_dot", new int[] {}, new int[] {}, false, false,
                List.of(new ErrorCase("inner dimensions 3 and 4 differ", Tensor.zeros(DType.F64, 3), Tensor.zeros(DType.F64, 4)),
                        new ErrorCase("at least 1-D", Tensor.zeros(DType.F64), Tensor.zeros(DType.F64, 4)))));
        ops.add(matmul("matmul_vec", new int[] {}, new int[] {}, false, true, List.of()));
        ops.add(matmul("matmul_mat_vec", new int[] {}, new int[] {}, true, false, List.of()));
        ops.add(matmul("matmul_batched", new int[] {3}, new int[] {3}, true, true, List.of()));
        ops.add(matmul("matmul_batch_mat", new int[] {2, 3}, new int[] {}, true, true, List.of()));
        ops.add(matmul("matmul_broadcast", new int[] {2, 1}, new int[] {3}, true, true,
                List.of(new ErrorCase("do not broadcast", Tensor.zeros(DType.F64, 2, 1, 3), Tensor.zeros(DType.F64, 3, 3, 1)))));
        ops.add(matmul("matmul_vec_batch", new int[] {}, new int[] {2}, false, true, List.of()));
        ops.add(new OpInfo("clone", g -> one(g, -2, 2), t -> t[0].clone(), t -> refCopy(t[0], t[0].shape()), true, List.of(), copy));

        // Convolution, pooling, padding, batch norm.
        ops.addAll(ConvOpInfos.all());
        return ops;
    }

    /** Large offsets (float32, where a float64 reference on the same values shows lost digits) and an all -inf row. */
    private static Edges softmaxFamily(double rtol) {
        double[] offset = {10000, 10000.5, 9999, 10001.25};
        double[] spread = {-30, 0, 20, -1e4};
        return new Edges(OpInfo::zeroEach, t -> null, List.of(
                new Special("offset 1e4 f32", withDim(one32(offset), 0, 0), null, 1e-6, rtol),
                new Special("offset -1e4 f32", withDim(one32(java.util.Arrays.stream(offset).map(x -> -x).toArray()), 0, 1), null, 1e-6, rtol),
                new Special("wide spread f32", withDim(one32(spread), 0, 0), null, 1e-6, rtol),
                new Special("offset 1e4 rows f32", new Tensor[] {Tensor.fromArray(new float[] {1e4f, 1e4f + 1, 1e4f + 2, -1e4f, -1e4f + 3,
                        -1e4f + 0.5f}, 2, 3), Tensor.of(1.0), Tensor.of(0.0)}, null, 1e-6, rtol)), null);
    }

    /** a compared with itself and with its float neighbours: the comparisons' kinks, in both dtypes. */
    private static Special[] equalities() {
        double[] a = {1, Math.nextUp(1.0), Math.nextDown(1.0), 0.0, -0.0}, b = {1, 1, 1, -0.0, 0.0};
        return new Special[] {exact("equal and adjacent", pair(a, b)),
                exact("equal and adjacent f32", pair32(new double[] {1, Math.nextUp(1f), Math.nextDown(1f), 0.7},
                        new double[] {1, 1, 1, (float) 0.7}))};
    }
    // ------------------------------------------------------------ samplers

    /**
     * A matmul entry: a is batchA + [m, k] (or [k] when not aMatrix), b is batchB + [k, n] (or
     * [k]); m, k, n in 1..5. Zero-size variants set m, k, n and each batch dim to 0 in turn.
     */
    static OpInfo matmul(String name, int[] batchA, int[] batchB, boolean aMatrix, boolean bMatrix, List<ErrorCase> errors) {
        Sampler sampler = g -> {
            int m = 1 + g.nextInt(5), k = 1 + g.nextInt(5), n = 1 + g.nextInt(5);
            return new Tensor[] {uniform(g, aMatrix ? concat(batchA, m, k) : concat(batchA, k), -2, 2),
                    uniform(g, bMatrix ? concat(batchB, k, n) : concat(batchB, k), -2, 2)};
        };
        Function<Tensor[], List<Tensor[]>> zero = t -> {
            List<Tensor[]> v = new ArrayList<>();
            int[] sa = t[0].shape(), sb = t[1].shape();
            int ra = sa.length, rb = sb.length;
            if (aMatrix) { // m
                v.add(zeroed(t, new int[] {ra - 2}, new int[0]));
            }
            v.add(zeroed(t, new int[] {ra - 1}, new int[] {bMatrix ? rb - 2 : rb - 1})); // k
            if (bMatrix) { // n
                v.add(zeroed(t, new int[0], new int[] {rb - 1}));
            }
            int ba = batchA.length, bb = batchB.length, nb = Math.max(ba, bb);
            for (int p = 0; p < nb; p++) { // each batch dim, right-aligned: 0 against 0, and 0 against a broadcast 1
                int da = p - (nb - ba), db = p - (nb - bb);
                v.add(zeroed(t, da >= 0 ? new int[] {da} : new int[0], db >= 0 ? new int[] {db} : new int[0]));
                if (da >= 0 && db >= 0 && (sa[da] == 1 || sb[db] == 1)) {
                    v.add(zeroed(t, sa[da] == 1 ? new int[0] : new int[] {da}, sb[db] == 1 ? new int[0] : new int[] {db}));
                }
            }
            return v;
        };
        return new OpInfo(name, sampler, t -> t[0].matmul(t[1]), t -> refMatmulAny(t[0], t[1]), true, errors,
                Edges.smooth("bilinear").zeroSize(zero));
    }

    /** Copies of a and b with the listed dims set to 0 (values kept where the shape still has them: none). */
    private static Tensor[] zeroed(Tensor[] t, int[] dimsA, int[] dimsB) {
        int[] sa = t[0].shape(), sb = t[1].shape();
        for (int d : dimsA) {
            sa[d] = 0;
        }
        for (int d : dimsB) {
            sb[d] = 0;
        }
        // 0.5, not 0: a 1-element tensor of an integer reads as a dim holder (OpSweepTest.isConstant).
        return new Tensor[] {Tensor.full(DType.F64, 0.5, sa), Tensor.full(DType.F64, 0.5, sb)};
    }

    /**
     * The default zero-size variants: for each input that is not a dim/keepdim holder and each of
     * its dims, the sample with that dim set to 0, and the right-aligned dim of the other inputs
     * too (so broadcasting, cat and stack still accept them); where an input has 1 there, also the
     * variant that keeps the 1 (a broadcast against 0).
     */
    static List<Tensor[]> zeroEach(Tensor[] base) {
        List<Tensor[]> variants = new ArrayList<>();
        int rank = 0;
        for (Tensor t : base) {
            rank = Math.max(rank, t.dim());
        }
        for (int p = 0; p < rank; p++) { // a right-aligned position
            for (boolean keepOnes : new boolean[] {false, true}) { // then a broadcast 1 against the 0
                Tensor[] v = new Tensor[base.length];
                boolean zeroed = false, keptOne = false;
                for (int i = 0; i < base.length; i++) {
                    int[] s = base[i].shape();
                    int d = p - (rank - s.length);
                    if (OpSweepTest.isConstant(base[i]) || d < 0 || (keepOnes && s[d] == 1)) {
                        keptOne |= d >= 0 && !OpSweepTest.isConstant(base[i]) && s[d] == 1;
                        v[i] = base[i];
                        continue;
                    }
                    s[d] = 0;
                    v[i] = Tensor.zeros(DType.F64, s);
                    zeroed = true;
                }
                if (zeroed && (!keepOnes || keptOne)) {
                    variants.add(v);
                }
            }
        }
        return variants;
    }

    static int[] concat(int[] s, int... more) {
        int[] r = java.util.Arrays.copyOf(s, s.length + more.length);
        System.arraycopy(more, 0, r, s.length, more.length);
        return r;
    }

    static Tensor[] one(double... values) {
        return new Tensor[] {Tensor.of(values)};
    }

    static Tensor[] one32(double... values) {
        return new Tensor[] {Tensor.of(values).to(DType.F32)};
    }

    static Tensor[] one32(float... values) {
        return new Tensor[] {Tensor.of(values)};
    }

    static Tensor[] pair(double[] a, double[] b) {
        return new Tensor[] {Tensor.of(a), Tensor.of(b)};
    }

    static Tensor[] pair32(double[] a, double[] b) {
        return new Tensor[] {Tensor.of(a).to(DType.F32), Tensor.of(b).to(DType.F32)};
    }

    /** The inputs followed by a dim and a keepdim holder. */
    static Tensor[] withDim(Tensor[] x, int dim, int keep) {
        return new Tensor[] {x[0], Tensor.of((double) dim), Tensor.of((double) keep)};
    }

    /** A tensor of rank 0 to 3 and a keepdim holder (0 or 1). */
    static Tensor[] oneWithKeep(Generator g) {
        return new Tensor[] {one(g, -2, 2)[0], Tensor.of((double) g.nextInt(2))};
    }

    static boolean keepOf(Tensor[] t) {
        return t[t.length - 1].getFlat(0) != 0;
    }

    static OpInfo binary(String name, java.util.function.BinaryOperator<Tensor> op, DoubleBinaryOperator f, double range, Edges edges,
                         ErrorCase... errors) {
        return new OpInfo(name, g -> twoBroadcast(g, -range, range, -range, range), t -> op.apply(t[0], t[1]),
                t -> refBinary(t[0], t[1], f), true, List.of(errors), edges);
    }

    static OpInfo unary(String name, Function<Tensor, Tensor> op, DoubleUnaryOperator f, double lo, double hi, Edges edges) {
        return new OpInfo(name, g -> one(g, lo, hi), t -> op.apply(t[0]), t -> refUnary(t[0], f), true, List.of(), edges);
    }

    /** Unary op with a kink at 0: samples keep |x| >= 0.05 (the kink itself is in edges). */
    static OpInfo awayFromZero(String name, Function<Tensor, Tensor> op, DoubleUnaryOperator f, Edges edges) {
        return new OpInfo(name, g -> new Tensor[] {awayFrom(g, Prop.shape(g, 1 + g.nextInt(3), 1, 6), new double[] {0})},
                t -> op.apply(t[0]), t -> refUnary(t[0], f), true, List.of(), edges);
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
        return keepOf(t);
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
            double v = x.get(idx) - logSumExpAt(x, idx, d);
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
        os[dim] = Math.max(0, to - from); // Python slicing: an empty range where to < from
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

    /**
     * log(sum(exp(x - max))) + max over dim d of the line through idx (idx[d] is ignored), by index
     * loops in double: -inf for an empty dim, as torch.
     */
    static double logSumExpAt(Tensor x, int[] idx, int d) {
        int n = x.shape()[d];
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double mx = Double.NEGATIVE_INFINITY, z = 0;
        int[] j = idx.clone();
        for (int k = 0; k < n; k++) {
            j[d] = k;
            mx = Math.max(mx, x.get(j));
        }
        for (int k = 0; k < n; k++) {
            j[d] = k;
            z += Math.exp(x.get(j) - mx);
        }
        return mx + Math.log(z);
    }

    /** log(sum(exp(x - max))) + max along dim: -inf for an empty dim, as torch. */
    static Tensor refLogSumExp(Tensor x, int dim, boolean keepdim) {
        int[] s = x.shape();
        int d = dim < 0 ? dim + s.length : dim;
        int[] kept = s.clone();
        kept[d] = 1;
        Tensor out = Tensor.zeros(DType.F64, kept);
        forEachIndex(kept, idx -> {
            out.setRaw(flat(kept, idx), logSumExpAt(x, idx, d));
        });
        return keepdim ? out : Tensor.wrap(out.toDoubleArray(), java.util.stream.IntStream.range(0, s.length).filter(i -> i != d)
                .map(i -> s[i]).toArray());
    }

    /** torch.matmul by index loops: 1-D operands promoted and their dim dropped, batch dims broadcast. */
    static Tensor refMatmulAny(Tensor a, Tensor b) {
        boolean va = a.dim() == 1, vb = b.dim() == 1;
        Tensor a2 = va ? Tensor.wrap(a.toDoubleArray(), 1, a.size(0)) : a;
        Tensor b2 = vb ? Tensor.wrap(b.toDoubleArray(), b.size(0), 1) : b;
        int[] sa = a2.shape(), sb = b2.shape();
        int m = sa[sa.length - 2], k = sa[sa.length - 1], n = sb[sb.length - 1];
        int[] batch = Shape.broadcast("ref", java.util.Arrays.copyOf(sa, sa.length - 2), java.util.Arrays.copyOf(sb, sb.length - 2));
        int[] os = concat(batch, m, n);
        Tensor out = Tensor.zeros(DType.F64, os);
        forEachIndex(os, idx -> {
            int[] ia = idx.clone(), ib = idx.clone();
            double sum = 0;
            for (int p = 0; p < k; p++) {
                ia[os.length - 1] = p;
                ib[os.length - 2] = p;
                sum += at(a2, ia) * at(b2, ib);
            }
            out.setRaw(flat(os, idx), sum);
        });
        int[] shape = java.util.stream.IntStream.range(0, os.length)
                .filter(i -> !(va && i == os.length - 2) && !(vb && i == os.length - 1)).map(i -> os[i]).toArray();
        return Tensor.wrap(out.toDoubleArray(), shape);
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
