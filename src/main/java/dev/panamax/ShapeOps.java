// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import dev.panamax.autograd.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shape ops: views share storage (reshape, squeeze, unsqueeze); the others copy. */
final class ShapeOps {
    private ShapeOps() {}

    static Tensor reshape(Tensor x, int[] newShape) {
        int[] shape = x.shape();
        int[] target = inferShape(shape, x.numel(), newShape);
        Tensor out = x.viewOf(target);
        return Graph.of(out, "reshape", x).backward(g -> new Tensor[] {g.reshape(shape)});
    }

    private static int[] inferShape(int[] shape, int numel, int[] requested) {
        int[] t = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one dim can be -1, got " + Arrays.toString(requested));
                }
                infer = i;
            } else if (t[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dim in " + Arrays.toString(requested));
            } else {
                known = Math.min(known * t[i], Shape.MAX_ELEMENTS + 1L); // saturates: a zero dim still makes 0
            }
        }
        if (infer >= 0) {
            if (known == 0) {
                throw new IllegalArgumentException("reshape: cannot reshape a tensor of " + numel + " elements into "
                        + Arrays.toString(requested) + ": with a 0 dim the -1 could be any size");
            }
            if (numel % known != 0) {
                throw new IllegalArgumentException("reshape: shape " + Arrays.toString(requested) + " is invalid for input of size " + numel);
            }
            t[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("reshape: shape " + Arrays.toString(requested) + " is invalid for input "
                    + Shape.str(shape) + " of size " + numel);
        }
        return t;
    }

    static Tensor flatten(Tensor x, int startDim, int endDim) {
        int[] s = x.shape();
        if (s.length == 0) {
            return reshape(x, new int[] {1});
        }
        int a = Shape.dim("flatten", startDim, s.length), b = Shape.dim("flatten", endDim, s.length);
        if (a > b) {
            throw new IllegalArgumentException("flatten: start_dim " + startDim + " comes after end_dim " + endDim);
        }
        int[] t = new int[s.length - (b - a)];
        int p = Shape.product("flatten", s, a, b + 1);
        System.arraycopy(s, 0, t, 0, a);
        t[a] = p;
        System.arraycopy(s, b + 1, t, a + 1, s.length - b - 1);
        return reshape(x, t);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int[] s = x.shape();
        int d = Shape.dim("unsqueeze", dim, s.length + 1);
        int[] t = new int[s.length + 1];
        System.arraycopy(s, 0, t, 0, d);
        t[d] = 1;
        System.arraycopy(s, d, t, d + 1, s.length - d);
        return reshape(x, t);
    }

    static Tensor squeeze(Tensor x, int dim, boolean all) {
        int[] s = x.shape();
        int d = all || s.length == 0 ? -1 : Shape.dim("squeeze", dim, s.length);
        int[] t = Arrays.stream(range(s.length)).filter(i -> !(s[i] == 1 && (all || i == d))).map(i -> s[i]).toArray();
        return reshape(x, t);
    }

    static Tensor t(Tensor x) {
        if (x.dim() > 2) {
            throw new IllegalArgumentException("t: expects a tensor of rank <= 2, got " + Shape.str(x.shape()) + "; use transpose(d0, d1)");
        }
        return x.dim() < 2 ? x : transpose(x, 0, 1);
    }

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int[] perm = range(x.dim());
        int a = Shape.dim("transpose", dim0, x.dim()), b = Shape.dim("transpose", dim1, x.dim());
        if (x.dim() == 0) {
            return x;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    /** out[i_0, ..., i_n] = x[i at perm positions]: out dim k is x dim perm[k]. */
    static Tensor permute(Tensor x, int[] dims) {
        int[] s = x.shape();
        if (dims.length != s.length) {
            throw new IllegalArgumentException("permute: " + dims.length + " dims for a tensor of rank " + s.length);
        }
        int[] perm = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            perm[i] = Shape.dim("permute", dims[i], s.length);
            if (seen[perm[i]]) {
                throw new IllegalArgumentException("permute: dim " + perm[i] + " repeats in " + Arrays.toString(dims));
            }
            seen[perm[i]] = true;
        }
        int[] outShape = new int[s.length];
        int[] xs = Shape.strides(s), srcStride = new int[s.length];
        for (int k = 0; k < s.length; k++) {
            outShape[k] = s[perm[k]];
            srcStride[k] = xs[perm[k]];
        }
        Tensor out = Tensor.zeros(x.dtype(), outShape);
        gather(x, out, srcStride, 0);
        int[] inverse = new int[perm.length];
        for (int k = 0; k < perm.length; k++) {
            inverse[perm[k]] = k;
        }
        return Graph.of(out, "permute", x).backward(g -> new Tensor[] {permute(g, inverse)});
    }

    /** out[flat] = x[base + sum idx_k * srcStride_k] over out's shape (odometer). */
    private static void gather(Tensor x, Tensor out, int[] srcStride, int base) {
        int[] shape = out.shape();
        int rank = shape.length, n = out.numel();
        int[] idx = new int[rank];
        int src = base;
        for (int i = 0; i < n; i++) {
            out.setRaw(i, x.getFlat(src));
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                src += srcStride[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                src -= srcStride[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    static Tensor slice(Tensor x, int dim, int start, int end) {
        int[] s = x.shape();
        requireRank("slice", s, 1);
        int d = Shape.dim("slice", dim, s.length);
        int len = s[d];
        int a = start < 0 ? start + len : start, b = end < 0 ? end + len : end;
        a = Math.max(0, Math.min(a, len));
        b = Math.max(a, Math.min(b, len));
        int[] outShape = s.clone();
        outShape[d] = b - a;
        Tensor out = Tensor.zeros(x.dtype(), outShape);
        int outer = Reductions.outer(s, d), inner = Reductions.inner(s, d), from = a, width = b - a;
        copyBlocks(x, from * inner, len * inner, out, 0, width * inner, outer, width * inner);
        return Graph.of(out, "slice", x).backward(g -> {
            Tensor gx = Tensor.zeros(g.dtype(), s);
            copyBlocks(g, 0, width * inner, gx, from * inner, len * inner, outer, width * inner);
            return new Tensor[] {gx};
        });
    }

    /**
     * Elements start..start+length-1 of a dim (copies), as {@code torch.narrow}: start may be
     * negative (counting from the end) but the range must lie inside the dim.
     */
    static Tensor narrow(Tensor x, int dim, int start, int length) {
        int[] s = x.shape();
        requireRank("narrow", s, 1);
        int d = Shape.dim("narrow", dim, s.length);
        int len = s[d];
        if (start < -len || start > len) {
            throw new IllegalArgumentException("narrow: start " + start + " out of range for dim " + d + " of size " + len
                    + " (expected [" + -len + ", " + len + "])");
        }
        int a = start < 0 ? start + len : start;
        if (length < 0 || (long) a + length > len) {
            throw new IllegalArgumentException("narrow: start " + start + " and length " + length + " do not fit in dim " + d
                    + " of size " + len + " (expected 0 <= length <= " + (len - a) + ")");
        }
        return slice(x, d, a, a + length);
    }

    /** Copies count blocks of size block: src[srcOff + i*srcStep ...] to dst[dstOff + i*dstStep ...]. */
    private static void copyBlocks(Tensor src, int srcOff, int srcStep, Tensor dst, int dstOff, int dstStep, int count, int block) {
        for (int i = 0; i < count; i++) {
            if (src.dtype() == DType.F32) {
                System.arraycopy(src.f32(), srcOff + i * srcStep, dst.f32(), dstOff + i * dstStep, block);
            } else {
                System.arraycopy(src.f64(), srcOff + i * srcStep, dst.f64(), dstOff + i * dstStep, block);
            }
        }
    }

    /**
     * Entries of dim at the indices (copies). With wrapNegative an index in [-len, 0) counts from
     * the end, as {@code x[[i, ...]]} does; without, as {@code torch.index_select}, it is an error.
     */
    static Tensor indexSelect(String op, Tensor x, int dim, int[] indices, boolean wrapNegative) {
        int[] s = x.shape();
        requireRank(op, s, 1);
        int d = Shape.dim(op, dim, s.length);
        int len = s[d];
        int[] index = indices.clone();
        for (int k = 0; k < index.length; k++) {
            int i = index[k];
            if (i >= len || i < (wrapNegative ? -len : 0)) {
                throw new IndexOutOfBoundsException(op + ": index " + i + " out of range for dim " + d + " of size " + len
                        + " (expected [" + (wrapNegative ? -len : 0) + ", " + (len - 1) + "])");
            }
            index[k] = i < 0 ? i + len : i;
        }
        int[] outShape = s.clone();
        outShape[d] = index.length;
        Tensor out = Tensor.zeros(x.dtype(), outShape);
        int outer = Reductions.outer(s, d), inner = Reductions.inner(s, d);
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < index.length; k++) {
                copyBlocks(x, (o * len + index[k]) * inner, 0, out, (o * index.length + k) * inner, 0, 1, inner);
            }
        }
        return Graph.of(out, "index_select", x).backward(g -> {
            Tensor gx = Tensor.zeros(g.dtype(), s);
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < index.length; k++) {
                    for (int i = 0; i < inner; i++) {
                        int at = (o * len + index[k]) * inner + i;
                        gx.setRaw(at, gx.getFlat(at) + g.getFlat((o * index.length + k) * inner + i));
                    }
                }
            }
            return new Tensor[] {gx};
        });
    }

    private static void requireRank(String op, int[] shape, int min) {
        if (shape.length < min) {
            throw new IllegalArgumentException(op + ": cannot be applied to a tensor of rank " + shape.length + " " + Shape.str(shape)
                    + " (expected rank >= " + min + ")");
        }
    }

    static int[] toIndices(Tensor index) {
        if (index.dim() != 1) {
            throw new IllegalArgumentException("indexSelect: the index must be 1-D, got " + Shape.str(index.shape()));
        }
        int[] idx = new int[index.numel()];
        for (int i = 0; i < idx.length; i++) {
            double v = index.getFlat(i);
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("indexSelect: index value " + v + " is not an integer in int range");
            }
            idx[i] = (int) v;
        }
        return idx;
    }

    static Tensor cat(List<Tensor> ts, int dim) {
        if (ts.isEmpty()) {
            throw new IllegalArgumentException("cat: expects a non-empty list of tensors");
        }
        Tensor first = ts.get(0);
        int[] s0 = first.shape();
        requireRank("cat", s0, 1);
        int d = Shape.dim("cat", dim, s0.length);
        long total = 0;
        for (Tensor t : ts) {
            Elementwise.checkDtypes("cat", first, t);
            int[] s = t.shape();
            if (s.length != s0.length) {
                throw new IllegalArgumentException("cat: tensors of rank " + s0.length + " and " + s.length);
            }
            for (int i = 0; i < s.length; i++) {
                if (i != d && s[i] != s0[i]) {
                    throw new IllegalArgumentException("cat: shapes " + Shape.str(s0) + " and " + Shape.str(s) + " differ in dim " + i);
                }
            }
            total += s[d];
        }
        if (total > Shape.MAX_ELEMENTS) {
            throw new IllegalArgumentException("cat: dim " + d + " would have " + total + " entries, more than an array holds");
        }
        int[] outShape = s0.clone();
        outShape[d] = (int) total;
        Tensor out = Tensor.zeros(first.dtype(), outShape);
        int outer = Reductions.outer(s0, d), inner = Reductions.inner(s0, d);
        int at = 0;
        int[] starts = new int[ts.size()];
        for (int k = 0; k < ts.size(); k++) {
            Tensor t = ts.get(k);
            int w = t.shape()[d];
            starts[k] = at;
            copyBlocks(t, 0, w * inner, out, at * inner, outShape[d] * inner, outer, w * inner);
            at += w;
        }
        Tensor[] inputs = ts.toArray(new Tensor[0]);
        return Graph.of(out, "cat", inputs).backward(g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                grads[k] = slice(g, d, starts[k], starts[k] + inputs[k].shape()[d]);
            }
            return grads;
        });
    }

    static Tensor stack(List<Tensor> ts, int dim) {
        if (ts.isEmpty()) {
            throw new IllegalArgumentException("stack: expects a non-empty list of tensors");
        }
        int d = Shape.dim("stack", dim, ts.get(0).dim() + 1);
        List<Tensor> u = new ArrayList<>();
        for (Tensor t : ts) {
            if (!Arrays.equals(t.shape(), ts.get(0).shape())) {
                throw new IllegalArgumentException("stack: shapes " + Shape.str(ts.get(0).shape()) + " and " + Shape.str(t.shape()) + " differ");
            }
            u.add(unsqueeze(t, d));
        }
        return cat(u, d);
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
