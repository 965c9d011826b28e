// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double GEMM micro-kernel on the Vector API: an MR x NR register tile of C, 6 x 2 vectors
 * (12 accumulators, 2 vectors of B and one broadcast of A: 15 of the 16 AVX2 registers, so C2
 * keeps them all in registers). Loaded only when {@link Simd#ENABLED}; {@link DoubleGemm} drives it.
 *
 * <p>Per step of k: 2 vector loads of B, 6 broadcasts of A, 12 FMAs. Two 256-bit FMA pipes with a
 * 4-cycle latency (Zen 3, AVX2) need at least 8 independent accumulators, one 512-bit FMA per cycle
 * (Zen 4, AVX-512) at least 4. The indexes are affine in the loop variable so that C2 can hoist the
 * range checks (not checked in the assembly: there is no hsdis on the machine; the measured rate
 * is within 5 % of OpenBLAS at n = 256, which leaves little room for per-step checks).
 *
 * <p>Written by {@code src/tools/gen_gemm_kernel.py} (float and double from one template; edit the
 * script, not this file). The shape MR x NV vectors = 6 x 2 measured best among 4 x 3, 6 x 2,
 * 8 x 2 and 12 x 2 on the AVX-512 machine (8 x 2 was as fast; 6 x 2 also fits AVX2's 16 registers).
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
        // The tile goes through tmp so that this method stays small enough for C2 to inline all of
        // the Vector API calls above (a vector that crosses a call boundary is boxed).
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L);
        c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L);
        c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L);
        c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /**
     * The same tile as {@link #kernel}, reading A and B where they are: A(r, p) at
     * pa[ai + r * ars + p * aps], the NR values of B at step p at pb[bi + p * bps]. For shapes where
     * packing does not pay (the caller packs the edge micro-panels, which must be zero-padded).
     * Modified: c, tmp. Not modified: pa, pb, bias.
     */
    static void kernelStrided(int kc, double[] pa, int ai, int ars, int aps, double[] pb, int bi, int bps,
                              double[] c, int ci, int ldc, int rows, int cols,
                              double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D), c41 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D), c51 = DoubleVector.zero(D);
        int a0 = ai, a1 = ai + ars, a2 = ai + 2 * ars, a3 = ai + 3 * ars, a4 = ai + 4 * ars, a5 = ai + 5 * ars;
        for (int p = 0; p < kc; p++) {
            int pA = p * aps, pB = bi + p * bps;
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector b1 = DoubleVector.fromArray(D, pb, pB + L);
            DoubleVector a = DoubleVector.broadcast(D, pa[a0 + pA]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(D, pa[a1 + pA]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(D, pa[a2 + pA]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(D, pa[a3 + pA]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(D, pa[a4 + pA]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(D, pa[a5 + pA]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
        }
        // The tile goes through tmp so that this method stays small enough for C2 to inline all of
        // the Vector API calls above (a vector that crosses a call boundary is boxed).
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L);
        c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L);
        c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L);
        c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /**
     * An MR x L tile (one vector per row) for the last columns of C when at most L remain: the
     * full-width kernel would spend 1 of its 2 FMAs on padding there. Addressing as in
     * {@link #kernelStrided}. Modified: c, tmp. Not modified: pa, pb, bias.
     */
    static void kernelNarrow(int kc, double[] pa, int ai, int ars, int aps, double[] pb, int bi, int bps,
                             double[] c, int ci, int ldc, int rows, int cols,
                             double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D), c10 = DoubleVector.zero(D), c20 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c40 = DoubleVector.zero(D), c50 = DoubleVector.zero(D);
        int a0 = ai, a1 = ai + ars, a2 = ai + 2 * ars, a3 = ai + 3 * ars, a4 = ai + 4 * ars, a5 = ai + 5 * ars;
        for (int p = 0; p < kc; p++) {
            int pA = p * aps;
            DoubleVector b0 = DoubleVector.fromArray(D, pb, bi + p * bps);
            c00 = DoubleVector.broadcast(D, pa[a0 + pA]).fma(b0, c00);
            c10 = DoubleVector.broadcast(D, pa[a1 + pA]).fma(b0, c10);
            c20 = DoubleVector.broadcast(D, pa[a2 + pA]).fma(b0, c20);
            c30 = DoubleVector.broadcast(D, pa[a3 + pA]).fma(b0, c30);
            c40 = DoubleVector.broadcast(D, pa[a4 + pA]).fma(b0, c40);
            c50 = DoubleVector.broadcast(D, pa[a5 + pA]).fma(b0, c50);
        }
        c00.intoArray(tmp, 0); c10.intoArray(tmp, 1 * NR); c20.intoArray(tmp, 2 * NR);
        c30.intoArray(tmp, 3 * NR); c40.intoArray(tmp, 4 * NR); c50.intoArray(tmp, 5 * NR);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /**
     * Stores the valid rows x cols of the tile in tmp (rows NR apart) into C: r = alpha * acc;
     * r = fma(C, beta, r) unless beta is 0 (then C is not read); + bias[bj + column]; max(r, 0).
     * Whole vectors are stored as vectors, the rest by the scalar {@code DoubleGemm.storeEdge} with the
     * same formula. Modified: c. Not modified: tmp, bias.
     */
    static void storeTile(double[] tmp, double[] c, int ci, int ldc, int rows, int cols,
                          double alpha, double beta, double[] bias, int bj, boolean relu) {
        int vecCols = cols / L * L;
        DoubleVector va = DoubleVector.broadcast(D, alpha), vb = DoubleVector.broadcast(D, beta);
        for (int r = 0; r < rows; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < vecCols; j += L) {
                DoubleVector x = DoubleVector.fromArray(D, tmp, r * NR + j).mul(va);
                if (beta != 0d) {
                    x = DoubleVector.fromArray(D, c, row + j).fma(vb, x);
                }
                if (bias != null) {
                    x = x.add(DoubleVector.fromArray(D, bias, bj + j));
                }
                if (relu) {
                    x = x.max(0d);
                }
                x.intoArray(c, row + j);
            }
        }
        if (vecCols < cols) {
            DoubleGemm.storeEdge(tmp, NR, vecCols, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
        }
    }
}
