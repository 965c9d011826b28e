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
 * positions for all C x KH x KW taps, starting from the bias; the store copies the useful columns
 * out and applies the activation while the block is in cache.
 *
 * <p>The input gradient is the same forward pass over the padded output gradient with the kernel
 * flipped, its channel axes swapped and its taps walked backwards. The weight gradient puts the output
 * channels in the lanes (see {@link #backwardWeight}).
 *
 * <p>Every output element is the same sequence of fmas as in {@link ScalarConv} (taps in its order,
 * from the bias or zero; a padding tap adds fma(w, 0, s) = s), so the results are the same bits on the
 * scalar path, on any vector width and on any number of threads ({@link Parallel}: forward and input
 * gradient by image, the weight gradient by tiles of taps).
 */
final class VectorConv {
    static final int L = ConvVectorTiles.L;
    /**
     * Accumulators of a register tile: 24 of AVX-512's 32 vector registers, 8 of AVX2's 16 (with 12,
     * C2 spilled: LeNet's conv2 forward took 3.7 ms a pass against 2.5 with 8, the input gradient
     * 7.5 against 4.9, one Zen 5 thread with -XX:UseAVX=2).
     */
    static final int ACC = L >= 16 ? 24 : 8;
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

        Plan(int batch, int cin, int h, int w, int cout, int groups, int kh, int kw, int ph, int pw, int dh, int dw,
             boolean reversed) {
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
                for (int tap = 0; tap < kh * kw; tap++) {
                    int at = reversed ? kh * kw - 1 - tap : tap; // the input gradient walks the flipped kernel backwards
                    off[t] = c * hp * wp + at / kw * dh * wp + at % kw * dw;
                    maxOff = Math.max(maxOff, off[t++]);
                }
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

    private static int threadsFor(long macs) {
        return macs < PARALLEL_MACS ? 1 : Parallel.threads();
    }

    // ------------------------------------------------------------------ forward

    /** y = act(x (*) w + bias) for a stride-1 g. Modified: y. Not modified: x, w, bias (may be null). */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, Activation act) {
        Plan plan = new Plan(g.batch(), g.inChannels(), g.inH(), g.inW(), g.outChannels(), g.groups(),
                g.kernelH(), g.kernelW(), g.padH(), g.padW(), g.dilationH(), g.dilationW(), false);
        float[] wp = plan.packWeights((k, t) -> w[k * plan.taps + t]);
        run(plan, x, wp, bias, y, act, g.macs());
    }

    /** gx = dL/dx for a g that {@link #fitsInput fits}. Modified: gx. Not modified: gy, w. */
    static void backwardInput(ConvGeometry g, float[] gy, float[] w, float[] gx) {
        int kh = g.kernelH(), kw = g.kernelW(), cg = g.inPerGroup(), kg = g.outPerGroup();
        int qh = g.dilationH() * (kh - 1) - g.padH(), qw = g.dilationW() * (kw - 1) - g.padW();
        // A forward pass from gy's K channels to gx's C channels: weight [C][K/groups][KH][KW] =
        // w[k][c][KH-1-i][KW-1-j] within each group.
        // Taps in ScalarConv's order (output channel, then the kernel's rows and columns ascending), so
        // every element is the same sequence of fmas: the flipped kernel walked backwards.
        Plan plan = new Plan(g.batch(), g.outChannels(), g.outH(), g.outW(), g.inChannels(), g.groups(),
                kh, kw, qh, qw, g.dilationH(), g.dilationW(), true);
        int taps = kh * kw;
        float[] wp = plan.packWeights((c, t) -> {
            int gi = c / cg, k = gi * kg + t / taps, tap = t % taps;
            return w[((k * cg + c % cg) * kh + tap / kw) * kw + tap % kw];
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
            for (int k = 0; k < p.ktiles * p.nk; k++) { // the sums start from the bias, as ScalarConv's
                Arrays.fill(yv, k * pvl, (k + 1) * pvl, bias == null || k >= p.kg ? 0f : bias[gi * p.kg + k]);
            }
            for (int kt = 0; kt < p.ktiles; kt++) {
                int wb = (gi * p.ktiles + kt) * p.taps * p.nk;
                for (int v = 0; v < p.pv; v += npMax) {
                    int np = Math.min(npMax, p.pv - v);
                    ConvVectorTiles.f(p.nk, np, p.taps, p.off, xp, v * L, wp, wb, yv, kt * p.nk * pvl + v * L, pvl);
                }
            }
            store(p, n, gi, yv, y, act);
        }
    }

    /**
     * y[n][gi * kg + k][r][c] = act(yv[k * pvl + r * wp + c]) (the bias is in yv): the useful columns of each
     * virtual row, then the activation over the group's whole output block (contiguous in y).
     */
    private static void store(Plan p, int n, int gi, float[] yv, float[] y, Activation act) {
        int pvl = p.pvl(), ow = p.ow, full = ow / L * L;
        VectorMask<Float> rest = ConvVectorTiles.F.indexInRange(full, ow);
        int block = (n * p.cout + gi * p.kg) * p.oh * ow;
        for (int k = 0; k < p.kg; k++) {
            int out = block + k * p.oh * ow;
            for (int r = 0; r < p.oh; r++) {
                int from = k * pvl + r * p.wp, to = out + r * ow;
                for (int c = 0; c < full; c += L) {
                    FloatVector.fromArray(ConvVectorTiles.F, yv, from + c).intoArray(y, to + c);
                }
                if (full < ow) {
                    FloatVector.fromArray(ConvVectorTiles.F, yv, from + full, rest).intoArray(y, to + full, rest);
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

    /** True when {@link #backwardWeight} runs g: stride 1, adjacent kernel columns, at most two vectors of channels per group. */
    static boolean fitsWeight(ConvGeometry g) {
        return fits(g) && g.dilationW() == 1 && g.outPerGroup() <= 2 * L;
    }

    private static final ThreadLocal<float[][]> BATCH = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    /**
     * gw += dL/dw, gb += sum of gy, for a g that {@link #fitsWeight fits}, in ScalarConv's order: each
     * element's sum starts from zero and takes fma(gy, x) over images, output rows and columns in turn,
     * then is added to gw; the bias sums likewise with plain adds. The output channels are the vector
     * lanes ({@code ConvVectorTiles.h}): gy is transposed to [image][position][channel] once, and per
     * position a tile of taps costs one or two loads and one broadcast a tap. Threads take tiles of taps
     * (each writes its own elements of gw) after sharing out the packing by image.
     * Modified: gw, gb (may be null). Not modified: x, gy.
     */
    static void backwardWeight(ConvGeometry g, float[] x, float[] gy, float[] gw, float[] gb) {
        Plan p = new Plan(g.batch(), g.inChannels(), g.inH(), g.inW(), g.outChannels(), g.groups(),
                g.kernelH(), g.kernelW(), g.padH(), g.padW(), g.dilationH(), g.dilationW(), false);
        int v = (p.kg + L - 1) / L, step = v * L, plane = p.oh * p.ow, gImg = plane * step;
        int cap = L >= 16 ? (v == 1 ? HCAP : 12) : 8;
        int tc = Math.min(Math.min(p.kw, 5), Math.max(1, cap / v)), tr = Math.max(1, Math.min(Math.min(p.kh, 5), cap / (v * tc)));
        int rowTiles = (p.kh + tr - 1) / tr, colTiles = (p.kw + tc - 1) / tc, tiles = p.cg * rowTiles * colTiles;
        // Images in chunks whose packed input and transposed gy stay in L2 (about 384 KiB); each
        // tile's accumulators carry from one chunk to the next, so every sum still runs over the
        // whole batch in order.
        int chunk = Math.max(1, Math.min(p.batch, (96 << 10) / (gImg + p.xs)));
        float[][] buf = BATCH.get();
        if (buf[0].length < chunk * p.xs) {
            buf[0] = new float[chunk * p.xs];
        }
        if (buf[1].length < chunk * gImg) {
            buf[1] = new float[chunk * gImg];
        }
        float[] xp = buf[0], gt = buf[1];
        float[] acc = new float[(tiles + 1) * 32 * L]; // per tile, then the bias sums (allocated: 2-25 KiB)
        int threads = threadsFor(g.macs()), khw = p.kh * p.kw;
        for (int gi = 0; gi < p.groups; gi++) {
            int group = gi;
            Arrays.fill(acc, 0f);
            for (int n0 = 0; n0 < p.batch; n0 += chunk) {
                int first = n0, images = Math.min(chunk, p.batch - n0);
                Parallel.forEach(images, threads, m -> {
                    int n = first + m;
                    p.packInput(x, n, group, xp, m * p.xs);
                    if (p.kg < step) {
                        Arrays.fill(gt, m * gImg, (m + 1) * gImg, 0f);
                    }
                    for (int k = 0; k < p.kg; k++) {
                        int from = (n * p.cout + group * p.kg + k) * plane, to = m * gImg + k;
                        for (int q = 0; q < plane; q++) {
                            gt[to + q * step] = gy[from + q];
                        }
                    }
                });
                Parallel.forEach(tiles + (gb == null ? 0 : 1), threads, task -> {
                    int ab = task * 32 * L;
                    if (task == tiles) { // the bias: sums of gy over images and positions, in that order
                        for (int vv = 0; vv < v; vv++) {
                            FloatVector sum = FloatVector.fromArray(ConvVectorTiles.F, acc, ab + vv * L);
                            for (int q = vv * L, end = images * gImg; q < end; q += step) {
                                sum = sum.add(FloatVector.fromArray(ConvVectorTiles.F, gt, q));
                            }
                            sum.intoArray(acc, ab + vv * L);
                        }
                        return;
                    }
                    int c = task / (rowTiles * colTiles), i0 = task / colTiles % rowTiles * tr, j0 = task % colTiles * tc;
                    int r = Math.min(tr, p.kh - i0), cols = Math.min(tc, p.kw - j0);
                    int xb = c * p.hp * p.wp + i0 * p.dh * p.wp + j0;
                    ConvVectorTiles.h(v, r, cols, images, gt, 0, gImg, xp, xb, p.xs, p.dh * p.wp, p.oh, p.ow, p.wp, acc, ab);
                });
            }
            for (int task = 0; task < tiles; task++) {
                int c = task / (rowTiles * colTiles), i0 = task / colTiles % rowTiles * tr, j0 = task % colTiles * tc;
                int r = Math.min(tr, p.kh - i0), cols = Math.min(tc, p.kw - j0);
                for (int vv = 0; vv < v; vv++) {
                    for (int i = 0; i < r; i++) {
                        for (int j = 0; j < cols; j++) {
                            int a = task * 32 * L + ((vv * r + i) * cols + j) * L, t = c * khw + (i0 + i) * p.kw + j0 + j;
                            for (int lane = 0; lane < L && vv * L + lane < p.kg; lane++) {
                                gw[(group * p.kg + vv * L + lane) * p.taps + t] += acc[a + lane];
                            }
                        }
                    }
                }
            }
            if (gb != null) {
                for (int k = 0; k < p.kg; k++) {
                    gb[group * p.kg + k] += acc[tiles * 32 * L + k];
                }
            }
        }
    }
}
