// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * The float GEMM of the {@code java} backend, BLIS-style: C is cut into blocks, op(A) and op(B)
 * are copied ("packed") into contiguous panels in the order the micro-kernel reads them, and the
 * micro-kernel keeps an MR x NR tile of C in registers for a whole KC-long strip of k.
 *
 * <p>Loops, outermost first (each C block is one task of {@link GemmPool}):
 * <pre>
 *   jc: NC columns of B   -- packed B panel  KC x NC  (L2 / L3)
 *     pc: k in equal strips of at most KC -- beta on the first strip, bias/ReLU on the last
 *       ic: MC rows of A  -- packed A block  MC x KC  (L2; read in place for a single column tile)
 *         jr: NR columns  -- B micro-panel   KC x NR  (L1 / L2)
 *           ir: MR rows   -- micro-kernel: MR x NR accumulators in registers
 * </pre>
 * The register tile follows the vector width ({@link SgemmVectorKernel}: 8 x 48 floats with
 * AVX-512, 6 x 16 with AVX2); MC and NC follow the cache sizes Linux reports ({@link CpuCaches});
 * KC is fixed (see there). Measured on an AVX-512 Intel Xeon (Emerald Rapids), natively and with
 * {@code -XX:UseAVX=2}, against OpenBLAS in the same JVM ({@code bench/run}). The transposes are
 * absorbed by the packing; no transpose is ever materialised. Edge tiles are padded with zeros and
 * computed at full size, so the inner loop has no tail; only their store goes through a scalar loop.
 *
 * <p>Every element of C is the same sequence of operations whatever the block it falls in (the
 * padding zeros only meet padding), and the k strips do not depend on the thread count: 1 and N
 * threads give bit-identical results.
 */
final class FloatGemm {
    /** Rows of the register tile: the vector micro-kernel's, or 4 for the scalar twin. */
    static final int MR = Simd.ENABLED ? SgemmVectorKernel.MR : 4;
    /** Columns of the register tile. */
    static final int NR = Simd.ENABLED ? SgemmVectorKernel.NR : 4;
    /** Columns of the unit in which C is split between threads: one vector, or the scalar tile. */
    static final int NU = Simd.ENABLED ? SgemmVectorKernel.L : NR;
    /**
     * Steps of k per strip: 256 on every machine. Where a strip ends, each element of C is rounded to
     * float, so KC is part of what a result's bits are; it depends neither on the vector width nor on
     * whether the Vector API is present, so the vector kernels and their scalar twin agree bit for
     * bit. The B micro-panel, KC * NR floats, is then 24 KiB with AVX-512's 8 x 48 tile (in a 32 or
     * 48 KiB L1d with room for the A micro-panel) and 16 KiB with AVX2's 6 x 16. Measured on an
     * AVX-512 Xeon (both operands packed, n = 1024 / MLP forward, GFLOP/s): KC 128 gave 59-64 / 52-76,
     * 256 gave 63-73 / 69-71, 512 gave 73 / 62.
     */
    static final int KC = Integer.getInteger("panamax.gemm.kc", 256);
    /** Rows of A per block: the packed MC x KC block fills up to half of L2. */
    static final int MC = Math.max(MR, Math.min(1024, Integer.getInteger("panamax.gemm.mc",
            (int) (CpuCaches.THIS.l2() / 2 / (KC * Float.BYTES))) / MR * MR));
    /** Columns of B per packed panel: KC x NC floats in up to a quarter of L3 (4 MiB at most). */
    static final int NC = roundUp(Math.max(4 * NR, Math.min(4096, Integer.getInteger("panamax.gemm.nc",
            (int) (Math.min(4L << 20, Math.max(CpuCaches.THIS.l3() / 4, CpuCaches.THIS.l2() / 2))
                    / (KC * Float.BYTES))))), NR);

    private FloatGemm() {}

    static final int PACK_A_TILES = Integer.getInteger("panamax.gemm.packATiles", 2);

    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }

    /** Room past a packed A block for the vector packing's overhanging store (see packRowsA). */
    static final int SLACK = 16;

    /** Packing buffers and the edge-tile scratch of one thread, grown on demand and then reused. */
    static final class Buffers {
        float[] a = new float[0], b = new float[0];
        final float[] tmp = new float[MR * NR], edgeA = new float[MR * KC + SLACK];

        void ensure(int aLen, int bLen) {
            if (a.length < aLen + SLACK) {
                a = new float[aLen + SLACK];
            }
            if (b.length < bLen) {
                b = new float[bLen];
            }
        }
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    private static final ThreadLocal<Call> CALLS = ThreadLocal.withInitial(Call::new);

    /**
     * C = act(alpha * op(A) * op(B) + beta * C + bias), bias per column (null: none), act ReLU when
     * relu. Arguments already checked. Modified: c. Not modified: a, b, bias.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc, float[] bias, int biasOff, boolean relu, int threads) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scaleOnly(m, n, beta, c, cOff, ldc, bias, biasOff, relu);
            return;
        }
        Call call = CALLS.get();
        call.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, bias, biasOff, relu);
        // Split C between threads only when the work pays for waking them: waking a worker took tens
        // of microseconds on the shared 2-core machine (n = 128, 4 MFLOP, ran in 46 us on one
        // thread and 80 us on two), so the threshold is 8 MFLOP (about 90 us on one thread).
        int parts = (long) m * n * k < 1L << 22 ? 1 : Math.max(1, threads);
        // Split by columns when there are enough of them: each thread then packs only its own part
        // of B. Split by rows for a narrow C (the MLP's 256 x 10 output). Columns are split in whole
        // vectors, not whole tiles, so the parts are even: 256 columns are 128 + 128 (tiles of 48,
        // 48, 32 each), not 144 + 112, which held two threads to 1.4x of one on the MLP's forward
        // product.
        int rowUnits = (m + MR - 1) / MR, colUnits = (n + NU - 1) / NU;
        boolean byCols = colUnits >= 2 * parts || colUnits >= rowUnits;
        parts = Math.min(parts, byCols ? colUnits : rowUnits);
        call.rowParts = byCols ? 1 : parts;
        call.colParts = byCols ? parts : 1;
        try {
            if (parts == 1) {
                call.run(0);
            } else {
                GemmPool.INSTANCE.invoke(call, parts, parts - 1);
            }
        } finally {
            call.clear();
        }
    }

    /** The arguments of one call, reused by its calling thread; a task is one block of C. */
    static final class Call extends GemmPool.Job {
        boolean transA, transB, relu;
        int m, n, k, aOff, lda, bOff, ldb, cOff, ldc, biasOff, rowParts, colParts;
        float alpha, beta;
        float[] a, b, c, bias;

        void set(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                 float[] bias, int biasOff, boolean relu) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.bias = bias;
            this.biasOff = biasOff;
            this.relu = relu;
        }

        /** Drops the references to the caller's arrays so the reused job does not keep them alive. */
        void clear() {
            a = b = c = bias = null;
        }

        @Override
        void run(int task) {
            int ti = task / colParts, tj = task % colParts;
            int rowUnits = (m + MR - 1) / MR, colUnits = (n + NU - 1) / NU;
            int i0 = rowUnits * ti / rowParts * MR, i1 = Math.min(m, rowUnits * (ti + 1) / rowParts * MR);
            int j0 = colUnits * tj / colParts * NU, j1 = Math.min(n, colUnits * (tj + 1) / colParts * NU);
            if (i0 < i1 && j0 < j1) {
                block(this, i0, i1, j0, j1, BUFFERS.get());
            }
        }
    }

    /**
     * Computes rows [i0, i1) x columns [j0, j1) of C over all of k. Both operands are always packed:
     * the micro-kernel then reads only contiguous panels at constant strides, which C2 compiles
     * without a range check in the loop (reading A in place, as an earlier version did, kept them,
     * and on an AVX-512 Xeon packing both measured 69-78 against 52-55 GFLOP/s). The copies cost
     * m k + k n element moves per call against 2 m n k flops.
     */
    static void block(Call g, int i0, int i1, int j0, int j1, Buffers buf) {
        int k = g.k, ldc = g.ldc;
        buf.ensure(roundUp(Math.min(MC, i1 - i0), MR) * Math.min(KC, k), roundUp(Math.min(NC, j1 - j0), NR) * Math.min(KC, k));
        float[] pa = buf.a, pb = buf.b;
        boolean packedA = !Simd.ENABLED || g.transA || (Math.min(NC, j1 - j0) + NR - 1) / NR > PACK_A_TILES;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            // k is cut into equal strips of at most KC steps (784 = 4 x 196, not 3 x 256 + 16): a
            // short last strip would load and store every C tile for a handful of FMAs.
            int strips = (k + KC - 1) / KC;
            for (int s = 0, pc = 0, kc = 0; s < strips; s++, pc += kc) {
                kc = (int) ((long) k * (s + 1) / strips) - pc;
                boolean last = s == strips - 1;
                float beta = pc == 0 ? g.beta : 1f;
                float[] bias = last ? g.bias : null;
                boolean relu = last && g.relu;
                packB(g.transB, g.b, g.bOff, g.ldb, pc, kc, jc, nc, pb);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    if (packedA) {
                        packA(g.transA, g.a, g.aOff, g.lda, ic, mc, pc, kc, pa);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int ci = g.cOff + (ic + ir) * ldc + jc + jr, bj = g.biasOff + jc + jr;
                            if (!packedA && rows == MR) {
                                SgemmVectorKernel.kernelRows(kc, g.a, g.aOff + (ic + ir) * g.lda + pc, g.lda,
                                        pb, jr * kc, g.c, ci, ldc, rows, cols, g.alpha, beta, bias, bj, relu, buf.tmp);
                            } else if (!packedA) {
                                packA(false, g.a, g.aOff, g.lda, ic + ir, rows, pc, kc, buf.edgeA);
                                SgemmVectorKernel.kernel(kc, buf.edgeA, 0, pb, jr * kc, g.c, ci, ldc, rows, cols,
                                        g.alpha, beta, bias, bj, relu, buf.tmp);
                            } else if (Simd.ENABLED) {
                                SgemmVectorKernel.kernel(kc, pa, ir * kc, pb, jr * kc, g.c, ci, ldc, rows, cols,
                                        g.alpha, beta, bias, bj, relu, buf.tmp);
                            } else {
                                scalarKernel(kc, pa, ir * kc, pb, jr * kc, g.c, ci, ldc, rows, cols,
                                        g.alpha, beta, bias, bj, relu, buf.tmp);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs rows [ic, ic + mc) x steps [pc, pc + kc) of op(A) into MR-row micro-panels: the panel
     * of rows ic + q .. ic + q + MR - 1 starts at q * kc and holds, for each step p, its MR values.
     * Rows past mc are zeros. Modified: dst.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float[] dst) {
        for (int q = 0; q < mc; q += MR) {
            int rows = Math.min(MR, mc - q), base = q * kc;
            if (transA && Simd.ENABLED && rows == MR) {
                SgemmVectorKernel.copyRowsA(a, aOff + pc * lda + ic + q, lda, kc, dst, base);
            } else if (transA) {
                // op(A)(i, p) = a[p * lda + i]: the MR values of one step are contiguous.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + q, d = base + p * MR;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = a[src + r];
                    }
                }
            } else if (Simd.ENABLED && rows == MR) {
                // op(A)(i, p) = a[i * lda + p]: a transpose, done in registers.
                SgemmVectorKernel.packRowsA(a, aOff + (ic + q) * lda + pc, lda, kc, dst, base);
            } else {
                // op(A)(i, p) = a[i * lda + p]: read each row forwards, write with stride MR.
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (ic + q + r) * lda + pc, d = base + r;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * MR] = a[src + p];
                    }
                }
            }
            for (int r = rows; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    dst[base + p * MR + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs steps [pc, pc + kc) x columns [jc, jc + nc) of op(B) into NR-column micro-panels: the
     * panel of columns jc + q .. starts at q * kc and holds, for each step p, its NR values.
     * Columns past nc are zeros. Modified: dst.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] dst) {
        for (int q = 0; q < nc; q += NR) {
            int cols = Math.min(NR, nc - q), base = q * kc;
            if (transB) {
                // op(B)(p, j) = b[j * ldb + p]: a transpose. The vector path does L columns x L steps
                // in registers (zips, see SgemmVectorKernel.packColsB); the scalar loop reads each
                // column forwards and writes with stride NR (0.45-0.6 ns an element on 256 x 784,
                // against 0.07-0.18 for the in-register transpose on a Zen 5 with and without AVX-512).
                int col = 0;
                if (Simd.ENABLED) {
                    // In registers, L columns at a time.
                    for (; col + SgemmVectorKernel.L <= cols; col += SgemmVectorKernel.L) {
                        SgemmVectorKernel.packColsB(b, bOff + (jc + q + col) * ldb + pc, ldb, kc, dst, base + col);
                    }
                }
                for (; col < cols; col++) {
                    int src = bOff + (jc + q + col) * ldb + pc, d = base + col;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * NR] = b[src + p];
                    }
                }
            } else if (Simd.ENABLED && cols == NR) {
                SgemmVectorKernel.copyColsB(b, bOff + pc * ldb + jc + q, ldb, kc, dst, base);
            } else {
                // op(B)(p, j) = b[p * ldb + j]: NR contiguous values per step.
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + q, d = base + p * NR;
                    for (int col = 0; col < cols; col++) {
                        dst[d + col] = b[src + col];
                    }
                }
            }
            if (cols < NR) {
                for (int p = 0; p < kc; p++) {
                    for (int col = cols; col < NR; col++) {
                        dst[base + p * NR + col] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Stores columns [j0, cols) of the valid rows of a tile held in tmp (rows ldt apart) into C with
     * the formula of the vector store: r = alpha * acc; r = fma(C, beta, r) unless beta is 0; + bias;
     * max(r, 0). Modified: c. Not modified: tmp, bias.
     */
    static void storeEdge(float[] tmp, int ldt, int j0, float[] c, int ci, int ldc, int rows, int cols,
                          float alpha, float beta, float[] bias, int bj, boolean relu) {
        for (int r = 0; r < rows; r++) {
            for (int j = j0; j < cols; j++) {
                float v = alpha * tmp[r * ldt + j];
                int idx = ci + r * ldc + j;
                if (beta != 0f) {
                    v = Math.fma(c[idx], beta, v);
                }
                if (bias != null) {
                    v += bias[bj + j];
                }
                if (relu) {
                    v = Math.max(v, 0f);
                }
                c[idx] = v;
            }
        }
    }

    /**
     * The scalar twin of the micro-kernel: a 4 x 4 tile in 16 local accumulators, the same packed
     * panels and the same store. Modified: c, tmp.
     */
    static void scalarKernel(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc,
                             int rows, int cols, float alpha, float beta, float[] bias, int bj, boolean relu,
                             float[] tmp) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 4, pB = bi + p * 4;
            float b0 = pb[pB], b1 = pb[pB + 1], b2 = pb[pB + 2], b3 = pb[pB + 3];
            float a = pa[pA];
            c00 = Math.fma(a, b0, c00); c01 = Math.fma(a, b1, c01); c02 = Math.fma(a, b2, c02); c03 = Math.fma(a, b3, c03);
            a = pa[pA + 1];
            c10 = Math.fma(a, b0, c10); c11 = Math.fma(a, b1, c11); c12 = Math.fma(a, b2, c12); c13 = Math.fma(a, b3, c13);
            a = pa[pA + 2];
            c20 = Math.fma(a, b0, c20); c21 = Math.fma(a, b1, c21); c22 = Math.fma(a, b2, c22); c23 = Math.fma(a, b3, c23);
            a = pa[pA + 3];
            c30 = Math.fma(a, b0, c30); c31 = Math.fma(a, b1, c31); c32 = Math.fma(a, b2, c32); c33 = Math.fma(a, b3, c33);
        }
        tmp[0] = c00; tmp[1] = c01; tmp[2] = c02; tmp[3] = c03;
        tmp[4] = c10; tmp[5] = c11; tmp[6] = c12; tmp[7] = c13;
        tmp[8] = c20; tmp[9] = c21; tmp[10] = c22; tmp[11] = c23;
        tmp[12] = c30; tmp[13] = c31; tmp[14] = c32; tmp[15] = c33;
        storeEdge(tmp, 4, 0, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
    }

    /** C = act(beta * C + bias) without reading C when beta is 0: the k == 0 or alpha == 0 case. */
    static void scaleOnly(int m, int n, float beta, float[] c, int cOff, int ldc, float[] bias, int biasOff,
                          boolean relu) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int idx = cOff + i * ldc + j;
                float v = beta == 0f ? 0f : beta * c[idx];
                if (bias != null) {
                    v += bias[biasOff + j];
                }
                if (relu) {
                    v = Math.max(v, 0f);
                }
                c[idx] = v;
            }
        }
    }
}
