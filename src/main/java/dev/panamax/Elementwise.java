// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import dev.panamax.autograd.Graph;
import dev.panamax.kernel.Kernels;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise ops with NumPy/PyTorch broadcasting. Each op's forward and backward stand together.
 * Float32 values are computed in double and rounded once, so F32 results are the correctly rounded
 * F64 ones for +, -, *, /.
 */
final class Elementwise {
    private Elementwise() {}

    // ------------------------------------------------------------ binary

    static Tensor add(Tensor a, Tensor b) {
        Tensor out = binary("add", a, b, Arith.ADD);
        return Graph.of(out, "add", a, b).backward(g -> new Tensor[] {g.sumTo(a.shape()), g.sumTo(b.shape())});
    }

    static Tensor sub(Tensor a, Tensor b) {
        Tensor out = binary("sub", a, b, Arith.SUB);
        return Graph.of(out, "sub", a, b).backward(g -> new Tensor[] {g.sumTo(a.shape()), g.neg().sumTo(b.shape())});
    }

    static Tensor mul(Tensor a, Tensor b) {
        Tensor out = binary("mul", a, b, Arith.MUL);
        return Graph.of(out, "mul", a, b).saves(a, b).backward(g -> new Tensor[] {
                a.requiresGrad() ? g.mul(b).sumTo(a.shape()) : null,
                b.requiresGrad() ? g.mul(a).sumTo(b.shape()) : null});
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = binary("div", a, b, Arith.DIV);
        return Graph.of(out, "div", a, b).saves(a, b).backward(g -> new Tensor[] {
                a.requiresGrad() ? g.div(b).sumTo(a.shape()) : null,
                b.requiresGrad() ? g.mul(a).div(b.mul(b)).neg().sumTo(b.shape()) : null});
    }

    /**
     * a ** b; d/da = b a^(b-1), taken as 0 where b == 0; d/db = a^b log a, taken as 0 where a == 0
     * and b >= 0 (PyTorch's pow_backward_self / pow_backward_exponent: the limits, not 0 * inf).
     */
    static Tensor pow(Tensor a, Tensor b) {
        Tensor out = binary("pow", a, b, Math::pow);
        return Graph.of(out, "pow", a, b).saves(a, b, out).backward(g -> new Tensor[] {
                a.requiresGrad() ? masked(g.mul(b).mul(a.pow(b.sub(1))), binary("pow", a, b, (x, y) -> y == 0 ? 0 : 1))
                        .sumTo(a.shape()) : null,
                b.requiresGrad() ? masked(g.mul(out).mul(a.log()), binary("pow", a, b, (x, y) -> x == 0 && y >= 0 ? 0 : 1))
                        .sumTo(b.shape()) : null});
    }

    /** t where keep is non-zero, else exactly 0 (a NaN or inf of t too); keep has t's shape, no gradient. */
    static Tensor masked(Tensor t, Tensor keep) {
        Tensor out = binary("masked", t, keep, (x, k) -> k != 0 ? x : 0);
        return Graph.of(out, "masked", t).backward(g -> new Tensor[] {masked(g, keep)});
    }

    /** Elementwise max; on ties each side gets half the gradient, as in PyTorch. */
    static Tensor maximum(Tensor a, Tensor b) {
        Tensor out = binary("maximum", a, b, Arith.MAX);
        return Graph.of(out, "maximum", a, b).saves(a, b).backward(g -> {
            Tensor share = binary("maximum", a, b, (x, y) -> x > y ? 1 : x == y ? 0.5 : 0);
            return new Tensor[] {
                    g.mul(share).sumTo(a.shape()),
                    g.mul(share.neg().add(1)).sumTo(b.shape())};
        });
    }

    /**
     * 1 where the comparison holds: sign 1 for {@code a > b}, -1 for {@code a < b}, 0 for {@code a == b}. IEEE comparisons,
     * as torch: 0.0 == -0.0, and NaN compares false. Not differentiable.
     */
    static Tensor compare(String op, Tensor a, Tensor b, int sign) {
        DoubleBinaryOperator f = switch (sign) {
            case 1 -> (x, y) -> x > y ? 1 : 0;
            case -1 -> (x, y) -> x < y ? 1 : 0;
            default -> (x, y) -> x == y ? 1 : 0;
        };
        return binary(op, a, b, f);
    }

    // ------------------------------------------------------------ with a scalar

    // A scalar is first rounded to the tensor's dtype, as PyTorch does (float32 x + 0.1 adds (float) 0.1);
    // float32 arithmetic done in double and rounded once is then the correctly rounded float result.

    /** The scalar as the tensor's dtype holds it. */
    static double asDtype(Tensor a, double s) {
        return a.dtype() == DType.F32 ? (float) s : s;
    }

    static Tensor addScalar(Tensor a, double scalar) {
        double s = asDtype(a, scalar);
        Tensor out = unary(a, x -> x + s);
        return Graph.of(out, "add", a).backward(g -> new Tensor[] {g});
    }

    static Tensor mulScalar(Tensor a, double scalar) {
        double s = asDtype(a, scalar);
        Tensor out = unary(a, x -> x * s);
        return Graph.of(out, s == -1 ? "neg" : "mul", a).backward(g -> new Tensor[] {g.mul(s)});
    }

    /** a / s, a true division (x * (1 / s) differs from x / s in the last bit for s = 3). */
    static Tensor divScalar(Tensor a, double scalar) {
        double s = asDtype(a, scalar);
        Tensor out = unary(a, x -> x / s);
        return Graph.of(out, "div", a).backward(g -> new Tensor[] {g.div(s)});
    }

    /** a ** p; d/da = p a^(p-1), 0 for p == 0 (PyTorch masks it: 0^-1 would make it NaN). */
    static Tensor powScalar(Tensor a, double exponent) {
        double p = asDtype(a, exponent);
        Tensor out = unary(a, x -> Math.pow(x, p));
        return Graph.of(out, "pow", a).saves(a).backward(g -> new Tensor[] {
                p == 0 ? Tensor.zerosLike(a) : g.mul(a.pow(p - 1).mul(p))});
    }

    // ------------------------------------------------------------ unary

    static Tensor exp(Tensor x) {
        Tensor out = unary(x, StrictMath::exp); // StrictMath: the same bits interpreted or compiled
        return Graph.of(out, "exp", x).saves(out).backward(g -> new Tensor[] {g.mul(out)});
    }

    static Tensor log(Tensor x) {
        Tensor out = unary(x, StrictMath::log);
        return Graph.of(out, "log", x).saves(x).backward(g -> new Tensor[] {g.div(x)});
    }

    static Tensor sqrt(Tensor x) {
        Tensor out = unary(x, Math::sqrt);
        return Graph.of(out, "sqrt", x).saves(out).backward(g -> new Tensor[] {g.div(out.mul(2))});
    }

    static Tensor abs(Tensor x) {
        Tensor out = unary(x, Math::abs);
        return Graph.of(out, "abs", x).saves(x).backward(g -> new Tensor[] {g.mul(unary(x, Math::signum))});
    }

    static Tensor relu(Tensor x) {
        Tensor out = unary(x, v -> v > 0 ? v : 0);
        return Graph.of(out, "relu", x).saves(out).backward(g -> new Tensor[] {g.mul(unary(out, v -> v > 0 ? 1 : 0))});
    }

    static Tensor sigmoid(Tensor x) {
        if (x.dtype() == DType.F32) {
            // 1 / (1 + exp(-x)) on the vector kernels (Exp.exp, within an ulp or two): StrictMath per
            // element took most of a LeNet training step. Both tails are exact: exp(-x) overflows to
            // infinity (sigmoid 0) or underflows to 0 (sigmoid 1).
            int n = x.numel();
            Tensor out = Tensor.zerosLike(x);
            Kernels.sigmoid(x.f32(), 0, out.f32(), 0, n);
            return Graph.of(out, "sigmoid", x).saves(out).backward(g -> {
                if (g.dtype() != DType.F32 || g.numel() != n) {
                    return new Tensor[] {g.mul(unary(out, s -> s * (1 - s)))};
                }
                Tensor gx = Tensor.zerosLike(out);
                Kernels.sigmoidBackward(g.f32(), 0, out.f32(), 0, gx.f32(), 0, n);
                return new Tensor[] {gx};
            });
        }
        // Stable on both tails: exp of a non-positive number only.
        Tensor out = unary(x, v -> v >= 0 ? 1 / (1 + StrictMath.exp(-v)) : StrictMath.exp(v) / (1 + StrictMath.exp(v)));
        return Graph.of(out, "sigmoid", x).saves(out).backward(g -> new Tensor[] {g.mul(unary(out, s -> s * (1 - s)))});
    }

    static Tensor tanh(Tensor x) {
        Tensor out = unary(x, Math::tanh);
        return Graph.of(out, "tanh", x).saves(out).backward(g -> new Tensor[] {g.mul(unary(out, t -> 1 - t * t))});
    }

    /**
     * min(max(x, min), max) with the bounds first rounded to x's dtype, as in PyTorch; min > max
     * gives max everywhere. The gradient passes where {@code min <= x <= max} (nowhere when {@code min > max}).
     */
    static Tensor clamp(Tensor x, double lo, double hi) {
        double min = asDtype(x, lo), max = asDtype(x, hi);
        Tensor out = unary(x, v -> Math.min(Math.max(v, min), max)); // a NaN stays NaN
        return Graph.of(out, "clamp", x).saves(x).backward(g -> new Tensor[] {
                g.mul(unary(x, v -> v >= min && v <= max ? 1 : 0))});
    }

    // ------------------------------------------------------------ in place, no graph

    /** t += alpha * o, o broadcast to t's shape. Modified: t. */
    static void axpyInto(Tensor t, Tensor o, double alpha) {
        checkDtypes("add_", t, o);
        int[] shape = Shape.broadcast("add_", t.shape(), o.shape());
        if (!java.util.Arrays.equals(shape, t.shape())) {
            throw new IllegalArgumentException("add_: " + Shape.str(o.shape()) + " does not broadcast into " + Shape.str(t.shape()));
        }
        int n = t.numel();
        if (o.numel() == n) {
            if (t.dtype() == DType.F32) {
                Kernels.axpy((float) alpha, o.f32(), 0, t.f32(), 0, n);
            } else {
                Kernels.axpy(alpha, o.f64(), 0, t.f64(), 0, n);
            }
            return;
        }
        Tensor full = binary("add_", t, o, (x, y) -> x + alpha * y);
        t.copyRaw(full);
    }

    /** t *= s. Modified: t. */
    static void scaleInto(Tensor t, double s) {
        if (t.dtype() == DType.F32) {
            Kernels.scale(t.f32(), 0, (float) s, t.f32(), 0, t.numel());
        } else {
            Kernels.scale(t.f64(), 0, s, t.f64(), 0, t.numel());
        }
    }

    // ------------------------------------------------------------ loops

    static void checkDtypes(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": mixed dtypes " + a.dtype() + " " + Shape.str(a.shape()) + " and "
                    + b.dtype() + " " + Shape.str(b.shape()) + "; cast one with to(DType)");
        }
    }

    /** Applies f to every element; same dtype and shape. Allocates the result. */
    static Tensor unary(Tensor x, DoubleUnaryOperator f) {
        Tensor out = Tensor.zerosLike(x);
        int n = x.numel();
        if (x.dtype() == DType.F32) {
            float[] a = x.f32(), o = out.f32();
            for (int i = 0; i < n; i++) {
                o[i] = (float) f.applyAsDouble(a[i]);
            }
        } else {
            double[] a = x.f64(), o = out.f64();
            for (int i = 0; i < n; i++) {
                o[i] = f.applyAsDouble(a[i]);
            }
        }
        return out;
    }

    /** The binary ops with loops of their own (no call per element; C2 vectorises them). */
    enum Arith {
        ADD(Double::sum), SUB((x, y) -> x - y), MUL((x, y) -> x * y), DIV((x, y) -> x / y), MAX(Math::max);

        final DoubleBinaryOperator f;

        Arith(DoubleBinaryOperator f) {
            this.f = f;
        }
    }

    static Tensor binary(String op, Tensor a, Tensor b, Arith arith) {
        return binary(op, a, b, arith.f, arith);
    }

    /** f over the broadcast of a and b. Allocates the result. */
    static Tensor binary(String op, Tensor a, Tensor b, DoubleBinaryOperator f) {
        return binary(op, a, b, f, null);
    }

    private static Tensor binary(String op, Tensor a, Tensor b, DoubleBinaryOperator f, Arith arith) {
        checkDtypes(op, a, b);
        int[] shape = Shape.broadcast(op, a.shape(), b.shape());
        Tensor out = Tensor.zeros(a.dtype(), shape);
        int n = out.numel();
        if (n == 0) {
            return out;
        }
        int[] sa = broadcastStrides(a.shape(), shape), sb = broadcastStrides(b.shape(), shape);
        boolean f32 = a.dtype() == DType.F32;
        float[] af = f32 ? a.f32() : null, bf = f32 ? b.f32() : null, of = f32 ? out.f32() : null;
        double[] ad = f32 ? null : a.f64(), bd = f32 ? null : b.f64(), od = f32 ? null : out.f64();
        int rank = shape.length;
        int inner = rank == 0 ? 1 : shape[rank - 1];
        int ia = 0, ib = 0;
        int[] idx = new int[rank];
        int sai = rank == 0 ? 0 : sa[rank - 1], sbi = rank == 0 ? 0 : sb[rank - 1];
        for (int base = 0; base < n; base += inner) {
            // The innermost dim in one loop; the odometer moves the outer dims.
            if (arith != null && sai <= 1 && sbi <= 1 && (sai | sbi) == 1) {
                if (f32) {
                    rowF32(arith, af, ia, sai, bf, ib, sbi, of, base, inner);
                } else {
                    rowF64(arith, ad, ia, sai, bd, ib, sbi, od, base, inner);
                }
            } else if (f32) {
                for (int j = 0, pa = ia, pb = ib; j < inner; j++, pa += sai, pb += sbi) {
                    of[base + j] = (float) f.applyAsDouble(af[pa], bf[pb]);
                }
            } else {
                for (int j = 0, pa = ia, pb = ib; j < inner; j++, pa += sai, pb += sbi) {
                    od[base + j] = f.applyAsDouble(ad[pa], bd[pb]);
                }
            }
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                ia += sa[d];
                ib += sb[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                ia -= sa[d] * shape[d];
                ib -= sb[d] * shape[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    /**
     * {@code o[po + j] = a op b} for {@code j < n}, where a (or b) is a row when its stride is 1, one value when 0.
     * Two rows go through the Vector API kernels; the other loops are simple enough for C2 to
     * vectorise them itself.
     */
    private static void rowF32(Arith op, float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD -> Kernels.add(a, pa, b, pb, o, po, n);
                case SUB -> Kernels.sub(a, pa, b, pb, o, po, n);
                case MUL -> Kernels.mul(a, pa, b, pb, o, po, n);
                case DIV -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] / b[pb + j]; }
                case MAX -> { for (int j = 0; j < n; j++) o[po + j] = Math.max(a[pa + j], b[pb + j]); }
            }
        } else if (sa == 1) {
            float y = b[pb];
            switch (op) {
                case ADD -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] + y; }
                case SUB -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] - y; }
                case MUL -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] * y; }
                case DIV -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] / y; }
                case MAX -> { for (int j = 0; j < n; j++) o[po + j] = Math.max(a[pa + j], y); }
            }
        } else {
            float x = a[pa];
            switch (op) {
                case ADD -> { for (int j = 0; j < n; j++) o[po + j] = x + b[pb + j]; }
                case SUB -> { for (int j = 0; j < n; j++) o[po + j] = x - b[pb + j]; }
                case MUL -> { for (int j = 0; j < n; j++) o[po + j] = x * b[pb + j]; }
                case DIV -> { for (int j = 0; j < n; j++) o[po + j] = x / b[pb + j]; }
                case MAX -> { for (int j = 0; j < n; j++) o[po + j] = Math.max(x, b[pb + j]); }
            }
        }
    }

    /** The float64 twin of {@link #rowF32}. */
    private static void rowF64(Arith op, double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD -> Kernels.add(a, pa, b, pb, o, po, n);
                case SUB -> Kernels.sub(a, pa, b, pb, o, po, n);
                case MUL -> Kernels.mul(a, pa, b, pb, o, po, n);
                case DIV -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] / b[pb + j]; }
                case MAX -> { for (int j = 0; j < n; j++) o[po + j] = Math.max(a[pa + j], b[pb + j]); }
            }
        } else if (sa == 1) {
            double y = b[pb];
            switch (op) {
                case ADD -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] + y; }
                case SUB -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] - y; }
                case MUL -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] * y; }
                case DIV -> { for (int j = 0; j < n; j++) o[po + j] = a[pa + j] / y; }
                case MAX -> { for (int j = 0; j < n; j++) o[po + j] = Math.max(a[pa + j], y); }
            }
        } else {
            double x = a[pa];
            switch (op) {
                case ADD -> { for (int j = 0; j < n; j++) o[po + j] = x + b[pb + j]; }
                case SUB -> { for (int j = 0; j < n; j++) o[po + j] = x - b[pb + j]; }
                case MUL -> { for (int j = 0; j < n; j++) o[po + j] = x * b[pb + j]; }
                case DIV -> { for (int j = 0; j < n; j++) o[po + j] = x / b[pb + j]; }
                case MAX -> { for (int j = 0; j < n; j++) o[po + j] = Math.max(x, b[pb + j]); }
            }
        }
    }

    /** Strides of a tensor of shape {@code from} read as {@code to} (0 on broadcast dims). */
    static int[] broadcastStrides(int[] from, int[] to) {
        int[] s = new int[to.length];
        int[] own = Shape.strides(from);
        int lead = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            s[lead + i] = from[i] == 1 ? 0 : own[i];
        }
        return s;
    }
}
