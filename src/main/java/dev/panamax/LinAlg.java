// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import dev.panamax.autograd.Graph;
import dev.panamax.kernel.Gemm;
import java.util.Arrays;

/** Matrix products through the GEMM entry point of {@link dev.panamax.kernel}. */
final class LinAlg {
    private LinAlg() {}

    /**
     * torch.matmul: 1-D @ 1-D is the dot product (a 0-dim tensor); a 1-D operand is taken as a row
     * (left) or a column (right) whose dim is dropped from the result; from 2-D up the last two dims
     * multiply as matrices and the leading (batch) dims broadcast.
     */
    static Tensor matmul(Tensor a, Tensor b) {
        Elementwise.checkDtypes("matmul", a, b);
        int[] sa = a.shape(), sb = b.shape();
        int ra = sa.length, rb = sb.length;
        if (ra == 0 || rb == 0) {
            throw new IllegalArgumentException("matmul: " + Shape.str(sa) + " @ " + Shape.str(sb) + ": both operands must be at least 1-D");
        }
        int k = sa[ra - 1], k2 = sb[Math.max(0, rb - 2)];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: " + Shape.str(sa) + " @ " + Shape.str(sb) + ": inner dimensions "
                    + k + " and " + k2 + " differ");
        }
        if (ra == 1 && rb == 1) {
            return mm(a.reshape(1, k), b.reshape(k, 1)).reshape();
        }
        if (ra == 1) {
            return matmul(a.unsqueeze(0), b).squeeze(-2);
        }
        if (rb == 1) {
            return matmul(a, b.unsqueeze(-1)).squeeze(-1);
        }
        if (ra == 2 && rb == 2) {
            return mm(a, b);
        }
        int m = sa[ra - 2], n = sb[rb - 1];
        int[] batchA = Arrays.copyOf(sa, ra - 2), batchB = Arrays.copyOf(sb, rb - 2);
        int[] batch = Shape.broadcast("matmul", batchA, batchB);
        int[] outShape = append(batch, m, n);
        Shape.numel(outShape); // a result too large for an array fails here, with its shape
        if (rb == 2) { // a batch against one matrix: one GEMM over the stacked rows
            return mm(a.reshape(Shape.product("matmul", sa, 0, ra - 1), k), b).reshape(outShape);
        }
        return bmm(batchOf(a, batch, m, k), batchOf(b, batch, k, n)).reshape(outShape);
    }

    /** x [..., r, c] as [B, r, c] for the broadcast batch shape (B = 1 when x has no batch of its own). */
    private static Tensor batchOf(Tensor x, int[] batch, int r, int c) {
        int[] s = x.shape();
        int[] own = Arrays.copyOf(s, s.length - 2);
        if (Shape.numel(own) == 1) {
            return x.reshape(1, r, c);
        }
        if (!Arrays.equals(own, batch)) { // expanded in the graph: the backward sums the copies
            int[] aligned = new int[batch.length];
            Arrays.fill(aligned, 1);
            System.arraycopy(own, 0, aligned, batch.length - own.length, own.length);
            x = Reductions.expandTo(x.reshape(append(aligned, r, c)), append(batch, r, c));
        }
        return x.reshape(Shape.numel(batch), r, c);
    }

    private static int[] append(int[] s, int... more) {
        int[] r = Arrays.copyOf(s, s.length + more.length);
        System.arraycopy(more, 0, r, s.length, more.length);
        return r;
    }

    /** [m, k] @ [k, n], the inner dimensions checked by the caller. */
    static Tensor mm(Tensor a, Tensor b) {
        Tensor out = gemm(a, false, b, false);
        return Graph.of(out, "mm", a, b).saves(a, b).backward(g -> new Tensor[] {
                a.requiresGrad() ? gemm(g, false, b, true) : null,  // dA = G B^T
                b.requiresGrad() ? gemm(a, true, g, false) : null}); // dB = A^T G
    }

    /** [B, m, k] @ [B, k, n], batch sizes equal or one of them 1. */
    private static Tensor bmm(Tensor a, Tensor b) {
        int[] sa = a.shape(), sb = b.shape();
        if (sa[2] != sb[1] || (sa[0] != sb[0] && sa[0] != 1 && sb[0] != 1)) {
            throw new IllegalArgumentException("matmul: " + Shape.str(sa) + " @ " + Shape.str(sb)
                    + ": batch sizes must match and inner dimensions " + sa[2] + " and " + sb[1] + " must agree");
        }
        int batch = sa[0] == 1 ? sb[0] : sa[0]; // 1 broadcasts, to 0 too
        Tensor out = Tensor.zeros(a.dtype(), batch, sa[1], sb[2]);
        for (int i = 0; i < batch; i++) {
            gemmInto(a, sa[0] == 1 ? 0 : i, false, b, sb[0] == 1 ? 0 : i, false, out, i, 0);
        }
        return Graph.of(out, "bmm", a, b).saves(a, b).backward(g -> {
            Tensor ga = a.requiresGrad() ? Tensor.zeros(a.dtype(), sa) : null;
            Tensor gb = b.requiresGrad() ? Tensor.zeros(b.dtype(), sb) : null;
            for (int i = 0; i < batch; i++) {
                int ia = sa[0] == 1 ? 0 : i, ib = sb[0] == 1 ? 0 : i;
                if (ga != null) {
                    gemmInto(g, i, false, b, ib, true, ga, ia, 1); // accumulate: a broadcast batch sums
                }
                if (gb != null) {
                    gemmInto(a, ia, true, g, i, false, gb, ib, 1);
                }
            }
            return new Tensor[] {ga, gb};
        });
    }

    /** op(a) @ op(b) for 2-D a and b, no graph. Allocates the result. */
    static Tensor gemm(Tensor a, boolean ta, Tensor b, boolean tb) {
        int[] sa = a.shape(), sb = b.shape();
        int m = ta ? sa[1] : sa[0], k = ta ? sa[0] : sa[1], n = tb ? sb[0] : sb[1];
        Tensor out = Tensor.zeros(a.dtype(), m, n);
        if (a.dtype() == DType.F32) {
            Gemm.sgemm(ta, tb, m, n, k, 1f, a.f32(), 0, sa[1], b.f32(), 0, sb[1], 0f, out.f32(), 0, n);
        } else {
            Gemm.dgemm(ta, tb, m, n, k, 1d, a.f64(), 0, sa[1], b.f64(), 0, sb[1], 0d, out.f64(), 0, n);
        }
        return out;
    }

    /** out[io] = op(a[ia]) @ op(b[ib]) + beta * out[io] for 3-D tensors. Modified: out. */
    private static void gemmInto(Tensor a, int ia, boolean ta, Tensor b, int ib, boolean tb, Tensor out, int io, double beta) {
        int[] sa = a.shape(), sb = b.shape(), so = out.shape();
        int m = so[1], n = so[2], k = ta ? sa[1] : sa[2];
        int aSize = sa[1] * sa[2], bSize = sb[1] * sb[2], oSize = m * n;
        if (a.dtype() == DType.F32) {
            Gemm.sgemm(ta, tb, m, n, k, 1f, a.f32(), ia * aSize, sa[2], b.f32(), ib * bSize, sb[2], (float) beta, out.f32(), io * oSize, n);
        } else {
            Gemm.dgemm(ta, tb, m, n, k, 1d, a.f64(), ia * aSize, sa[2], b.f64(), ib * bSize, sb[2], beta, out.f64(), io * oSize, n);
        }
    }
}
