// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float GEMM micro-kernel on the Vector API: an MR x NR register tile of C, 6 x 2 vectors
 * (12 accumulators, 2 vectors of B and one broadcast of A: 15 of the 16 AVX2 registers, so C2
 * keeps them all in registers). Loaded only when {@link Simd#ENABLED}; {@link FloatGemm} drives it.
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
final class SgemmVectorKernel {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = F.length();
    /** Rows of the register tile. */
    static final int MR = 6;
    /** Columns of the register tile: 2 vectors. */
    static final int NR = 2 * L;

    private SgemmVectorKernel() {}

    /**
     * C[rows x cols] at c[ci], rows ldc apart = alpha * (packed A panel * packed B panel) + beta * C,
     * then + bias[bj + column] when bias is not null, then max(., 0) when relu. The packed A panel
     * holds kc steps of MR values at pa[ai], the B panel kc steps of NR values at pb[bi]. A full
     * tile is stored from the registers; an edge tile (rows < MR or cols < NR, padded with zeros in
     * the panels) goes through {@code tmp} (MR * NR values). Beta 0 does not read C.
     * Modified: c, tmp. Not modified: pa, pb, bias.
     */
    static void kernel(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc, int rows, int cols,
                       float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * MR, pB = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector b1 = FloatVector.fromArray(F, pb, pB + L);
            FloatVector a = FloatVector.broadcast(F, pa[pA]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, pa[pA + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, pa[pA + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, pa[pA + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, pa[pA + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, pa[pA + 5]);
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
    static void kernelStrided(int kc, float[] pa, int ai, int ars, int aps, float[] pb, int bi, int bps,
                              float[] c, int ci, int ldc, int rows, int cols,
                              float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        int a0 = ai, a1 = ai + ars, a2 = ai + 2 * ars, a3 = ai + 3 * ars, a4 = ai + 4 * ars, a5 = ai + 5 * ars;
        for (int p = 0; p < kc; p++) {
            int pA = p * aps, pB = bi + p * bps;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector b1 = FloatVector.fromArray(F, pb, pB + L);
            FloatVector a = FloatVector.broadcast(F, pa[a0 + pA]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, pa[a1 + pA]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, pa[a2 + pA]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, pa[a3 + pA]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, pa[a4 + pA]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, pa[a5 + pA]);
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
    static void kernelNarrow(int kc, float[] pa, int ai, int ars, int aps, float[] pb, int bi, int bps,
                             float[] c, int ci, int ldc, int rows, int cols,
                             float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c10 = FloatVector.zero(F), c20 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c40 = FloatVector.zero(F), c50 = FloatVector.zero(F);
        int a0 = ai, a1 = ai + ars, a2 = ai + 2 * ars, a3 = ai + 3 * ars, a4 = ai + 4 * ars, a5 = ai + 5 * ars;
        for (int p = 0; p < kc; p++) {
            int pA = p * aps;
            FloatVector b0 = FloatVector.fromArray(F, pb, bi + p * bps);
            c00 = FloatVector.broadcast(F, pa[a0 + pA]).fma(b0, c00);
            c10 = FloatVector.broadcast(F, pa[a1 + pA]).fma(b0, c10);
            c20 = FloatVector.broadcast(F, pa[a2 + pA]).fma(b0, c20);
            c30 = FloatVector.broadcast(F, pa[a3 + pA]).fma(b0, c30);
            c40 = FloatVector.broadcast(F, pa[a4 + pA]).fma(b0, c40);
            c50 = FloatVector.broadcast(F, pa[a5 + pA]).fma(b0, c50);
        }
        c00.intoArray(tmp, 0); c10.intoArray(tmp, 1 * NR); c20.intoArray(tmp, 2 * NR);
        c30.intoArray(tmp, 3 * NR); c40.intoArray(tmp, 4 * NR); c50.intoArray(tmp, 5 * NR);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /**
     * Stores the valid rows x cols of the tile in tmp (rows NR apart) into C: r = alpha * acc;
     * r = fma(C, beta, r) unless beta is 0 (then C is not read); + bias[bj + column]; max(r, 0).
     * Whole vectors are stored as vectors, the rest by the scalar {@code FloatGemm.storeEdge} with the
     * same formula. Modified: c. Not modified: tmp, bias.
     */
    static void storeTile(float[] tmp, float[] c, int ci, int ldc, int rows, int cols,
                          float alpha, float beta, float[] bias, int bj, boolean relu) {
        int vecCols = cols / L * L;
        FloatVector va = FloatVector.broadcast(F, alpha), vb = FloatVector.broadcast(F, beta);
        for (int r = 0; r < rows; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < vecCols; j += L) {
                FloatVector x = FloatVector.fromArray(F, tmp, r * NR + j).mul(va);
                if (beta != 0f) {
                    x = FloatVector.fromArray(F, c, row + j).fma(vb, x);
                }
                if (bias != null) {
                    x = x.add(FloatVector.fromArray(F, bias, bj + j));
                }
                if (relu) {
                    x = x.max(0f);
                }
                x.intoArray(c, row + j);
            }
        }
        if (vecCols < cols) {
            FloatGemm.storeEdge(tmp, NR, vecCols, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
        }
    }
}
