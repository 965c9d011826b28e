// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
    /** Index vectors of the two zips: lanes 0, L, 1, L + 1, ... and L / 2, 3 L / 2, ... of two vectors. */
    private static final FloatVector ZIP_LO = zip(0), ZIP_HI = zip(L / 2);
    /** The lanes of the last, partial vector of an MR-value row (all of them when MR is a multiple of L). */
    private static final VectorMask<Float> A_REST = F.indexInRange(0, MR % L == 0 ? L : MR % L);

    private SgemmVectorKernel() {}

    private static FloatVector zip(int from) {
        float[] index = new float[L];
        for (int t = 0; t < L; t++) {
            index[t] = (t & 1) * L + from + t / 2;
        }
        return FloatVector.fromArray(F, index, 0);
    }

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
     * Packs MR whole rows of a row-major A (row r at src[s + r * ld], its steps contiguous) for kc
     * steps into one micro-panel: step p's MR values at dst[d + p * MR]. The vector version transposes
     * blocks of L steps in registers; it may write L - MR values past the panel's last step (the
     * caller leaves room; the next step or panel overwrites them). Modified: dst. Not modified: src.
     */
    static void packRowsA(float[] src, int s, int ld, int kc, float[] dst, int d) {
        if (MR == 8 && L == 16) {
            rowsA8x16(src, s, ld, kc, dst, d);
        } else if (MR == 6 && L == 8) {
            rowsA6x8(src, s, ld, kc, dst, d);
        } else {
            for (int r = 0; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    dst[d + p * MR + r] = src[s + r * ld + p];
                }
            }
        }
    }

    /**
     * Packs L consecutive columns of a transposed B (column j of op(B) at src[s + j * ld], its steps
     * contiguous) for kc steps into a micro-panel NR wide: step p's L values at dst[d + p * NR].
     * Modified: dst. Not modified: src.
     */
    static void packColsB(float[] src, int s, int ld, int kc, float[] dst, int d) {
        if (L == 16) {
            colsB16(src, s, ld, kc, dst, d);
        } else if (L == 8) {
            colsB8(src, s, ld, kc, dst, d);
        } else {
            for (int j = 0; j < L; j++) {
                for (int p = 0; p < kc; p++) {
                    dst[d + p * NR + j] = src[s + j * ld + p];
                }
            }
        }
    }

    /**
     * Packs MR rows of a transposed A (step p's MR values contiguous at src[s + p * ld]) for kc steps
     * into one micro-panel: step p's MR values at dst[d + p * MR]. Modified: dst. Not modified: src.
     */
    static void copyRowsA(float[] src, int s, int ld, int kc, float[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int from = s + p * ld, to = d + p * MR, v = 0;
            for (; v + L <= MR; v += L) {
                FloatVector.fromArray(F, src, from + v).intoArray(dst, to + v);
            }
            if (v < MR) {
                FloatVector.fromArray(F, src, from + v, A_REST).intoArray(dst, to + v, A_REST);
            }
        }
    }

    /**
     * Packs NR columns of a row-major B (step p's NR values contiguous at src[s + p * ld]) for kc
     * steps into one micro-panel: step p's NR values at dst[d + p * NR]. Modified: dst. Not modified: src.
     */
    static void copyColsB(float[] src, int s, int ld, int kc, float[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int from = s + p * ld, to = d + p * NR;
            for (int v = 0; v < NR; v += L) {
                FloatVector.fromArray(F, src, from + v).intoArray(dst, to + v);
            }
        }
    }

    /**
     * packRowsA for 8 rows and 16 lanes.
     */
    private static void rowsA8x16(float[] src, int s, int ld, int kc, float[] dst, int d) {
        int p = 0;
        for (; p + 16 <= kc; p += 16) {
            FloatVector v0 = FloatVector.fromArray(F, src, s + p);
            FloatVector v1 = FloatVector.fromArray(F, src, s + ld + p);
            FloatVector v2 = FloatVector.fromArray(F, src, s + 2 * ld + p);
            FloatVector v3 = FloatVector.fromArray(F, src, s + 3 * ld + p);
            FloatVector v4 = FloatVector.fromArray(F, src, s + 4 * ld + p);
            FloatVector v5 = FloatVector.fromArray(F, src, s + 5 * ld + p);
            FloatVector v6 = FloatVector.fromArray(F, src, s + 6 * ld + p);
            FloatVector v7 = FloatVector.fromArray(F, src, s + 7 * ld + p);
            FloatVector u0 = ZIP_LO.selectFrom(v0, v4);
            FloatVector u1 = ZIP_HI.selectFrom(v0, v4);
            FloatVector u2 = ZIP_LO.selectFrom(v1, v5);
            FloatVector u3 = ZIP_HI.selectFrom(v1, v5);
            FloatVector u4 = ZIP_LO.selectFrom(v2, v6);
            FloatVector u5 = ZIP_HI.selectFrom(v2, v6);
            FloatVector u6 = ZIP_LO.selectFrom(v3, v7);
            FloatVector u7 = ZIP_HI.selectFrom(v3, v7);
            v0 = ZIP_LO.selectFrom(u0, u4);
            v1 = ZIP_HI.selectFrom(u0, u4);
            v2 = ZIP_LO.selectFrom(u1, u5);
            v3 = ZIP_HI.selectFrom(u1, u5);
            v4 = ZIP_LO.selectFrom(u2, u6);
            v5 = ZIP_HI.selectFrom(u2, u6);
            v6 = ZIP_LO.selectFrom(u3, u7);
            v7 = ZIP_HI.selectFrom(u3, u7);
            u0 = ZIP_LO.selectFrom(v0, v4);
            u1 = ZIP_HI.selectFrom(v0, v4);
            u2 = ZIP_LO.selectFrom(v1, v5);
            u3 = ZIP_HI.selectFrom(v1, v5);
            u4 = ZIP_LO.selectFrom(v2, v6);
            u5 = ZIP_HI.selectFrom(v2, v6);
            u6 = ZIP_LO.selectFrom(v3, v7);
            u7 = ZIP_HI.selectFrom(v3, v7);
            u0.intoArray(dst, d + p * 8);
            u1.intoArray(dst, d + (p + 2) * 8);
            u2.intoArray(dst, d + (p + 4) * 8);
            u3.intoArray(dst, d + (p + 6) * 8);
            u4.intoArray(dst, d + (p + 8) * 8);
            u5.intoArray(dst, d + (p + 10) * 8);
            u6.intoArray(dst, d + (p + 12) * 8);
            u7.intoArray(dst, d + (p + 14) * 8);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 8; r++) {
                dst[d + p * 8 + r] = src[s + r * ld + p];
            }
        }
    }

    /**
     * packRowsA for 6 rows and 8 lanes.
     */
    private static void rowsA6x8(float[] src, int s, int ld, int kc, float[] dst, int d) {
        int p = 0;
        for (; p + 8 <= kc; p += 8) {
            FloatVector v0 = FloatVector.fromArray(F, src, s + p);
            FloatVector v1 = FloatVector.fromArray(F, src, s + ld + p);
            FloatVector v2 = FloatVector.fromArray(F, src, s + 2 * ld + p);
            FloatVector v3 = FloatVector.fromArray(F, src, s + 3 * ld + p);
            FloatVector v4 = FloatVector.fromArray(F, src, s + 4 * ld + p);
            FloatVector v5 = FloatVector.fromArray(F, src, s + 5 * ld + p);
            FloatVector v6 = FloatVector.zero(F);
            FloatVector v7 = FloatVector.zero(F);
            FloatVector u0 = ZIP_LO.selectFrom(v0, v4);
            FloatVector u1 = ZIP_HI.selectFrom(v0, v4);
            FloatVector u2 = ZIP_LO.selectFrom(v1, v5);
            FloatVector u3 = ZIP_HI.selectFrom(v1, v5);
            FloatVector u4 = ZIP_LO.selectFrom(v2, v6);
            FloatVector u5 = ZIP_HI.selectFrom(v2, v6);
            FloatVector u6 = ZIP_LO.selectFrom(v3, v7);
            FloatVector u7 = ZIP_HI.selectFrom(v3, v7);
            v0 = ZIP_LO.selectFrom(u0, u4);
            v1 = ZIP_HI.selectFrom(u0, u4);
            v2 = ZIP_LO.selectFrom(u1, u5);
            v3 = ZIP_HI.selectFrom(u1, u5);
            v4 = ZIP_LO.selectFrom(u2, u6);
            v5 = ZIP_HI.selectFrom(u2, u6);
            v6 = ZIP_LO.selectFrom(u3, u7);
            v7 = ZIP_HI.selectFrom(u3, u7);
            u0 = ZIP_LO.selectFrom(v0, v4);
            u1 = ZIP_HI.selectFrom(v0, v4);
            u2 = ZIP_LO.selectFrom(v1, v5);
            u3 = ZIP_HI.selectFrom(v1, v5);
            u4 = ZIP_LO.selectFrom(v2, v6);
            u5 = ZIP_HI.selectFrom(v2, v6);
            u6 = ZIP_LO.selectFrom(v3, v7);
            u7 = ZIP_HI.selectFrom(v3, v7);
            u0.intoArray(dst, d + p * 6);
            u1.intoArray(dst, d + (p + 1) * 6);
            u2.intoArray(dst, d + (p + 2) * 6);
            u3.intoArray(dst, d + (p + 3) * 6);
            u4.intoArray(dst, d + (p + 4) * 6);
            u5.intoArray(dst, d + (p + 5) * 6);
            u6.intoArray(dst, d + (p + 6) * 6);
            u7.intoArray(dst, d + (p + 7) * 6);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 6; r++) {
                dst[d + p * 6 + r] = src[s + r * ld + p];
            }
        }
    }

    /**
     * packColsB for 16 lanes.
     */
    private static void colsB16(float[] src, int s, int ld, int kc, float[] dst, int d) {
        int p = 0;
        for (; p + 16 <= kc; p += 16) {
            FloatVector v0 = FloatVector.fromArray(F, src, s + p);
            FloatVector v1 = FloatVector.fromArray(F, src, s + ld + p);
            FloatVector v2 = FloatVector.fromArray(F, src, s + 2 * ld + p);
            FloatVector v3 = FloatVector.fromArray(F, src, s + 3 * ld + p);
            FloatVector v4 = FloatVector.fromArray(F, src, s + 4 * ld + p);
            FloatVector v5 = FloatVector.fromArray(F, src, s + 5 * ld + p);
            FloatVector v6 = FloatVector.fromArray(F, src, s + 6 * ld + p);
            FloatVector v7 = FloatVector.fromArray(F, src, s + 7 * ld + p);
            FloatVector v8 = FloatVector.fromArray(F, src, s + 8 * ld + p);
            FloatVector v9 = FloatVector.fromArray(F, src, s + 9 * ld + p);
            FloatVector v10 = FloatVector.fromArray(F, src, s + 10 * ld + p);
            FloatVector v11 = FloatVector.fromArray(F, src, s + 11 * ld + p);
            FloatVector v12 = FloatVector.fromArray(F, src, s + 12 * ld + p);
            FloatVector v13 = FloatVector.fromArray(F, src, s + 13 * ld + p);
            FloatVector v14 = FloatVector.fromArray(F, src, s + 14 * ld + p);
            FloatVector v15 = FloatVector.fromArray(F, src, s + 15 * ld + p);
            FloatVector u0 = ZIP_LO.selectFrom(v0, v8);
            FloatVector u1 = ZIP_HI.selectFrom(v0, v8);
            FloatVector u2 = ZIP_LO.selectFrom(v1, v9);
            FloatVector u3 = ZIP_HI.selectFrom(v1, v9);
            FloatVector u4 = ZIP_LO.selectFrom(v2, v10);
            FloatVector u5 = ZIP_HI.selectFrom(v2, v10);
            FloatVector u6 = ZIP_LO.selectFrom(v3, v11);
            FloatVector u7 = ZIP_HI.selectFrom(v3, v11);
            FloatVector u8 = ZIP_LO.selectFrom(v4, v12);
            FloatVector u9 = ZIP_HI.selectFrom(v4, v12);
            FloatVector u10 = ZIP_LO.selectFrom(v5, v13);
            FloatVector u11 = ZIP_HI.selectFrom(v5, v13);
            FloatVector u12 = ZIP_LO.selectFrom(v6, v14);
            FloatVector u13 = ZIP_HI.selectFrom(v6, v14);
            FloatVector u14 = ZIP_LO.selectFrom(v7, v15);
            FloatVector u15 = ZIP_HI.selectFrom(v7, v15);
            v0 = ZIP_LO.selectFrom(u0, u8);
            v1 = ZIP_HI.selectFrom(u0, u8);
            v2 = ZIP_LO.selectFrom(u1, u9);
            v3 = ZIP_HI.selectFrom(u1, u9);
            v4 = ZIP_LO.selectFrom(u2, u10);
            v5 = ZIP_HI.selectFrom(u2, u10);
            v6 = ZIP_LO.selectFrom(u3, u11);
            v7 = ZIP_HI.selectFrom(u3, u11);
            v8 = ZIP_LO.selectFrom(u4, u12);
            v9 = ZIP_HI.selectFrom(u4, u12);
            v10 = ZIP_LO.selectFrom(u5, u13);
            v11 = ZIP_HI.selectFrom(u5, u13);
            v12 = ZIP_LO.selectFrom(u6, u14);
            v13 = ZIP_HI.selectFrom(u6, u14);
            v14 = ZIP_LO.selectFrom(u7, u15);
            v15 = ZIP_HI.selectFrom(u7, u15);
            u0 = ZIP_LO.selectFrom(v0, v8);
            u1 = ZIP_HI.selectFrom(v0, v8);
            u2 = ZIP_LO.selectFrom(v1, v9);
            u3 = ZIP_HI.selectFrom(v1, v9);
            u4 = ZIP_LO.selectFrom(v2, v10);
            u5 = ZIP_HI.selectFrom(v2, v10);
            u6 = ZIP_LO.selectFrom(v3, v11);
            u7 = ZIP_HI.selectFrom(v3, v11);
            u8 = ZIP_LO.selectFrom(v4, v12);
            u9 = ZIP_HI.selectFrom(v4, v12);
            u10 = ZIP_LO.selectFrom(v5, v13);
            u11 = ZIP_HI.selectFrom(v5, v13);
            u12 = ZIP_LO.selectFrom(v6, v14);
            u13 = ZIP_HI.selectFrom(v6, v14);
            u14 = ZIP_LO.selectFrom(v7, v15);
            u15 = ZIP_HI.selectFrom(v7, v15);
            v0 = ZIP_LO.selectFrom(u0, u8);
            v1 = ZIP_HI.selectFrom(u0, u8);
            v2 = ZIP_LO.selectFrom(u1, u9);
            v3 = ZIP_HI.selectFrom(u1, u9);
            v4 = ZIP_LO.selectFrom(u2, u10);
            v5 = ZIP_HI.selectFrom(u2, u10);
            v6 = ZIP_LO.selectFrom(u3, u11);
            v7 = ZIP_HI.selectFrom(u3, u11);
            v8 = ZIP_LO.selectFrom(u4, u12);
            v9 = ZIP_HI.selectFrom(u4, u12);
            v10 = ZIP_LO.selectFrom(u5, u13);
            v11 = ZIP_HI.selectFrom(u5, u13);
            v12 = ZIP_LO.selectFrom(u6, u14);
            v13 = ZIP_HI.selectFrom(u6, u14);
            v14 = ZIP_LO.selectFrom(u7, u15);
            v15 = ZIP_HI.selectFrom(u7, u15);
            v0.intoArray(dst, d + p * NR);
            v1.intoArray(dst, d + (p + 1) * NR);
            v2.intoArray(dst, d + (p + 2) * NR);
            v3.intoArray(dst, d + (p + 3) * NR);
            v4.intoArray(dst, d + (p + 4) * NR);
            v5.intoArray(dst, d + (p + 5) * NR);
            v6.intoArray(dst, d + (p + 6) * NR);
            v7.intoArray(dst, d + (p + 7) * NR);
            v8.intoArray(dst, d + (p + 8) * NR);
            v9.intoArray(dst, d + (p + 9) * NR);
            v10.intoArray(dst, d + (p + 10) * NR);
            v11.intoArray(dst, d + (p + 11) * NR);
            v12.intoArray(dst, d + (p + 12) * NR);
            v13.intoArray(dst, d + (p + 13) * NR);
            v14.intoArray(dst, d + (p + 14) * NR);
            v15.intoArray(dst, d + (p + 15) * NR);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 16; r++) {
                dst[d + p * NR + r] = src[s + r * ld + p];
            }
        }
    }

    /**
     * packColsB for 8 lanes.
     */
    private static void colsB8(float[] src, int s, int ld, int kc, float[] dst, int d) {
        int p = 0;
        for (; p + 8 <= kc; p += 8) {
            FloatVector v0 = FloatVector.fromArray(F, src, s + p);
            FloatVector v1 = FloatVector.fromArray(F, src, s + ld + p);
            FloatVector v2 = FloatVector.fromArray(F, src, s + 2 * ld + p);
            FloatVector v3 = FloatVector.fromArray(F, src, s + 3 * ld + p);
            FloatVector v4 = FloatVector.fromArray(F, src, s + 4 * ld + p);
            FloatVector v5 = FloatVector.fromArray(F, src, s + 5 * ld + p);
            FloatVector v6 = FloatVector.fromArray(F, src, s + 6 * ld + p);
            FloatVector v7 = FloatVector.fromArray(F, src, s + 7 * ld + p);
            FloatVector u0 = ZIP_LO.selectFrom(v0, v4);
            FloatVector u1 = ZIP_HI.selectFrom(v0, v4);
            FloatVector u2 = ZIP_LO.selectFrom(v1, v5);
            FloatVector u3 = ZIP_HI.selectFrom(v1, v5);
            FloatVector u4 = ZIP_LO.selectFrom(v2, v6);
            FloatVector u5 = ZIP_HI.selectFrom(v2, v6);
            FloatVector u6 = ZIP_LO.selectFrom(v3, v7);
            FloatVector u7 = ZIP_HI.selectFrom(v3, v7);
            v0 = ZIP_LO.selectFrom(u0, u4);
            v1 = ZIP_HI.selectFrom(u0, u4);
            v2 = ZIP_LO.selectFrom(u1, u5);
            v3 = ZIP_HI.selectFrom(u1, u5);
            v4 = ZIP_LO.selectFrom(u2, u6);
            v5 = ZIP_HI.selectFrom(u2, u6);
            v6 = ZIP_LO.selectFrom(u3, u7);
            v7 = ZIP_HI.selectFrom(u3, u7);
            u0 = ZIP_LO.selectFrom(v0, v4);
            u1 = ZIP_HI.selectFrom(v0, v4);
            u2 = ZIP_LO.selectFrom(v1, v5);
            u3 = ZIP_HI.selectFrom(v1, v5);
            u4 = ZIP_LO.selectFrom(v2, v6);
            u5 = ZIP_HI.selectFrom(v2, v6);
            u6 = ZIP_LO.selectFrom(v3, v7);
            u7 = ZIP_HI.selectFrom(v3, v7);
            u0.intoArray(dst, d + p * NR);
            u1.intoArray(dst, d + (p + 1) * NR);
            u2.intoArray(dst, d + (p + 2) * NR);
            u3.intoArray(dst, d + (p + 3) * NR);
            u4.intoArray(dst, d + (p + 4) * NR);
            u5.intoArray(dst, d + (p + 5) * NR);
            u6.intoArray(dst, d + (p + 6) * NR);
            u7.intoArray(dst, d + (p + 7) * NR);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 8; r++) {
                dst[d + p * NR + r] = src[s + r * ld + p];
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
