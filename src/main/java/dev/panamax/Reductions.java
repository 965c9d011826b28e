// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import dev.panamax.autograd.Graph;
import java.util.Arrays;

/** Reductions over all or some dims. Accumulation is in double for both dtypes. */
final class Reductions {
    private Reductions() {}

    /** Sum over dims; an empty dim list reduces every dim, as in PyTorch 1.13. */
    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        int[] shape = x.shape();
        dims = dims.length == 0 ? allDims(shape) : dims;
        int[] kept = keptShape("sum", shape, dims);
        Tensor out = reduceTo(x, kept);
        if (!keepdim) {
            out = out.viewOf(dropDims(kept, shape, dims));
        }
        return Graph.of(out, "sum", x).backward(g -> new Tensor[] {expandTo(g.reshape(kept), shape)});
    }

    /** Mean over dims (an empty list: every dim); NaN where the reduced dims hold no element, as in PyTorch. */
    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        int[] shape = x.shape();
        dims = dims.length == 0 ? allDims(shape) : dims;
        int[] kept = keptShape("mean", shape, dims);
        long count = 1; // the elements behind each output: the product of the reduced dims
        for (int i = 0; i < shape.length; i++) {
            count *= reduced(shape, dims, i) ? shape[i] : 1;
        }
        return sum(x, dims, keepdim).div(count);
    }

    private static boolean reduced(int[] shape, int[] dims, int i) {
        for (int dim : dims) {
            if (Shape.dim("mean", dim, shape.length) == i) {
                return true;
            }
        }
        return false;
    }

    static int[] allDims(int[] shape) {
        return ShapeOps.range(shape.length);
    }

    /** Gradient of a broadcast: sums g over the dims where target is 1 or missing. */
    static Tensor sumTo(Tensor g, int[] target) {
        int[] shape = g.shape();
        if (Arrays.equals(shape, target)) {
            return g;
        }
        int[] bshape = Shape.broadcast("sumTo", target, shape);
        if (!Arrays.equals(bshape, shape)) {
            throw new IllegalArgumentException("sumTo: " + Shape.str(shape) + " is not a broadcast of " + Shape.str(target));
        }
        // Align target to the rank of g with leading 1s, reduce, then drop them.
        int[] aligned = new int[shape.length];
        Arrays.fill(aligned, 1);
        System.arraycopy(target, 0, aligned, shape.length - target.length, target.length);
        Tensor out = reduceTo(g, aligned).viewOf(target.clone());
        return Graph.of(out, "sum_to", g).backward(gg -> new Tensor[] {expandTo(gg.reshape(aligned), shape)});
    }

    /** Largest element, a 0-dim tensor; tied largest elements share the gradient equally, as in PyTorch. */
    static Tensor max(Tensor x) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException("max: the tensor " + Shape.str(x.shape()) + " is empty; expected at least one element");
        }
        double best = x.getFlat(argmaxIndices(x.reshape(-1), 0)[0]);
        Tensor out = Tensor.full(x.dtype(), best);
        return Graph.of(out, "max", x).saves(x).backward(g -> {
            Tensor tied = Elementwise.unary(x, v -> v == best || (Double.isNaN(v) && Double.isNaN(best)) ? 1 : 0);
            return new Tensor[] {tied.mul(g.div(tied.sum()))};
        });
    }

    /** Largest value along dim; the gradient goes to the first largest, as PyTorch's CPU max(dim). */
    static Tensor max(Tensor x, int dim, boolean keepdim) {
        int[] shape = x.shape();
        int d = requireNonEmptyDim("max", shape, dim);
        int[] idx = argmaxIndices(x, d);
        int[] kept = keptShape("max", shape, new int[] {d});
        Tensor out = Tensor.zeros(x.dtype(), kept);
        int outer = outer(shape, d), len = len(shape, d), inner = inner(shape, d);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out.setRaw(o * inner + i, x.getFlat((o * len + idx[o * inner + i]) * inner + i));
            }
        }
        Tensor res = keepdim ? out : out.viewOf(dropDims(kept, shape, new int[] {d}));
        return Graph.of(res, "max", x).backward(g -> {
            Tensor gx = Tensor.zeros(x.dtype(), shape);
            Tensor gk = g.reshape(kept);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    gx.setRaw((o * len + idx[o * inner + i]) * inner + i, gk.getFlat(o * inner + i));
                }
            }
            return new Tensor[] {gx};
        });
    }

    static Tensor argmax(Tensor x, int dim, boolean keepdim) {
        int[] shape = x.shape();
        int d = requireNonEmptyDim("argmax", shape, dim);
        int[] idx = argmaxIndices(x, d);
        int[] kept = keptShape("argmax", shape, new int[] {d});
        Tensor out = Tensor.zeros(x.dtype(), kept);
        for (int i = 0; i < idx.length; i++) {
            out.setRaw(i, idx[i]);
        }
        return keepdim ? out : out.viewOf(dropDims(kept, shape, new int[] {d}));
    }

    /** log(sum(exp(x))) along dim, stable: the max is taken out first (and held constant). */
    static Tensor logSumExp(Tensor x, int dim, boolean keepdim) {
        if (x.numel() == 0) { // as PyTorch: -inf where the dim is empty (log of an empty sum), else an empty result
            int[] shape = x.shape();
            int d = Shape.dim("logSumExp", dim, shape.length);
            Tensor out = Tensor.full(x.dtype(), Double.NEGATIVE_INFINITY, keptShape("logSumExp", shape, new int[] {d}));
            out = keepdim ? out : out.viewOf(dropDims(out.shape(), shape, new int[] {d}));
            return Graph.of(out, "logsumexp", x).backward(g -> new Tensor[] {Tensor.zeros(x.dtype(), shape)});
        }
        Tensor m;
        try (var s = dev.panamax.autograd.Autograd.noGrad()) {
            m = max(x, dim, true);
            Tensor mm = m;
            m = Elementwise.unary(mm, v -> Double.isInfinite(v) ? 0 : v); // all -inf rows stay -inf below
        }
        Tensor out = x.sub(m).exp().sum(dim, true).log().add(m);
        return keepdim ? out : out.squeeze(dim);
    }

    static Tensor logSoftmax(Tensor x, int dim) {
        return x.sub(logSumExp(x, dim, true));
    }

    static Tensor softmax(Tensor x, int dim) {
        return logSoftmax(x, dim).exp();
    }

    /** sqrt(sum(x^2)); d/dx = x / norm, defined as 0 where the norm is 0 (PyTorch's norm_backward). */
    static Tensor norm(Tensor x) {
        Tensor out;
        try (var _ = dev.panamax.autograd.Autograd.noGrad()) {
            out = x.mul(x).sum().sqrt();
        }
        double n = out.item();
        return Graph.of(out, "norm", x).saves(x, out).backward(g -> new Tensor[] {n == 0 ? Tensor.zerosLike(x) : x.mul(g.div(out))});
    }

    // ------------------------------------------------------------ helpers

    /** The dim made non-negative; throws when it has size 0 (nothing to pick the largest of, as in PyTorch). */
    private static int requireNonEmptyDim(String op, int[] shape, int dim) {
        int d = Shape.dim(op, dim, shape.length);
        if (len(shape, d) == 0) {
            throw new IllegalArgumentException(op + ": dim " + dim + " of " + Shape.str(shape)
                    + " has size 0; expected a non-empty dim to reduce");
        }
        return d;
    }

    /** The shape with the reduced dims set to 1. */
    static int[] keptShape(String op, int[] shape, int[] dims) {
        int[] kept = shape.clone();
        boolean[] seen = new boolean[shape.length];
        for (int dim : dims) {
            int d = Shape.dim(op, dim, shape.length);
            if (shape.length == 0) {
                continue;
            }
            if (seen[d]) {
                throw new IllegalArgumentException(op + ": dim " + d + " appears twice in " + Arrays.toString(dims));
            }
            seen[d] = true;
            kept[d] = 1;
        }
        return kept;
    }

    private static int[] dropDims(int[] kept, int[] shape, int[] dims) {
        boolean[] drop = new boolean[shape.length];
        for (int dim : dims) {
            if (shape.length > 0) {
                drop[Shape.dim("reduce", dim, shape.length)] = true;
            }
        }
        int n = 0;
        for (boolean b : drop) {
            n += b ? 0 : 1;
        }
        int[] out = new int[n];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!drop[i]) {
                out[j++] = kept[i];
            }
        }
        return out;
    }

    /** Sum of x into the shape kept (same rank, each dim equal or 1). No graph. */
    private static Tensor reduceTo(Tensor x, int[] kept) {
        int[] shape = x.shape();
        double[] acc = new double[Shape.numel(kept)];
        // Fast paths: leading dims reduced (a bias gradient), or trailing dims reduced (row sums).
        int lead = 0;
        while (lead < shape.length && kept[lead] == 1) {
            lead++;
        }
        int trail = shape.length;
        while (trail > 0 && kept[trail - 1] == 1) {
            trail--;
        }
        boolean leadingOnly = java.util.Arrays.equals(kept, lead, kept.length, shape, lead, shape.length);
        boolean trailingOnly = java.util.Arrays.equals(kept, 0, trail, shape, 0, trail);
        if (leadingOnly || trailingOnly) {
            int n = x.numel(), m = acc.length;
            boolean f32 = x.dtype() == DType.F32;
            float[] xf = f32 ? x.f32() : null;
            double[] xd = f32 ? null : x.f64();
            if (leadingOnly && m > 0) {
                for (int base = 0; base < n; base += m) {
                    for (int j = 0; j < m; j++) {
                        acc[j] += f32 ? xf[base + j] : xd[base + j];
                    }
                }
            } else if (m > 0) {
                int len = n / m;
                for (int i = 0; i < m; i++) {
                    double sum = 0;
                    for (int j = i * len, end = j + len; j < end; j++) {
                        sum += f32 ? xf[j] : xd[j];
                    }
                    acc[i] = sum;
                }
            }
            return x.dtype() == DType.F64 ? Tensor.wrap(acc, kept) : Tensor.wrap(toFloat(acc), kept);
        }
        int[] ks = Elementwise.broadcastStrides(kept, shape);
        int n = x.numel(), rank = shape.length;
        int[] idx = new int[rank];
        int io = 0;
        for (int i = 0; i < n; i++) {
            acc[io] += x.getFlat(i);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                io += ks[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                io -= ks[d] * shape[d];
                idx[d] = 0;
            }
        }
        return x.dtype() == DType.F64 ? Tensor.wrap(acc, kept) : Tensor.wrap(toFloat(acc), kept);
    }

    /** Repeats g (same rank as shape, dims 1 or equal) to shape; in the graph. */
    static Tensor expandTo(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape(), shape)) {
            return g;
        }
        Tensor zeros = Tensor.zeros(g.dtype(), shape);
        return Elementwise.add(zeros, g);
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static int[] argmaxIndices(Tensor x, int d) {
        int[] shape = x.shape();
        int outer = outer(shape, d), len = len(shape, d), inner = inner(shape, d);
        int[] idx = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                double bv = x.getFlat(o * len * inner + i);
                for (int k = 1; k < len; k++) {
                    double v = x.getFlat((o * len + k) * inner + i);
                    if (v > bv || (Double.isNaN(v) && !Double.isNaN(bv))) {
                        bv = v;
                        best = k;
                    }
                }
                idx[o * inner + i] = best;
            }
        }
        return idx;
    }

    static int outer(int[] shape, int d) {
        return Shape.product("reduce", shape, 0, d);
    }

    static int len(int[] shape, int d) {
        return shape.length == 0 ? 1 : shape[d];
    }

    static int inner(int[] shape, int d) {
        return Shape.product("reduce", shape, Math.min(d + 1, shape.length), shape.length);
    }
}
