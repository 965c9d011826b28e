// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The double GEMM of the {@code java} backend: {@link FloatGemm} with double elements, kept line
 * for line in step with it (generated from it by replacing the element type), so the comments
 * there apply here.
 *
 * <p>Loops, outermost first (on several threads, {@link Call} says how they are shared out):
 * <pre>
 *   jc: NC columns of B   -- packed B panel  KC x NC  (L2 / L3)
 *     pc: k in equal strips of at most KC -- beta on the first strip, bias/ReLU on the last
 *       ic: MC rows of A  -- packed A block  MC x KC  (L2; read in place for a single column tile)
 *         jr: NR columns  -- B micro-panel   KC x NR  (L1 / L2)
 *           ir: MR rows   -- micro-kernel: MR x NR accumulators in registers
 * </pre>
 * The register tile follows the vector width ({@link DgemmVectorKernel}: 8 x 48 doubles with
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
final class DoubleGemm {
    /** Rows of the register tile: the vector micro-kernel's, or 4 for the scalar twin. */
    static final int MR = Simd.ENABLED ? DgemmVectorKernel.MR : 4;
    /** Columns of the register tile. */
    static final int NR = Simd.ENABLED ? DgemmVectorKernel.NR : 4;
    /** Columns of the unit in which runs of C are cut between threads: one vector, or the scalar tile. */
    static final int NU = Simd.ENABLED ? DgemmVectorKernel.L : NR;
    /**
     * Steps of k per strip: {@link FloatGemm#KC} in bytes, with 8-byte elements (KC * NR * 8 = 32 KiB
     * of B micro-panel at KC 256 and NR 16 on AVX-512). Not tuned separately.
     */
    static final int KC = Integer.getInteger("panamax.gemm.dkc", 256);
    /** Rows of A per block: MC * KC * 8 bytes (288 KiB at MC 144) in L2. */
    static final int MC = roundUp(Integer.getInteger("panamax.gemm.dmc", 144), MR);
    /** Columns of B per packed panel: KC * NC * 8 bytes (4 MiB at NC 2048) in the shared L3. */
    static final int NC = roundUp(Integer.getInteger("panamax.gemm.dnc", 2048), NR);

    private DoubleGemm() {}

    static final int PACK_A_TILES = Integer.getInteger("panamax.gemm.packATiles", 2);

    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }

    /** Room past a packed A block for the vector packing's overhanging store (see packRowsA). */
    static final int SLACK = 16;

    /** Packing buffers and the edge-tile scratch of one thread, grown on demand and then reused. */
    static final class Buffers {
        double[] a = new double[0], b = new double[0];
        /** Whose A block {@code a} holds in a wide call on several threads: the call, its seq and step. */
        Call aCall;
        int aSeq, aStep;
        final double[] tmp = new double[MR * NR], edgeA = new double[MR * KC + SLACK];

        void ensure(int aLen, int bLen) {
            if (a.length < aLen + SLACK) {
                a = new double[aLen + SLACK];
            }
            if (b.length < bLen) {
                b = new double[bLen];
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
                     double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc, double[] bias, int biasOff, boolean relu, int threads) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0d) {
            scaleOnly(m, n, beta, c, cOff, ldc, bias, biasOff, relu);
            return;
        }
        Call call = CALLS.get();
        call.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, bias, biasOff, relu);
        // Split C between threads only when the work pays for waking them: waking a worker took tens
        // of microseconds on the shared 2-core machine (n = 128, 4 MFLOP, ran in 46 us on one
        // thread and 80 us on two), so the threshold is 8 MFLOP (about 90 us on one thread).
        int parts = (long) m * n * k < 1L << 22 ? 1 : Math.max(1, threads);
        // Wide C (the MLP's big products): column micro-panels shared out as the threads go (see
        // Call). Narrow C (the MLP's 256 x 10 output): an even split by rows.
        int rowUnits = (m + MR - 1) / MR, colUnits = (n + NR - 1) / NR;
        call.shared = parts > 1 && colUnits >= 2 * parts;
        parts = call.shared ? parts : Math.min(parts, rowUnits);
        try {
            if (parts == 1) {
                block(call, 0, m, 0, n, BUFFERS.get());
            } else {
                GemmPool.INSTANCE.invoke(call, call.shared ? call.plan(parts) : call.rows(parts), parts - 1);
            }
        } finally {
            call.clear();
        }
    }

    /**
     * The arguments of one call, reused by its calling thread, and how a call on several threads is
     * shared out.
     *
     * <p>Wide C: a task is one NR-column micro-panel of C for one step of the loops of {@link
     * DoubleGemm#block} (a column block jc, a strip of k, a row block ic): it packs that micro-panel of B and
     * runs the micro-kernel down the rows of the block. Each thread packs the A block of a step for
     * itself (as every thread did when each had a fixed part), so it reads only panels it packed.
     * The micro-panels of a step are cut into one run per thread, left to right (in whole vectors, so
     * the runs are even; each run is tiled with panels from its first column): a thread takes the
     * next panel of its own run, and when that is used up, the last untaken panel of the run with
     * the most left, before it goes on to the next step. Each thread thus keeps mostly the same
     * columns of C, and of B, from step to step, while a thread that is slower (a busy neighbour on
     * a shared machine, a slower core) or starts late simply ends up with fewer panels. A fixed even
     * split held two threads to the slower one's pace: the caller of the MLP's training step waited
     * 12 to 20 % of its time for the other thread on a 2-core Zen 5 VM, whose second core ran 10 to
     * 20 % slower. A panel waits for its previous strip ({@code progress}).
     *
     * <p>Narrow C: an even split by rows, each part through {@link DoubleGemm#block}.
     *
     * <p>Either way every element of C goes through the same strips, kernels and stores as on one
     * thread.
     */
    static final class Call extends GemmPool.Job {
        boolean transA, transB, relu, shared;
        int m, n, k, aOff, lda, bOff, ldb, cOff, ldc, biasOff;
        double alpha, beta;
        double[] a, b, c, bias;

        /** Row parts of a narrow call. */
        int rowParts;
        /** The plan of a wide call: runs (one per thread), strips, row and column blocks, steps. */
        int runs, strips, rowBlocks, colBlocks, steps;
        /** A bound on the panels of a column block: the multiplier of a task's step. */
        int panelsPerBlock;
        /** Per column block and run boundary: the first column and the first panel of each run. */
        int[] runCol = new int[0], runPanel = new int[0];
        /** Which call this is, so a thread knows whether the A block it packed last is this call's. */
        int seq;
        /**
         * Per run and step, at {@code run * stride + step}: next untaken panel (high 32 bits), end of
         * the run (low 32 bits). Each run's entries are a cache line apart from the next run's, so
         * threads taking panels of their own runs do not pass a line back and forth.
         */
        AtomicLongArray next = new AtomicLongArray(0);
        int stride;
        /** Per row block, column block and panel, PAD_INTS apart (a cache line each): the strips done. */
        AtomicIntegerArray progress = new AtomicIntegerArray(0);
        /** Longs and ints in a 64-byte cache line. */
        static final int PAD_LONGS = 8, PAD_INTS = 16;
        /** Per run: the first step that may have panels left. */
        int[] cursor = new int[0];

        void set(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                 double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc,
                 double[] bias, int biasOff, boolean relu) {
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

        /** Prepares a narrow call of {@code parts} row parts; returns the number of tasks. */
        int rows(int parts) {
            rowParts = parts;
            return parts;
        }

        /** Writes the plan of a wide call for {@code threads} threads; returns the number of tasks. */
        int plan(int threads) {
            runs = threads;
            strips = (k + KC - 1) / KC;
            rowBlocks = (m + MC - 1) / MC;
            colBlocks = (n + NC - 1) / NC;
            steps = colBlocks * strips * rowBlocks;
            panelsPerBlock = NC / NR + runs; // a bound: each run's last panel may be narrow
            int bounds = colBlocks * (runs + 1);
            if (runCol.length < bounds) {
                runCol = new int[bounds];
                runPanel = new int[bounds];
            }
            // Runs are cut in whole vectors, so they are even (256 columns: 128 + 128, each panels of
            // 48, 48 and 32 wide, not 144 + 112), and each is tiled with panels from its first column.
            int panels = 0;
            for (int cb = 0; cb < colBlocks; cb++) {
                int nc = Math.min(NC, n - cb * NC), vectors = (nc + NU - 1) / NU, base = cb * (runs + 1);
                for (int r = 0; r <= runs; r++) {
                    runCol[base + r] = Math.min(nc, vectors * r / runs * NU);
                    runPanel[base + r] = r == 0 ? 0 : runPanel[base + r - 1] + (runCol[base + r] - runCol[base + r - 1] + NR - 1) / NR;
                }
                panels += runPanel[base + runs];
            }
            stride = roundUp(steps, PAD_LONGS) + PAD_LONGS;
            if (next.length() < runs * stride) {
                next = new AtomicLongArray(runs * stride);
            }
            if (progress.length() < rowBlocks * colBlocks * panelsPerBlock * PAD_INTS) {
                progress = new AtomicIntegerArray(rowBlocks * colBlocks * panelsPerBlock * PAD_INTS);
            }
            if (cursor.length < runs) {
                cursor = new int[runs];
            }
            for (int t = 0; t < steps; t++) {
                int base = t / (strips * rowBlocks) * (runs + 1);
                for (int r = 0; r < runs; r++) {
                    next.setPlain(r * stride + t, (long) runPanel[base + r] << 32 | runPanel[base + r + 1]);
                }
            }
            // Plain writes: starting the job publishes them (GemmPool.Job.start).
            for (int rb = 0; rb < rowBlocks; rb++) {
                for (int cb = 0; cb < colBlocks; cb++) {
                    for (int j = 0, used = runPanel[cb * (runs + 1) + runs]; j < used; j++) {
                        progress.setPlain(((rb * colBlocks + cb) * panelsPerBlock + j) * PAD_INTS, 0);
                    }
                }
            }
            java.util.Arrays.fill(cursor, 0, runs, 0);
            seq++;
            return strips * rowBlocks * panels;
        }

        @Override
        int claim(int participant) {
            if (!shared) {
                return super.claim(participant);
            }
            int own = participant % runs;
            for (int t = cursor[own]; t < steps; cursor[own] = ++t) {
                for (long v; (int) ((v = next.get(own * stride + t)) >>> 32) < (int) v; ) {
                    if (next.compareAndSet(own * stride + t, v, v + (1L << 32))) {
                        return t * panelsPerBlock + (int) (v >>> 32);
                    }
                }
                while (true) { // own run used up: the last panel of the run with the most left
                    int best = -1, most = 0;
                    for (int r = 0; r < runs; r++) {
                        long v = next.get(r * stride + t);
                        if ((int) v - (int) (v >>> 32) > most) {
                            most = (int) v - (int) (v >>> 32);
                            best = r;
                        }
                    }
                    if (best < 0) {
                        break; // every panel of this step is taken: on to the next step
                    }
                    long v = next.get(best * stride + t);
                    if ((int) (v >>> 32) < (int) v && next.compareAndSet(best * stride + t, v, v - 1)) {
                        return t * panelsPerBlock + (int) v - 1;
                    }
                }
            }
            return -1;
        }

        @Override
        void run(int task) {
            if (shared) {
                panel(task / panelsPerBlock, task % panelsPerBlock);
                return;
            }
            int rowUnits = (m + MR - 1) / MR;
            int i0 = rowUnits * task / rowParts * MR, i1 = Math.min(m, rowUnits * (task + 1) / rowParts * MR);
            if (i0 < i1) {
                block(this, i0, i1, 0, n, BUFFERS.get());
            }
        }

        /** Micro-panel j of step t: up to NR columns of C within its run, all rows of the step's row block. */
        private void panel(int t, int j) {
            int rb = t % rowBlocks, s = t / rowBlocks % strips, cb = t / (strips * rowBlocks), jc = cb * NC;
            int ic = rb * MC, mc = Math.min(MC, m - ic);
            int pc = (int) ((long) k * s / strips), kc = (int) ((long) k * (s + 1) / strips) - pc;
            int base = cb * (runs + 1), r = 0;
            while (runPanel[base + r + 1] <= j) {
                r++;
            }
            int j0 = jc + runCol[base + r] + (j - runPanel[base + r]) * NR;
            int cols = Math.min(NR, jc + runCol[base + r + 1] - j0);
            int key = ((rb * colBlocks + cb) * panelsPerBlock + j) * PAD_INTS;
            try {
                for (long t0 = System.nanoTime(); progress.get(key) < s; ) { // the previous strip of these columns
                    if (System.nanoTime() - t0 < GemmPool.SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();
                    }
                }
                Buffers buf = BUFFERS.get();
                int aStep = s * rowBlocks + rb;
                if (buf.aCall != this || buf.aSeq != seq || buf.aStep != aStep) {
                    buf.ensure(roundUp(mc, MR) * kc, NR * kc);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, buf.a);
                    buf.aCall = this;
                    buf.aSeq = seq;
                    buf.aStep = aStep;
                } else {
                    buf.ensure(0, NR * kc);
                }
                packB(transB, b, bOff, ldb, pc, kc, j0, cols, buf.b);
                boolean last = s == strips - 1;
                double stripBeta = s == 0 ? beta : 1d;
                double[] stripBias = last ? bias : null;
                for (int ir = 0; ir < mc; ir += MR) {
                    int rows = Math.min(MR, mc - ir), ci = cOff + (ic + ir) * ldc + j0;
                    if (Simd.ENABLED) {
                        DgemmVectorKernel.kernel(kc, buf.a, ir * kc, buf.b, 0, c, ci, ldc, rows, cols,
                                alpha, stripBeta, stripBias, biasOff + j0, last && relu, buf.tmp);
                    } else {
                        scalarKernel(kc, buf.a, ir * kc, buf.b, 0, c, ci, ldc, rows, cols,
                                alpha, stripBeta, stripBias, biasOff + j0, last && relu, buf.tmp);
                    }
                }
            } finally {
                progress.set(key, s + 1); // also after a failure, so no thread waits for ever
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
        double[] pa = buf.a, pb = buf.b;
        boolean packedA = !Simd.ENABLED || g.transA || (Math.min(NC, j1 - j0) + NR - 1) / NR > PACK_A_TILES;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            // k is cut into equal strips of at most KC steps (784 = 4 x 196, not 3 x 256 + 16): a
            // short last strip would load and store every C tile for a handful of FMAs.
            int strips = (k + KC - 1) / KC;
            for (int s = 0, pc = 0, kc = 0; s < strips; s++, pc += kc) {
                kc = (int) ((long) k * (s + 1) / strips) - pc;
                boolean last = s == strips - 1;
                double beta = pc == 0 ? g.beta : 1d;
                double[] bias = last ? g.bias : null;
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
                                DgemmVectorKernel.kernelRows(kc, g.a, g.aOff + (ic + ir) * g.lda + pc, g.lda,
                                        pb, jr * kc, g.c, ci, ldc, rows, cols, g.alpha, beta, bias, bj, relu, buf.tmp);
                            } else if (!packedA) {
                                packA(false, g.a, g.aOff, g.lda, ic + ir, rows, pc, kc, buf.edgeA);
                                DgemmVectorKernel.kernel(kc, buf.edgeA, 0, pb, jr * kc, g.c, ci, ldc, rows, cols,
                                        g.alpha, beta, bias, bj, relu, buf.tmp);
                            } else if (Simd.ENABLED) {
                                DgemmVectorKernel.kernel(kc, pa, ir * kc, pb, jr * kc, g.c, ci, ldc, rows, cols,
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
    static void packA(boolean transA, double[] a, int aOff, int lda, int ic, int mc, int pc, int kc, double[] dst) {
        for (int q = 0; q < mc; q += MR) {
            int rows = Math.min(MR, mc - q), base = q * kc;
            if (transA && Simd.ENABLED && rows == MR) {
                DgemmVectorKernel.copyRowsA(a, aOff + pc * lda + ic + q, lda, kc, dst, base);
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
                DgemmVectorKernel.packRowsA(a, aOff + (ic + q) * lda + pc, lda, kc, dst, base);
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
                    dst[base + p * MR + r] = 0d;
                }
            }
        }
    }

    /**
     * Packs steps [pc, pc + kc) x columns [jc, jc + nc) of op(B) into NR-column micro-panels: the
     * panel of columns jc + q .. starts at q * kc and holds, for each step p, its NR values.
     * Columns past nc, to the end of the vector (scalar: of the tile), are zeros. Modified: dst.
     */
    static void packB(boolean transB, double[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, double[] dst) {
        for (int q = 0; q < nc; q += NR) {
            int cols = Math.min(NR, nc - q), base = q * kc;
            if (transB) {
                // op(B)(p, j) = b[j * ldb + p]: a transpose. The vector path does L columns x L steps
                // in registers (zips, see DgemmVectorKernel.packColsB); the scalar loop reads each
                // column forwards and writes with stride NR (0.45-0.6 ns an element on 256 x 784,
                // against 0.07-0.18 for the in-register transpose on a Zen 5 with and without AVX-512).
                int col = 0;
                if (Simd.ENABLED) {
                    // In registers, L columns at a time.
                    for (; col + DgemmVectorKernel.L <= cols; col += DgemmVectorKernel.L) {
                        DgemmVectorKernel.packColsB(b, bOff + (jc + q + col) * ldb + pc, ldb, kc, dst, base + col);
                    }
                }
                for (; col < cols; col++) {
                    int src = bOff + (jc + q + col) * ldb + pc, d = base + col;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * NR] = b[src + p];
                    }
                }
            } else if (Simd.ENABLED && cols == NR) {
                DgemmVectorKernel.copyColsB(b, bOff + pc * ldb + jc + q, ldb, kc, dst, base);
            } else {
                // op(B)(p, j) = b[p * ldb + j]: NR contiguous values per step.
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + q, d = base + p * NR;
                    for (int col = 0; col < cols; col++) {
                        dst[d + col] = b[src + col];
                    }
                }
            }
            // Zeros where a kernel reads past the columns: the rest of the last vector (the scalar
            // twin reads its whole tile). The kernels read no further (one for each vector count),
            // so zeroing all NR columns (output layer, n = 10: 38 of 48) was wasted.
            int padded = Math.min(NR, roundUp(cols, NU));
            if (cols < padded) {
                for (int p = 0; p < kc; p++) {
                    for (int col = cols; col < padded; col++) {
                        dst[base + p * NR + col] = 0d;
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
    static void storeEdge(double[] tmp, int ldt, int j0, double[] c, int ci, int ldc, int rows, int cols,
                          double alpha, double beta, double[] bias, int bj, boolean relu) {
        for (int r = 0; r < rows; r++) {
            for (int j = j0; j < cols; j++) {
                double v = alpha * tmp[r * ldt + j];
                int idx = ci + r * ldc + j;
                if (beta != 0d) {
                    v = Math.fma(c[idx], beta, v);
                }
                if (bias != null) {
                    v += bias[bj + j];
                }
                if (relu) {
                    v = Math.max(v, 0d);
                }
                c[idx] = v;
            }
        }
    }

    /**
     * The scalar twin of the micro-kernel: a 4 x 4 tile in 16 local accumulators, the same packed
     * panels and the same store. Modified: c, tmp.
     */
    static void scalarKernel(int kc, double[] pa, int ai, double[] pb, int bi, double[] c, int ci, int ldc,
                             int rows, int cols, double alpha, double beta, double[] bias, int bj, boolean relu,
                             double[] tmp) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int pA = ai + p * 4, pB = bi + p * 4;
            double b0 = pb[pB], b1 = pb[pB + 1], b2 = pb[pB + 2], b3 = pb[pB + 3];
            double a = pa[pA];
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
    static void scaleOnly(int m, int n, double beta, double[] c, int cOff, int ldc, double[] bias, int biasOff,
                          boolean relu) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int idx = cOff + i * ldc + j;
                double v = beta == 0d ? 0d : beta * c[idx];
                if (bias != null) {
                    v += bias[biasOff + j];
                }
                if (relu) {
                    v = Math.max(v, 0d);
                }
                c[idx] = v;
            }
        }
    }
}
