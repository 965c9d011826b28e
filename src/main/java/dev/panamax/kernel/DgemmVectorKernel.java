package dev.panamax.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double GEMM micro-kernel on the Vector API: a 6 x 2-vector register tile of C (12 accumulators,
 * plus 2 vectors of B and one broadcast of A: 15 of the 16 AVX2 registers). Loaded only when
 * {@link Simd#ENABLED}; {@link DoubleGemm} drives it over packed panels.
 *
 * <p>Per step of k: 2 loads of B from the packed micro-panel (L1), 6 scalar broadcasts of A (L2),
 * 12 FMAs. All accumulators are locals, so C2 keeps them in registers; the indexes are affine in
 * the loop variable, so the range checks are hoisted out of the loop.
 */
final class DgemmVectorKernel {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = D.length();
    /** Rows of the register tile. */
    static final int MR = 6;
    /** Columns of the register tile: 2 vectors. */
    static final int NR = 2 * L;

    private DgemmVectorKernel() {}

    /**
     * C[rows x cols] at c[ci], rows ldc apart = alpha * (packed A panel * packed B panel) + beta * C,
     * then + bias[bj + column] when bias is not null, then max(., 0) when relu. The packed A panel
     * holds kc steps of MR values at pa[ai], the B panel kc steps of NR values at pb[bi]. A full
     * tile is stored from the registers; an edge tile (rows < MR or cols < NR, padded with zeros in
     * the panels) goes through {@code tmp} (MR * NR values). Beta 0 does not read C.
     * Modified: c, tmp. Not modified: pa, pb, bias.
     */
    static void kernel(int kc, double[] pa, int ai, double[] pb, int bi, double[] c, int ci, int ldc, int rows, int cols,
                       double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D), c41 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D), c51 = DoubleVector.zero(D);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * MR, pB = bi + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector b1 = DoubleVector.fromArray(D, pb, pB + L);
            DoubleVector a = DoubleVector.broadcast(D, pa[pA]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(D, pa[pA + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(D, pa[pA + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(D, pa[pA + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(D, pa[pA + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(D, pa[pA + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
        }
        if (rows == MR && cols == NR) {
            store(c00, c, ci, alpha, beta, bias, bj, relu);
            store(c01, c, ci + L, alpha, beta, bias, bj + L, relu);
            ci += ldc;
            store(c10, c, ci, alpha, beta, bias, bj, relu);
            store(c11, c, ci + L, alpha, beta, bias, bj + L, relu);
            ci += ldc;
            store(c20, c, ci, alpha, beta, bias, bj, relu);
            store(c21, c, ci + L, alpha, beta, bias, bj + L, relu);
            ci += ldc;
            store(c30, c, ci, alpha, beta, bias, bj, relu);
            store(c31, c, ci + L, alpha, beta, bias, bj + L, relu);
            ci += ldc;
            store(c40, c, ci, alpha, beta, bias, bj, relu);
            store(c41, c, ci + L, alpha, beta, bias, bj + L, relu);
            ci += ldc;
            store(c50, c, ci, alpha, beta, bias, bj, relu);
            store(c51, c, ci + L, alpha, beta, bias, bj + L, relu);
        } else {
            c00.intoArray(tmp, 0); c01.intoArray(tmp, L);
            c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L);
            c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L);
            c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L);
            c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L);
            c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L);
            DoubleGemm.storeEdge(tmp, NR, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
        }
    }

    /** The store of one vector of the tile; the same formula as the scalar {@code storeEdge}. */
    private static void store(DoubleVector acc, double[] c, int i, double alpha, double beta, double[] bias, int bj, boolean relu) {
        DoubleVector r = acc.mul(alpha);
        if (beta != 0d) {
            r = DoubleVector.fromArray(D, c, i).fma(DoubleVector.broadcast(D, beta), r);
        }
        if (bias != null) {
            r = r.add(DoubleVector.fromArray(D, bias, bj));
        }
        if (relu) {
            r = r.max(0d);
        }
        r.intoArray(c, i);
    }
}
