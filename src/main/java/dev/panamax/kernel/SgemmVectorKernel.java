// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float GEMM micro-kernels on the Vector API. Loaded only when {@link Simd#ENABLED}; {@link FloatGemm}
 * packs both operands and drives them.
 *
 * <p>The register tile follows the register file: with 512-bit vectors (AVX-512, 32 registers) it is
 * 8 x 3 vectors (24 accumulators, 3 vectors of B, one broadcast of A: 28 registers), with narrower
 * ones (AVX2, 16 registers) 6 x 2 (12 + 2 + 1 = 15). Either way there are more independent
 * accumulators than the two FMA pipes times their 4-cycle latency, and per step of k the loads
 * (NV vectors of B, MR broadcasts of A) stay within two per cycle.
 *
 * <p>Both panels are packed, so every index in the loop is the loop variable times a constant plus
 * an invariant: C2 then hoists all range checks out of the loop (read off the assembly, dumped with
 * {@code -XX:CompileCommand=print} and disassembled). Reading A or B in place with a run-time stride
 * kept a compare and branch per load and some index arithmetic on the stack, 30 to 40 % slower.
 * The accumulators leave through {@code tmp}: a vector that crosses a call boundary is boxed, and
 * the store is too large to inline into every kernel.
 *
 * <p>Written by {@code src/tools/gen_gemm_kernel.py} (every tile, float and double, from one
 * template; edit the script, not this file).
 */
final class SgemmVectorKernel {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = F.length();
    /** True with 512-bit (or wider) vectors, which come with 32 vector registers on x86. */
    static final boolean WIDE = F.vectorBitSize() >= 512;
    /** Rows of the register tile. */
    static final int MR = WIDE ? 8 : 6;
    /** Vectors per row of the register tile. */
    static final int NV = WIDE ? 3 : 2;
    /** Columns of the register tile. */
    static final int NR = NV * L;

    private SgemmVectorKernel() {}

    /**
     * C[rows x cols] at c[ci], rows ldc apart = alpha * (packed A panel * packed B panel) + beta * C,
     * then + bias[bj + column] when bias is not null, then max(., 0) when relu. The A panel holds kc
     * steps of MR values at pa[ai], the B panel kc steps of NR values at pb[bi], both zero-padded past
     * rows and cols. Only ceil(cols / L) vectors of each row are computed. Beta 0 does not read C.
     * Modified: c, tmp (MR * NR values). Not modified: pa, pb, bias.
     */
    static void kernel(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc, int rows, int cols,
                       float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        int nv = (cols + L - 1) / L;
        if (WIDE) {
            switch (nv) {
                default -> k8x3(kc, pa, ai, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
                case 2 -> k8x2(kc, pa, ai, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
                case 1 -> k8x1(kc, pa, ai, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
            }
        } else {
            switch (nv) {
                default -> k6x2(kc, pa, ai, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
                case 1 -> k6x1(kc, pa, ai, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
            }
        }
    }

    /**
     * As {@link #kernel}, reading A where it is: A(r, p) at pa[ai + r * lda + p] (rows of a row-major
     * matrix, contiguous in k), for all MR rows. For an A that only one column tile uses, where
     * packing it would cost as much as the product. Modified: c, tmp. Not modified: pa, pb, bias.
     */
    static void kernelRows(int kc, float[] pa, int ai, int lda, float[] pb, int bi, float[] c, int ci, int ldc, int rows, int cols,
                       float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        int nv = (cols + L - 1) / L;
        if (WIDE) {
            switch (nv) {
                default -> r8x3(kc, pa, ai, lda, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
                case 2 -> r8x2(kc, pa, ai, lda, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
                case 1 -> r8x1(kc, pa, ai, lda, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
            }
        } else {
            switch (nv) {
                default -> r6x2(kc, pa, ai, lda, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
                case 1 -> r6x1(kc, pa, ai, lda, pb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);
            }
        }
    }

    /** The 8 x 3-vector tile: see {@link #kernel}. */
    private static void k8x3(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c02 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F), c12 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F), c22 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F), c32 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F), c42 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F), c52 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F), c61 = FloatVector.zero(F), c62 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F), c71 = FloatVector.zero(F), c72 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 8, pB = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector b1 = FloatVector.fromArray(F, pb, pB + L);
            FloatVector b2 = FloatVector.fromArray(F, pb, pB + 2 * L);
            FloatVector a = FloatVector.broadcast(F, pa[pA]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(F, pa[pA + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(F, pa[pA + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(F, pa[pA + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32);
            a = FloatVector.broadcast(F, pa[pA + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42);
            a = FloatVector.broadcast(F, pa[pA + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52);
            a = FloatVector.broadcast(F, pa[pA + 6]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61); c62 = a.fma(b2, c62);
            a = FloatVector.broadcast(F, pa[pA + 7]);
            c70 = a.fma(b0, c70); c71 = a.fma(b1, c71); c72 = a.fma(b2, c72);
        }
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L); c02.intoArray(tmp, 2 * L);
        c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L); c12.intoArray(tmp, 1 * NR + 2 * L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L); c22.intoArray(tmp, 2 * NR + 2 * L);
        c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L); c32.intoArray(tmp, 3 * NR + 2 * L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L); c42.intoArray(tmp, 4 * NR + 2 * L);
        c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L); c52.intoArray(tmp, 5 * NR + 2 * L);
        c60.intoArray(tmp, 6 * NR); c61.intoArray(tmp, 6 * NR + L); c62.intoArray(tmp, 6 * NR + 2 * L);
        c70.intoArray(tmp, 7 * NR); c71.intoArray(tmp, 7 * NR + L); c72.intoArray(tmp, 7 * NR + 2 * L);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 8 x 2-vector tile: see {@link #kernel}. */
    private static void k8x2(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F), c61 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F), c71 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 8, pB = bi + p * NR;
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
            a = FloatVector.broadcast(F, pa[pA + 6]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(F, pa[pA + 7]);
            c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
        }
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L);
        c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L);
        c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L);
        c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L);
        c60.intoArray(tmp, 6 * NR); c61.intoArray(tmp, 6 * NR + L);
        c70.intoArray(tmp, 7 * NR); c71.intoArray(tmp, 7 * NR + L);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 8 x 1-vector tile: see {@link #kernel}. */
    private static void k8x1(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 8, pB = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector a = FloatVector.broadcast(F, pa[pA]);
            c00 = a.fma(b0, c00);
            a = FloatVector.broadcast(F, pa[pA + 1]);
            c10 = a.fma(b0, c10);
            a = FloatVector.broadcast(F, pa[pA + 2]);
            c20 = a.fma(b0, c20);
            a = FloatVector.broadcast(F, pa[pA + 3]);
            c30 = a.fma(b0, c30);
            a = FloatVector.broadcast(F, pa[pA + 4]);
            c40 = a.fma(b0, c40);
            a = FloatVector.broadcast(F, pa[pA + 5]);
            c50 = a.fma(b0, c50);
            a = FloatVector.broadcast(F, pa[pA + 6]);
            c60 = a.fma(b0, c60);
            a = FloatVector.broadcast(F, pa[pA + 7]);
            c70 = a.fma(b0, c70);
        }
        c00.intoArray(tmp, 0);
        c10.intoArray(tmp, 1 * NR);
        c20.intoArray(tmp, 2 * NR);
        c30.intoArray(tmp, 3 * NR);
        c40.intoArray(tmp, 4 * NR);
        c50.intoArray(tmp, 5 * NR);
        c60.intoArray(tmp, 6 * NR);
        c70.intoArray(tmp, 7 * NR);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 6 x 2-vector tile: see {@link #kernel}. */
    private static void k6x2(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 6, pB = bi + p * NR;
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
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L);
        c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L);
        c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L);
        c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 6 x 1-vector tile: see {@link #kernel}. */
    private static void k6x1(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 6, pB = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector a = FloatVector.broadcast(F, pa[pA]);
            c00 = a.fma(b0, c00);
            a = FloatVector.broadcast(F, pa[pA + 1]);
            c10 = a.fma(b0, c10);
            a = FloatVector.broadcast(F, pa[pA + 2]);
            c20 = a.fma(b0, c20);
            a = FloatVector.broadcast(F, pa[pA + 3]);
            c30 = a.fma(b0, c30);
            a = FloatVector.broadcast(F, pa[pA + 4]);
            c40 = a.fma(b0, c40);
            a = FloatVector.broadcast(F, pa[pA + 5]);
            c50 = a.fma(b0, c50);
        }
        c00.intoArray(tmp, 0);
        c10.intoArray(tmp, 1 * NR);
        c20.intoArray(tmp, 2 * NR);
        c30.intoArray(tmp, 3 * NR);
        c40.intoArray(tmp, 4 * NR);
        c50.intoArray(tmp, 5 * NR);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 8 x 3-vector tile: see {@link #kernelRows}. */
    private static void r8x3(int kc, float[] pa, int ai, int lda, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c02 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F), c12 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F), c22 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F), c32 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F), c42 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F), c52 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F), c61 = FloatVector.zero(F), c62 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F), c71 = FloatVector.zero(F), c72 = FloatVector.zero(F);
        int a0 = ai;
        int a1 = ai + lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        int a6 = ai + 6 * lda;
        int a7 = ai + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int pB = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector b1 = FloatVector.fromArray(F, pb, pB + L);
            FloatVector b2 = FloatVector.fromArray(F, pb, pB + 2 * L);
            FloatVector a = FloatVector.broadcast(F, pa[a0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(F, pa[a1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(F, pa[a2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(F, pa[a3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32);
            a = FloatVector.broadcast(F, pa[a4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42);
            a = FloatVector.broadcast(F, pa[a5 + p]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52);
            a = FloatVector.broadcast(F, pa[a6 + p]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61); c62 = a.fma(b2, c62);
            a = FloatVector.broadcast(F, pa[a7 + p]);
            c70 = a.fma(b0, c70); c71 = a.fma(b1, c71); c72 = a.fma(b2, c72);
        }
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L); c02.intoArray(tmp, 2 * L);
        c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L); c12.intoArray(tmp, 1 * NR + 2 * L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L); c22.intoArray(tmp, 2 * NR + 2 * L);
        c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L); c32.intoArray(tmp, 3 * NR + 2 * L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L); c42.intoArray(tmp, 4 * NR + 2 * L);
        c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L); c52.intoArray(tmp, 5 * NR + 2 * L);
        c60.intoArray(tmp, 6 * NR); c61.intoArray(tmp, 6 * NR + L); c62.intoArray(tmp, 6 * NR + 2 * L);
        c70.intoArray(tmp, 7 * NR); c71.intoArray(tmp, 7 * NR + L); c72.intoArray(tmp, 7 * NR + 2 * L);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 8 x 2-vector tile: see {@link #kernelRows}. */
    private static void r8x2(int kc, float[] pa, int ai, int lda, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F), c61 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F), c71 = FloatVector.zero(F);
        int a0 = ai;
        int a1 = ai + lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        int a6 = ai + 6 * lda;
        int a7 = ai + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int pB = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector b1 = FloatVector.fromArray(F, pb, pB + L);
            FloatVector a = FloatVector.broadcast(F, pa[a0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, pa[a1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, pa[a2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, pa[a3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, pa[a4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, pa[a5 + p]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(F, pa[a6 + p]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(F, pa[a7 + p]);
            c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
        }
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L);
        c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L);
        c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L);
        c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L);
        c60.intoArray(tmp, 6 * NR); c61.intoArray(tmp, 6 * NR + L);
        c70.intoArray(tmp, 7 * NR); c71.intoArray(tmp, 7 * NR + L);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 8 x 1-vector tile: see {@link #kernelRows}. */
    private static void r8x1(int kc, float[] pa, int ai, int lda, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F);
        int a0 = ai;
        int a1 = ai + lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        int a6 = ai + 6 * lda;
        int a7 = ai + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int pB = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector a = FloatVector.broadcast(F, pa[a0 + p]);
            c00 = a.fma(b0, c00);
            a = FloatVector.broadcast(F, pa[a1 + p]);
            c10 = a.fma(b0, c10);
            a = FloatVector.broadcast(F, pa[a2 + p]);
            c20 = a.fma(b0, c20);
            a = FloatVector.broadcast(F, pa[a3 + p]);
            c30 = a.fma(b0, c30);
            a = FloatVector.broadcast(F, pa[a4 + p]);
            c40 = a.fma(b0, c40);
            a = FloatVector.broadcast(F, pa[a5 + p]);
            c50 = a.fma(b0, c50);
            a = FloatVector.broadcast(F, pa[a6 + p]);
            c60 = a.fma(b0, c60);
            a = FloatVector.broadcast(F, pa[a7 + p]);
            c70 = a.fma(b0, c70);
        }
        c00.intoArray(tmp, 0);
        c10.intoArray(tmp, 1 * NR);
        c20.intoArray(tmp, 2 * NR);
        c30.intoArray(tmp, 3 * NR);
        c40.intoArray(tmp, 4 * NR);
        c50.intoArray(tmp, 5 * NR);
        c60.intoArray(tmp, 6 * NR);
        c70.intoArray(tmp, 7 * NR);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 6 x 2-vector tile: see {@link #kernelRows}. */
    private static void r6x2(int kc, float[] pa, int ai, int lda, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        int a0 = ai;
        int a1 = ai + lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        for (int p = 0; p < kc; p++) {
            int pB = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector b1 = FloatVector.fromArray(F, pb, pB + L);
            FloatVector a = FloatVector.broadcast(F, pa[a0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, pa[a1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, pa[a2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, pa[a3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, pa[a4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, pa[a5 + p]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
        }
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L);
        c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L);
        c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L);
        c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 6 x 1-vector tile: see {@link #kernelRows}. */
    private static void r6x1(int kc, float[] pa, int ai, int lda, float[] pb, int bi, float[] c, int ci, int ldc, int rows,
                             int cols, float alpha, float beta, float[] bias, int bj, boolean relu, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F);
        int a0 = ai;
        int a1 = ai + lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        for (int p = 0; p < kc; p++) {
            int pB = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, pB);
            FloatVector a = FloatVector.broadcast(F, pa[a0 + p]);
            c00 = a.fma(b0, c00);
            a = FloatVector.broadcast(F, pa[a1 + p]);
            c10 = a.fma(b0, c10);
            a = FloatVector.broadcast(F, pa[a2 + p]);
            c20 = a.fma(b0, c20);
            a = FloatVector.broadcast(F, pa[a3 + p]);
            c30 = a.fma(b0, c30);
            a = FloatVector.broadcast(F, pa[a4 + p]);
            c40 = a.fma(b0, c40);
            a = FloatVector.broadcast(F, pa[a5 + p]);
            c50 = a.fma(b0, c50);
        }
        c00.intoArray(tmp, 0);
        c10.intoArray(tmp, 1 * NR);
        c20.intoArray(tmp, 2 * NR);
        c30.intoArray(tmp, 3 * NR);
        c40.intoArray(tmp, 4 * NR);
        c50.intoArray(tmp, 5 * NR);
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
