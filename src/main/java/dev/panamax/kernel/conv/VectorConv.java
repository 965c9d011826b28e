// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

import dev.panamax.kernel.Parallel;
import dev.panamax.kernel.Kernels;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The direct float convolution on the Vector API, for stride 1 (any padding, dilation, groups): the
 * small-channel case (LeNet's 1 -> 6 and 6 -> 16 channels, 5 x 5 kernels) that a GEMM over im2col
 * columns runs at a fraction of its speed.
 *
 * <p>The trick is the layout. Each image's channels are copied into a zero-padded buffer,
 * {@code Hp x Wp} per channel (the "packed, padded copy" of oneDNN and XNNPACK). With stride 1, the
 * output at row r, column c reads the padded input at {@code (r + i dh) Wp + c + j dw} for tap (i, j),
 * so if the output is computed over "virtual" rows Wp wide, output position p = r Wp + c reads input
 * position p + offset(tap): every tap is a contiguous, shifted vector load, for any kernel size. The
 * Wp - OW virtual columns of each row are computed and thrown away (LeNet: 28 of 32 and 10 of 14
 * useful). A register tile ({@link ConvVectorTiles}) holds NK output channels x NP vectors of
 * positions for all C x KH x KW taps; the store adds the bias and applies the activation while
 * copying the useful columns out.
 *
 * <p>The input gradient is the same forward pass over the padded output gradient with the kernel
 * flipped and its channel axes swapped. The weight gradient uses the same layout with the output
 * gradient's virtual columns set to zero: gw[k][tap] = sum over images and positions of
 * gy[k][p] x[p + offset(tap)], a register tile of NK channels x NT taps whose accumulators are
 * vectors of partial sums, folded lane by lane in a fixed order.
 *
 * <p>Threads ({@link Parallel}): forward and input gradient by image; the weight gradient by chunks
 * of {@value #CHUNK} images whose partial sums are then added in chunk order, so the results are the
 * same bits on any number of threads.
 */
final class VectorConv {
    static final int L = ConvVectorTiles.L;
    /**
     * Accumulators of a register tile: 24 of AVX-512's 32 vector registers, 8 of AVX2's 16 (with 12,
     * C2 spilled: LeNet's conv2 forward took 3.7 ms a pass against 2.5 with 8, the input gradient
     * 7.5 against 4.9, one Zen 5 thread with -XX:UseAVX=2).
     */
    static final int ACC = L >= 16 ? 24 : 8;
    /** Images per weight-gradient task: fixed, so the order of the sums does not depend on the threads. */
    static final int CHUNK = 8;
    /**
     * Accumulators of the lanes-as-channels weight-gradient tile on AVX-512: 15 (3 x 5 taps) rather
     * than the 25 that fit. On LeNet's conv2 (Zen 5, one thread) 25 took 3.0 ms a pass, 20 2.7, 15 1.7,
     * 10 2.5: C2 spills the larger tiles.
     */
    static final int HCAP = 15;
    /** Multiply-adds below which a call stays on the caller's thread (waking a worker costs tens of us). */
    static final long PARALLEL_MACS = 1L << 20;

    private VectorConv() {}

    /** True when the direct kernels run the forward pass and the weight gradient of g: stride 1. */
    static boolean fits(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1;
    }

    /** True when the input gradient runs as a direct forward pass: stride 1 and padding within the kernel's reach. */
    static boolean fitsInput(ConvGeometry g) {
        return fits(g) && g.padH() <= g.dilationH() * (g.kernelH() - 1) && g.padW() <= g.dilationW() * (g.kernelW() - 1);
    }

    // ------------------------------------------------------------------ the plan of one direct pass

    /**
     * A stride-1 convolution over a padded copy of its input: sizes, the tap offsets into one packed
     * image (one group's channels), the tile shape and the packed weights.
     */
    static final class Plan {
        final int batch, cin, h, w, cout, groups, kh, kw, ph, pw, dh, dw;
        final int cg, kg, hp, wp, oh, ow, taps, nk, ktiles, pv, xs;
        final int[] off;

        Plan(int batch, int cin, int h, int w, int cout, int groups, int kh, int kw, int ph, int pw, int dh, int dw) {
            this.batch = batch;
            this.cin = cin;
            this.h = h;
            this.w = w;
            this.cout = cout;
            this.groups = groups;
            this.kh = kh;
            this.kw = kw;
            this.ph = ph;
            this.pw = pw;
            this.dh = dh;
            this.dw = dw;
            cg = cin / groups;
            kg = cout / groups;
            hp = h + 2 * ph;
            wp = w + 2 * pw;
            oh = hp - dh * (kh - 1);
            ow = wp - dw * (kw - 1);
            taps = cg * kh * kw;
            nk = tileChannels(kg);
            ktiles = (kg + nk - 1) / nk;
            int positions = oh == 0 || ow == 0 ? 0 : (oh - 1) * wp + ow;
            pv = (positions + L - 1) / L;
            off = new int[taps];
            int t = 0, maxOff = 0;
            for (int c = 0; c < cg; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        off[t++] = c * hp * wp + i * dh * wp + j * dw;
                    }
                }
            }
            if (taps > 0) {
                maxOff = off[taps - 1];
            }
            // Room for the last vector of positions read at the largest offset (past the image: zeros).
            xs = Math.max(cg * hp * wp, maxOff + pv * L);
        }

        /** Positions computed per output channel (virtual columns included): pv vectors. */
        int pvl() {
            return pv * L;
        }

        /**
         * Weights packed for the forward tiles: group gi, channel tile kt, tap t, lane i of the tile at
         * ((gi * ktiles + kt) * taps + t) * nk + i; zero past the group's channels. wk(k, t) reads
         * the weight of output channel k (within all cout) at tap t of its group.
         */
        float[] packWeights(WeightAt wk) {
            float[] p = new float[groups * ktiles * taps * nk];
            for (int gi = 0; gi < groups; gi++) {
                for (int kt = 0; kt < ktiles; kt++) {
                    for (int t = 0; t < taps; t++) {
                        int base = ((gi * ktiles + kt) * taps + t) * nk;
                        for (int i = 0; i < nk && kt * nk + i < kg; i++) {
                            p[base + i] = wk.at(gi * kg + kt * nk + i, t);
                        }
                    }
                }
            }
            return p;
        }

        /** Copies group gi's channels of image n of src [batch, cin, h, w] into xp at xb, zero-padded. */
        void packInput(float[] src, int n, int gi, float[] xp, int xb) {
            Arrays.fill(xp, xb, xb + xs, 0f);
            for (int c = 0; c < cg; c++) {
                int from = ((n * cin + gi * cg + c) * h) * w;
                int to = xb + c * hp * wp + ph * wp + pw;
                for (int r = 0; r < h; r++) {
                    System.arraycopy(src, from + r * w, xp, to + r * wp, w);
                }
            }
        }
    }

    interface WeightAt {
        float at(int k, int tap);
    }

    /** Output channels per register tile: the width among those with tiles that wastes fewest padding channels. */
    static int tileChannels(int kg) {
        int[] choices = L >= 16 ? new int[] {8, 6, 4} : new int[] {6, 4};
        int best = choices[0];
        for (int c : choices) {
            if ((kg + c - 1) / c * c < (kg + best - 1) / best * best) {
                best = c;
            }
        }
        return best;
    }

    /** Per-thread scratch, grown on demand and reused. */
    private static final class Scratch {
        float[] x = new float[0], y = new float[0], acc = new float[32 * L];

        float[] x(int n) {
            if (x.length < n) {
                x = new float[n];
            }
            return x;
        }

        float[] y(int n) {
            if (y.length < n) {
                y = new float[n];
            }
            return y;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final ThreadLocal<float[]> PARTIALS = ThreadLocal.withInitial(() -> new float[0]);

    private static int threadsFor(long macs) {
        return macs < PARALLEL_MACS ? 1 : Parallel.threads();
    }

    // ------------------------------------------------------------------ forward

    /** y = act(x (*) w + bias) for a stride-1 g. Modified: y. Not modified: x, w, bias (may be null). */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, Activation act) {
        Plan plan = new Plan(g.batch(), g.inChannels(), g.inH(), g.inW(), g.outChannels(), g.groups(),
                g.kernelH(), g.kernelW(), g.padH(), g.padW(), g.dilationH(), g.dilationW());
        float[] wp = plan.packWeights((k, t) -> w[k * plan.taps + t]);
        run(plan, x, wp, bias, y, act, g.macs());
    }

    /** gx = dL/dx for a g that {@link #fitsInput fits}. Modified: gx. Not modified: gy, w. */
    static void backwardInput(ConvGeometry g, float[] gy, float[] w, float[] gx) {
        int kh = g.kernelH(), kw = g.kernelW(), cg = g.inPerGroup(), kg = g.outPerGroup();
        int qh = g.dilationH() * (kh - 1) - g.padH(), qw = g.dilationW() * (kw - 1) - g.padW();
        // A forward pass from gy's K channels to gx's C channels: weight [C][K/groups][KH][KW] =
        // w[k][c][KH-1-i][KW-1-j] within each group.
        Plan plan = new Plan(g.batch(), g.outChannels(), g.outH(), g.outW(), g.inChannels(), g.groups(),
                kh, kw, qh, qw, g.dilationH(), g.dilationW());
        int taps = kh * kw;
        float[] wp = plan.packWeights((c, t) -> {
            int gi = c / cg, k = gi * kg + t / taps, tap = t % taps;
            int i = kh - 1 - tap / kw, j = kw - 1 - tap % kw;
            return w[((k * cg + c % cg) * kh + i) * kw + j];
        });
        run(plan, gy, wp, null, gx, Activation.NONE, g.macs());
    }

    private static void run(Plan plan, float[] x, float[] wp, float[] bias, float[] y, Activation act, long macs) {
        Parallel.forEach(plan.batch, threadsFor(macs), n -> image(plan, n, x, wp, bias, y, act));
    }

    /** One image, all groups: pack, the tiles, then the store. */
    private static void image(Plan p, int n, float[] x, float[] wp, float[] bias, float[] y, Activation act) {
        Scratch s = SCRATCH.get();
        int pvl = p.pvl(), npMax = Math.max(1, ACC / p.nk);
        float[] xp = s.x(p.xs), yv = s.y(p.ktiles * p.nk * pvl);
        for (int gi = 0; gi < p.groups; gi++) {
            p.packInput(x, n, gi, xp, 0);
            for (int kt = 0; kt < p.ktiles; kt++) {
                int wb = (gi * p.ktiles + kt) * p.taps * p.nk;
                for (int v = 0; v < p.pv; v += npMax) {
                    int np = Math.min(npMax, p.pv - v);
                    ConvVectorTiles.f(p.nk, np, p.taps, p.off, xp, v * L, wp, wb, yv, kt * p.nk * pvl + v * L, pvl);
                }
            }
            store(p, n, gi, yv, bias, y, act);
        }
    }

    /**
     * y[n][gi * kg + k][r][c] = act(yv[k * pvl + r * wp + c] + bias): the useful columns of each
     * virtual row, then the activation over the group's whole output block (contiguous in y).
     */
    private static void store(Plan p, int n, int gi, float[] yv, float[] bias, float[] y, Activation act) {
        int pvl = p.pvl(), ow = p.ow, full = ow / L * L;
        VectorMask<Float> rest = ConvVectorTiles.F.indexInRange(full, ow);
        int block = (n * p.cout + gi * p.kg) * p.oh * ow;
        for (int k = 0; k < p.kg; k++) {
            FloatVector b = FloatVector.broadcast(ConvVectorTiles.F, bias == null ? 0f : bias[gi * p.kg + k]);
            int out = block + k * p.oh * ow;
            for (int r = 0; r < p.oh; r++) {
                int from = k * pvl + r * p.wp, to = out + r * ow;
                for (int c = 0; c < full; c += L) {
                    FloatVector.fromArray(ConvVectorTiles.F, yv, from + c).add(b).intoArray(y, to + c);
                }
                if (full < ow) {
                    FloatVector.fromArray(ConvVectorTiles.F, yv, from + full, rest).add(b).intoArray(y, to + full, rest);
                }
            }
        }
        int len = p.kg * p.oh * ow;
        switch (act) {
            case NONE -> { }
            case RELU -> Kernels.relu(y, block, y, block, len);
            case SIGMOID -> Kernels.sigmoid(y, block, y, block, len);
        }
    }

    // ------------------------------------------------------------------ weight gradient

    /** gw += dL/dw, gb += sum of gy, for a stride-1 g. Modified: gw, gb (may be null). Not modified: x, gy. */
    static void backwardWeight(ConvGeometry g, float[] x, float[] gy, float[] gw, float[] gb) {
        Plan p = new Plan(g.batch(), g.inChannels(), g.inH(), g.inW(), g.outChannels(), g.groups(),
                g.kernelH(), g.kernelW(), g.padH(), g.padW(), g.dilationH(), g.dilationW());
        int chunks = (p.batch + CHUNK - 1) / CHUNK;
        if (chunks == 0) {
            return;
        }
        int wsize = p.cout * p.taps, psize = wsize + p.cout;
        float[] parts = PARTIALS.get();
        if (parts.length < chunks * psize) {
            parts = new float[chunks * psize];
            PARTIALS.set(parts);
        }
        float[] partial = parts;
        boolean lanes = p.dw == 1 && 2 * p.kg > L && p.kg <= 2 * L;
        Parallel.forEach(chunks, threadsFor(g.macs()), ci -> {
            if (lanes) {
                chunkLanes(p, ci, x, gy, partial, ci * psize, gb != null);
            } else {
                chunk(p, ci, x, gy, partial, ci * psize, gb != null);
            }
        });
        for (int i = 0; i < wsize; i++) {
            float sum = partial[i];
            for (int ci = 1; ci < chunks; ci++) {
                sum += partial[ci * psize + i];
            }
            gw[i] += sum;
        }
        if (gb != null) {
            for (int k = 0; k < p.cout; k++) {
                float sum = partial[wsize + k];
                for (int ci = 1; ci < chunks; ci++) {
                    sum += partial[ci * psize + wsize + k];
                }
                gb[k] += sum;
            }
        }
    }

    /**
     * Images [ci * CHUNK, ...) of the batch: part[k * taps + t] = their sum for gw[k][t], then
     * part[cout * taps + k] their sum of gy[.][k] when bias. Modified: part.
     */
    private static void chunk(Plan p, int ci, float[] x, float[] gy, float[] part, int pb, boolean bias) {
        Scratch s = SCRATCH.get();
        int n0 = ci * CHUNK, images = Math.min(CHUNK, p.batch - n0);
        int pvl = p.pvl(), kpad = p.ktiles * p.nk, gImg = kpad * pvl;
        int ntMax = Math.max(1, ACC / p.nk);
        float[] xp = s.x(images * p.xs), gv = s.y(images * gImg), acc = s.acc;
        int plane = p.oh * p.ow;
        for (int gi = 0; gi < p.groups; gi++) {
            Arrays.fill(gv, 0, images * gImg, 0f);
            for (int m = 0; m < images; m++) {
                int n = n0 + m;
                p.packInput(x, n, gi, xp, m * p.xs);
                for (int k = 0; k < p.kg; k++) {
                    int from = (n * p.cout + gi * p.kg + k) * plane, to = m * gImg + k * pvl;
                    for (int r = 0; r < p.oh; r++) {
                        System.arraycopy(gy, from + r * p.ow, gv, to + r * p.wp, p.ow);
                    }
                }
            }
            for (int kt = 0; kt < p.ktiles; kt++) {
                for (int t0 = 0; t0 < p.taps; t0 += ntMax) {
                    int nt = Math.min(ntMax, p.taps - t0);
                    ConvVectorTiles.g(p.nk, nt, images, pvl, gv, kt * p.nk * pvl, gImg, pvl, xp, 0, p.xs, p.off, t0, acc);
                    for (int i = 0; i < p.nk && kt * p.nk + i < p.kg; i++) {
                        int k = gi * p.kg + kt * p.nk + i;
                        for (int j = 0; j < nt; j++) {
                            part[pb + k * p.taps + t0 + j] = fold(acc, (i * nt + j) * L);
                        }
                    }
                }
            }
            if (bias) {
                for (int k = 0; k < p.kg; k++) {
                    FloatVector sum = FloatVector.zero(ConvVectorTiles.F);
                    for (int m = 0; m < images; m++) {
                        for (int q = m * gImg + k * pvl, end = q + pvl; q < end; q += L) {
                            sum = sum.add(FloatVector.fromArray(ConvVectorTiles.F, gv, q));
                        }
                    }
                    sum.intoArray(acc, 0);
                    part[pb + p.cout * p.taps + gi * p.kg + k] = fold(acc, 0);
                }
            }
        }
    }

    /**
     * {@link #chunk} with the output channels in the lanes (when they fill more than half a vector
     * and the kernel's columns are adjacent, dilation 1): gy transposed to [position][channel], then
     * per position one or two loads and a broadcast per tap ({@code ConvVectorTiles.h}); only the
     * real output positions are visited, so nothing is computed for the virtual columns, and the
     * accumulators need no folding. Modified: part.
     */
    private static void chunkLanes(Plan p, int ci, float[] x, float[] gy, float[] part, int pb, boolean bias) {
        Scratch s = SCRATCH.get();
        int n0 = ci * CHUNK, images = Math.min(CHUNK, p.batch - n0);
        int v = (p.kg + L - 1) / L, step = v * L, plane = p.oh * p.ow, gImg = plane * step;
        int cap = v == 1 ? (L >= 16 ? HCAP : 12) : 12;
        int tc = Math.min(p.kw, 5), tr = Math.max(1, Math.min(Math.min(p.kh, 5), cap / (v * tc)));
        float[] xp = s.x(images * p.xs), gt = s.y(images * gImg), acc = s.acc;
        int khw = p.kh * p.kw;
        for (int gi = 0; gi < p.groups; gi++) {
            if (p.kg < step) {
                Arrays.fill(gt, 0, images * gImg, 0f);
            }
            for (int m = 0; m < images; m++) {
                p.packInput(x, n0 + m, gi, xp, m * p.xs);
                for (int k = 0; k < p.kg; k++) {
                    int from = ((n0 + m) * p.cout + gi * p.kg + k) * plane, to = m * gImg + k;
                    for (int q = 0; q < plane; q++) {
                        gt[to + q * step] = gy[from + q];
                    }
                }
            }
            for (int c = 0; c < p.cg; c++) {
                for (int i0 = 0; i0 < p.kh; i0 += tr) {
                    for (int j0 = 0; j0 < p.kw; j0 += tc) {
                        int r = Math.min(tr, p.kh - i0), cols = Math.min(tc, p.kw - j0);
                        int xb = c * p.hp * p.wp + i0 * p.dh * p.wp + j0;
                        ConvVectorTiles.h(v, r, cols, images, gt, 0, gImg, xp, xb, p.xs, p.dh * p.wp, p.oh, p.ow, p.wp, acc);
                        for (int vv = 0; vv < v; vv++) {
                            for (int i = 0; i < r; i++) {
                                for (int j = 0; j < cols; j++) {
                                    int a = ((vv * r + i) * cols + j) * L;
                                    int t = c * khw + (i0 + i) * p.kw + j0 + j;
                                    for (int lane = 0; lane < L && vv * L + lane < p.kg; lane++) {
                                        part[pb + (gi * p.kg + vv * L + lane) * p.taps + t] = acc[a + lane];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if (bias) {
                for (int vv = 0; vv < v; vv++) {
                    FloatVector sum = FloatVector.zero(ConvVectorTiles.F);
                    for (int m = 0; m < images; m++) {
                        for (int q = m * gImg + vv * L, end = q + gImg; q < end; q += step) {
                            sum = sum.add(FloatVector.fromArray(ConvVectorTiles.F, gt, q));
                        }
                    }
                    sum.intoArray(acc, 0);
                    for (int lane = 0; lane < L && vv * L + lane < p.kg; lane++) {
                        part[pb + p.cout * p.taps + gi * p.kg + vv * L + lane] = acc[lane];
                    }
                }
            }
        }
    }

    /** The L lanes at a[i] summed in lane order (not reduceLanes, whose order is the JIT's to choose). */
    private static float fold(float[] a, int i) {
        float s = a[i];
        for (int l = 1; l < L; l++) {
            s += a[i + l];
        }
        return s;
    }
}
