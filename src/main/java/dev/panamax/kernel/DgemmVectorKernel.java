// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double GEMM micro-kernels on the Vector API. Loaded only when {@link Simd#ENABLED}; {@link DoubleGemm}
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
final class DgemmVectorKernel {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = D.length();
    /** True with 512-bit (or wider) vectors, which come with 32 vector registers on x86. */
    static final boolean WIDE = D.vectorBitSize() >= 512;
    /** Rows of the register tile. */
    static final int MR = WIDE ? 8 : 6;
    /** Vectors per row of the register tile. */
    static final int NV = WIDE ? 3 : 2;
    /** Columns of the register tile. */
    static final int NR = NV * L;
    /** Index vectors of the two zips: lanes 0, L, 1, L + 1, ... and L / 2, 3 L / 2, ... of two vectors. */
    private static final DoubleVector ZIP_LO = zip(0), ZIP_HI = zip(L / 2);
    /** The lanes of the last, partial vector of an MR-value row (all of them when MR is a multiple of L). */
    private static final VectorMask<Double> A_REST = D.indexInRange(0, MR % L == 0 ? L : MR % L);

    private DgemmVectorKernel() {}

    private static DoubleVector zip(int from) {
        double[] index = new double[L];
        for (int t = 0; t < L; t++) {
            index[t] = (t & 1) * L + from + t / 2;
        }
        return DoubleVector.fromArray(D, index, 0);
    }

    /**
     * C[rows x cols] at c[ci], rows ldc apart = alpha * (packed A panel * packed B panel) + beta * C,
     * then + bias[bj + column] when bias is not null, then max(., 0) when relu. The A panel holds kc
     * steps of MR values at pa[ai], the B panel kc steps of NR values at pb[bi], both zero-padded past
     * rows and cols. Only ceil(cols / L) vectors of each row are computed. Beta 0 does not read C.
     * Modified: c, tmp (MR * NR values). Not modified: pa, pb, bias.
     */
    static void kernel(int kc, double[] pa, int ai, double[] pb, int bi, double[] c, int ci, int ldc, int rows, int cols,
                       double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
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
    static void packRowsA(double[] src, int s, int ld, int kc, double[] dst, int d) {
        if (MR == 8 && L == 8) {
            rowsA8x8(src, s, ld, kc, dst, d);
        } else if (MR == 6 && L == 4) {
            rowsA6x4(src, s, ld, kc, dst, d);
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
    static void packColsB(double[] src, int s, int ld, int kc, double[] dst, int d) {
        if (L == 8) {
            colsB8(src, s, ld, kc, dst, d);
        } else if (L == 4) {
            colsB4(src, s, ld, kc, dst, d);
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
    static void copyRowsA(double[] src, int s, int ld, int kc, double[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int from = s + p * ld, to = d + p * MR, v = 0;
            for (; v + L <= MR; v += L) {
                DoubleVector.fromArray(D, src, from + v).intoArray(dst, to + v);
            }
            if (v < MR) {
                DoubleVector.fromArray(D, src, from + v, A_REST).intoArray(dst, to + v, A_REST);
            }
        }
    }

    /**
     * Packs NR columns of a row-major B (step p's NR values contiguous at src[s + p * ld]) for kc
     * steps into one micro-panel: step p's NR values at dst[d + p * NR]. Modified: dst. Not modified: src.
     */
    static void copyColsB(double[] src, int s, int ld, int kc, double[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int from = s + p * ld, to = d + p * NR;
            for (int v = 0; v < NR; v += L) {
                DoubleVector.fromArray(D, src, from + v).intoArray(dst, to + v);
            }
        }
    }

    /**
     * packRowsA for 8 rows and 8 lanes.
     */
    private static void rowsA8x8(double[] src, int s, int ld, int kc, double[] dst, int d) {
        int p = 0;
        for (; p + 8 <= kc; p += 8) {
            DoubleVector v0 = DoubleVector.fromArray(D, src, s + p);
            DoubleVector v1 = DoubleVector.fromArray(D, src, s + ld + p);
            DoubleVector v2 = DoubleVector.fromArray(D, src, s + 2 * ld + p);
            DoubleVector v3 = DoubleVector.fromArray(D, src, s + 3 * ld + p);
            DoubleVector v4 = DoubleVector.fromArray(D, src, s + 4 * ld + p);
            DoubleVector v5 = DoubleVector.fromArray(D, src, s + 5 * ld + p);
            DoubleVector v6 = DoubleVector.fromArray(D, src, s + 6 * ld + p);
            DoubleVector v7 = DoubleVector.fromArray(D, src, s + 7 * ld + p);
            DoubleVector u0 = ZIP_LO.selectFrom(v0, v4);
            DoubleVector u1 = ZIP_HI.selectFrom(v0, v4);
            DoubleVector u2 = ZIP_LO.selectFrom(v1, v5);
            DoubleVector u3 = ZIP_HI.selectFrom(v1, v5);
            DoubleVector u4 = ZIP_LO.selectFrom(v2, v6);
            DoubleVector u5 = ZIP_HI.selectFrom(v2, v6);
            DoubleVector u6 = ZIP_LO.selectFrom(v3, v7);
            DoubleVector u7 = ZIP_HI.selectFrom(v3, v7);
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
            u1.intoArray(dst, d + (p + 1) * 8);
            u2.intoArray(dst, d + (p + 2) * 8);
            u3.intoArray(dst, d + (p + 3) * 8);
            u4.intoArray(dst, d + (p + 4) * 8);
            u5.intoArray(dst, d + (p + 5) * 8);
            u6.intoArray(dst, d + (p + 6) * 8);
            u7.intoArray(dst, d + (p + 7) * 8);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 8; r++) {
                dst[d + p * 8 + r] = src[s + r * ld + p];
            }
        }
    }

    /**
     * packRowsA for 6 rows and 4 lanes.
     */
    private static void rowsA6x4(double[] src, int s, int ld, int kc, double[] dst, int d) {
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            DoubleVector v0 = DoubleVector.fromArray(D, src, s + p);
            DoubleVector v1 = DoubleVector.fromArray(D, src, s + ld + p);
            DoubleVector v2 = DoubleVector.fromArray(D, src, s + 2 * ld + p);
            DoubleVector v3 = DoubleVector.fromArray(D, src, s + 3 * ld + p);
            DoubleVector v4 = DoubleVector.fromArray(D, src, s + 4 * ld + p);
            DoubleVector v5 = DoubleVector.fromArray(D, src, s + 5 * ld + p);
            DoubleVector v6 = DoubleVector.zero(D);
            DoubleVector v7 = DoubleVector.zero(D);
            DoubleVector u0 = ZIP_LO.selectFrom(v0, v4);
            DoubleVector u1 = ZIP_HI.selectFrom(v0, v4);
            DoubleVector u2 = ZIP_LO.selectFrom(v1, v5);
            DoubleVector u3 = ZIP_HI.selectFrom(v1, v5);
            DoubleVector u4 = ZIP_LO.selectFrom(v2, v6);
            DoubleVector u5 = ZIP_HI.selectFrom(v2, v6);
            DoubleVector u6 = ZIP_LO.selectFrom(v3, v7);
            DoubleVector u7 = ZIP_HI.selectFrom(v3, v7);
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
            u1.intoArray(dst, d + p * 6 + 4);
            u2.intoArray(dst, d + (p + 1) * 6);
            u3.intoArray(dst, d + (p + 1) * 6 + 4);
            u4.intoArray(dst, d + (p + 2) * 6);
            u5.intoArray(dst, d + (p + 2) * 6 + 4);
            u6.intoArray(dst, d + (p + 3) * 6);
            u7.intoArray(dst, d + (p + 3) * 6 + 4);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 6; r++) {
                dst[d + p * 6 + r] = src[s + r * ld + p];
            }
        }
    }

    /**
     * packColsB for 8 lanes.
     */
    private static void colsB8(double[] src, int s, int ld, int kc, double[] dst, int d) {
        int p = 0;
        for (; p + 8 <= kc; p += 8) {
            DoubleVector v0 = DoubleVector.fromArray(D, src, s + p);
            DoubleVector v1 = DoubleVector.fromArray(D, src, s + ld + p);
            DoubleVector v2 = DoubleVector.fromArray(D, src, s + 2 * ld + p);
            DoubleVector v3 = DoubleVector.fromArray(D, src, s + 3 * ld + p);
            DoubleVector v4 = DoubleVector.fromArray(D, src, s + 4 * ld + p);
            DoubleVector v5 = DoubleVector.fromArray(D, src, s + 5 * ld + p);
            DoubleVector v6 = DoubleVector.fromArray(D, src, s + 6 * ld + p);
            DoubleVector v7 = DoubleVector.fromArray(D, src, s + 7 * ld + p);
            DoubleVector u0 = ZIP_LO.selectFrom(v0, v4);
            DoubleVector u1 = ZIP_HI.selectFrom(v0, v4);
            DoubleVector u2 = ZIP_LO.selectFrom(v1, v5);
            DoubleVector u3 = ZIP_HI.selectFrom(v1, v5);
            DoubleVector u4 = ZIP_LO.selectFrom(v2, v6);
            DoubleVector u5 = ZIP_HI.selectFrom(v2, v6);
            DoubleVector u6 = ZIP_LO.selectFrom(v3, v7);
            DoubleVector u7 = ZIP_HI.selectFrom(v3, v7);
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
     * packColsB for 4 lanes.
     */
    private static void colsB4(double[] src, int s, int ld, int kc, double[] dst, int d) {
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            DoubleVector v0 = DoubleVector.fromArray(D, src, s + p);
            DoubleVector v1 = DoubleVector.fromArray(D, src, s + ld + p);
            DoubleVector v2 = DoubleVector.fromArray(D, src, s + 2 * ld + p);
            DoubleVector v3 = DoubleVector.fromArray(D, src, s + 3 * ld + p);
            DoubleVector u0 = ZIP_LO.selectFrom(v0, v2);
            DoubleVector u1 = ZIP_HI.selectFrom(v0, v2);
            DoubleVector u2 = ZIP_LO.selectFrom(v1, v3);
            DoubleVector u3 = ZIP_HI.selectFrom(v1, v3);
            v0 = ZIP_LO.selectFrom(u0, u2);
            v1 = ZIP_HI.selectFrom(u0, u2);
            v2 = ZIP_LO.selectFrom(u1, u3);
            v3 = ZIP_HI.selectFrom(u1, u3);
            v0.intoArray(dst, d + p * NR);
            v1.intoArray(dst, d + (p + 1) * NR);
            v2.intoArray(dst, d + (p + 2) * NR);
            v3.intoArray(dst, d + (p + 3) * NR);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 4; r++) {
                dst[d + p * NR + r] = src[s + r * ld + p];
            }
        }
    }

    /**
     * As {@link #kernel}, reading A where it is: A(r, p) at pa[ai + r * lda + p] (rows of a row-major
     * matrix, contiguous in k), for all MR rows. For an A that only one column tile uses, where
     * packing it would cost as much as the product. Modified: c, tmp. Not modified: pa, pb, bias.
     */
    static void kernelRows(int kc, double[] pa, int ai, int lda, double[] pb, int bi, double[] c, int ci, int ldc, int rows, int cols,
                       double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
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
    private static void k8x3(int kc, double[] pa, int ai, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D), c02 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D), c12 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D), c22 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D), c32 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D), c41 = DoubleVector.zero(D), c42 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D), c51 = DoubleVector.zero(D), c52 = DoubleVector.zero(D);
        DoubleVector c60 = DoubleVector.zero(D), c61 = DoubleVector.zero(D), c62 = DoubleVector.zero(D);
        DoubleVector c70 = DoubleVector.zero(D), c71 = DoubleVector.zero(D), c72 = DoubleVector.zero(D);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 8, pB = bi + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector b1 = DoubleVector.fromArray(D, pb, pB + L);
            DoubleVector b2 = DoubleVector.fromArray(D, pb, pB + 2 * L);
            DoubleVector a = DoubleVector.broadcast(D, pa[pA]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02);
            a = DoubleVector.broadcast(D, pa[pA + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12);
            a = DoubleVector.broadcast(D, pa[pA + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22);
            a = DoubleVector.broadcast(D, pa[pA + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32);
            a = DoubleVector.broadcast(D, pa[pA + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42);
            a = DoubleVector.broadcast(D, pa[pA + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52);
            a = DoubleVector.broadcast(D, pa[pA + 6]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61); c62 = a.fma(b2, c62);
            a = DoubleVector.broadcast(D, pa[pA + 7]);
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
    private static void k8x2(int kc, double[] pa, int ai, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D), c41 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D), c51 = DoubleVector.zero(D);
        DoubleVector c60 = DoubleVector.zero(D), c61 = DoubleVector.zero(D);
        DoubleVector c70 = DoubleVector.zero(D), c71 = DoubleVector.zero(D);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 8, pB = bi + p * NR;
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
            a = DoubleVector.broadcast(D, pa[pA + 6]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = DoubleVector.broadcast(D, pa[pA + 7]);
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
    private static void k8x1(int kc, double[] pa, int ai, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D);
        DoubleVector c60 = DoubleVector.zero(D);
        DoubleVector c70 = DoubleVector.zero(D);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 8, pB = bi + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector a = DoubleVector.broadcast(D, pa[pA]);
            c00 = a.fma(b0, c00);
            a = DoubleVector.broadcast(D, pa[pA + 1]);
            c10 = a.fma(b0, c10);
            a = DoubleVector.broadcast(D, pa[pA + 2]);
            c20 = a.fma(b0, c20);
            a = DoubleVector.broadcast(D, pa[pA + 3]);
            c30 = a.fma(b0, c30);
            a = DoubleVector.broadcast(D, pa[pA + 4]);
            c40 = a.fma(b0, c40);
            a = DoubleVector.broadcast(D, pa[pA + 5]);
            c50 = a.fma(b0, c50);
            a = DoubleVector.broadcast(D, pa[pA + 6]);
            c60 = a.fma(b0, c60);
            a = DoubleVector.broadcast(D, pa[pA + 7]);
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
    private static void k6x2(int kc, double[] pa, int ai, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D), c41 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D), c51 = DoubleVector.zero(D);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 6, pB = bi + p * NR;
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
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L);
        c10.intoArray(tmp, 1 * NR); c11.intoArray(tmp, 1 * NR + L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L);
        c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L);
        c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L);
        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** The 6 x 1-vector tile: see {@link #kernel}. */
    private static void k6x1(int kc, double[] pa, int ai, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D);
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 6, pB = bi + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector a = DoubleVector.broadcast(D, pa[pA]);
            c00 = a.fma(b0, c00);
            a = DoubleVector.broadcast(D, pa[pA + 1]);
            c10 = a.fma(b0, c10);
            a = DoubleVector.broadcast(D, pa[pA + 2]);
            c20 = a.fma(b0, c20);
            a = DoubleVector.broadcast(D, pa[pA + 3]);
            c30 = a.fma(b0, c30);
            a = DoubleVector.broadcast(D, pa[pA + 4]);
            c40 = a.fma(b0, c40);
            a = DoubleVector.broadcast(D, pa[pA + 5]);
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
    private static void r8x3(int kc, double[] pa, int ai, int lda, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D), c02 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D), c12 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D), c22 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D), c32 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D), c41 = DoubleVector.zero(D), c42 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D), c51 = DoubleVector.zero(D), c52 = DoubleVector.zero(D);
        DoubleVector c60 = DoubleVector.zero(D), c61 = DoubleVector.zero(D), c62 = DoubleVector.zero(D);
        DoubleVector c70 = DoubleVector.zero(D), c71 = DoubleVector.zero(D), c72 = DoubleVector.zero(D);
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
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector b1 = DoubleVector.fromArray(D, pb, pB + L);
            DoubleVector b2 = DoubleVector.fromArray(D, pb, pB + 2 * L);
            DoubleVector a = DoubleVector.broadcast(D, pa[a0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02);
            a = DoubleVector.broadcast(D, pa[a1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12);
            a = DoubleVector.broadcast(D, pa[a2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22);
            a = DoubleVector.broadcast(D, pa[a3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32);
            a = DoubleVector.broadcast(D, pa[a4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42);
            a = DoubleVector.broadcast(D, pa[a5 + p]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52);
            a = DoubleVector.broadcast(D, pa[a6 + p]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61); c62 = a.fma(b2, c62);
            a = DoubleVector.broadcast(D, pa[a7 + p]);
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
    private static void r8x2(int kc, double[] pa, int ai, int lda, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D), c41 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D), c51 = DoubleVector.zero(D);
        DoubleVector c60 = DoubleVector.zero(D), c61 = DoubleVector.zero(D);
        DoubleVector c70 = DoubleVector.zero(D), c71 = DoubleVector.zero(D);
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
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector b1 = DoubleVector.fromArray(D, pb, pB + L);
            DoubleVector a = DoubleVector.broadcast(D, pa[a0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(D, pa[a1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(D, pa[a2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(D, pa[a3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(D, pa[a4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(D, pa[a5 + p]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
            a = DoubleVector.broadcast(D, pa[a6 + p]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = DoubleVector.broadcast(D, pa[a7 + p]);
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
    private static void r8x1(int kc, double[] pa, int ai, int lda, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D);
        DoubleVector c60 = DoubleVector.zero(D);
        DoubleVector c70 = DoubleVector.zero(D);
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
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector a = DoubleVector.broadcast(D, pa[a0 + p]);
            c00 = a.fma(b0, c00);
            a = DoubleVector.broadcast(D, pa[a1 + p]);
            c10 = a.fma(b0, c10);
            a = DoubleVector.broadcast(D, pa[a2 + p]);
            c20 = a.fma(b0, c20);
            a = DoubleVector.broadcast(D, pa[a3 + p]);
            c30 = a.fma(b0, c30);
            a = DoubleVector.broadcast(D, pa[a4 + p]);
            c40 = a.fma(b0, c40);
            a = DoubleVector.broadcast(D, pa[a5 + p]);
            c50 = a.fma(b0, c50);
            a = DoubleVector.broadcast(D, pa[a6 + p]);
            c60 = a.fma(b0, c60);
            a = DoubleVector.broadcast(D, pa[a7 + p]);
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
    private static void r6x2(int kc, double[] pa, int ai, int lda, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D), c41 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D), c51 = DoubleVector.zero(D);
        int a0 = ai;
        int a1 = ai + lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        for (int p = 0; p < kc; p++) {
            int pB = bi + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector b1 = DoubleVector.fromArray(D, pb, pB + L);
            DoubleVector a = DoubleVector.broadcast(D, pa[a0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(D, pa[a1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(D, pa[a2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(D, pa[a3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(D, pa[a4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(D, pa[a5 + p]);
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
    private static void r6x1(int kc, double[] pa, int ai, int lda, double[] pb, int bi, double[] c, int ci, int ldc, int rows,
                             int cols, double alpha, double beta, double[] bias, int bj, boolean relu, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D);
        int a0 = ai;
        int a1 = ai + lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        for (int p = 0; p < kc; p++) {
            int pB = bi + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(D, pb, pB);
            DoubleVector a = DoubleVector.broadcast(D, pa[a0 + p]);
            c00 = a.fma(b0, c00);
            a = DoubleVector.broadcast(D, pa[a1 + p]);
            c10 = a.fma(b0, c10);
            a = DoubleVector.broadcast(D, pa[a2 + p]);
            c20 = a.fma(b0, c20);
            a = DoubleVector.broadcast(D, pa[a3 + p]);
            c30 = a.fma(b0, c30);
            a = DoubleVector.broadcast(D, pa[a4 + p]);
            c40 = a.fma(b0, c40);
            a = DoubleVector.broadcast(D, pa[a5 + p]);
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
