// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link VectorConv}, written by {@code src/tools/gen_conv_kernel.py} (edit the
 * script, not this file). Loaded only when the Vector API is on.
 *
 * <p>Forward tile {@code f<NK>x<NP>}: y[i][j-th vector] += sum over taps t of x[xb + off[t] + vector j]
 * * w[wb + t * NK + i], by fma in tap order starting from y's value; the NK x NP accumulators stay in registers
 * for all taps (24 with AVX-512's 32 registers, 8 with AVX2's 16), so each tap costs NP loads and
 * NK broadcasts for NK * NP fmas. Weight-gradient tile {@code h<V>x<R>x<C>},
 * the output channels in the lanes: acc[ab + ((v * R + i) * C + j) * L + lane] += sum over images and
 * output positions (row, col) of g[position][v * L + lane] * x[row * wp + col + i * rs + j], by fma
 * from acc's value in image, row, column order; per position V loads and R * C broadcasts for V * R * C
 * fmas.
 */
final class ConvVectorTiles {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();

    private ConvVectorTiles() {}

    static void f(int nk, int n2, int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        switch (nk * 16 + n2) {
            case 65 -> f4x1(taps, off, x, xb, w, wb, y, yb, ys);
            case 66 -> f4x2(taps, off, x, xb, w, wb, y, yb, ys);
            case 67 -> f4x3(taps, off, x, xb, w, wb, y, yb, ys);
            case 68 -> f4x4(taps, off, x, xb, w, wb, y, yb, ys);
            case 69 -> f4x5(taps, off, x, xb, w, wb, y, yb, ys);
            case 70 -> f4x6(taps, off, x, xb, w, wb, y, yb, ys);
            case 97 -> f6x1(taps, off, x, xb, w, wb, y, yb, ys);
            case 98 -> f6x2(taps, off, x, xb, w, wb, y, yb, ys);
            case 99 -> f6x3(taps, off, x, xb, w, wb, y, yb, ys);
            case 100 -> f6x4(taps, off, x, xb, w, wb, y, yb, ys);
            case 129 -> f8x1(taps, off, x, xb, w, wb, y, yb, ys);
            case 130 -> f8x2(taps, off, x, xb, w, wb, y, yb, ys);
            case 131 -> f8x3(taps, off, x, xb, w, wb, y, yb, ys);
            default -> throw new IllegalArgumentException("no f tile " + nk + " x " + n2);
        }
    }

    static void f4x1(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            int wi = wb + t * 4;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
        }
        a00.intoArray(y, yb + 0 * ys);
        a10.intoArray(y, yb + 1 * ys);
        a20.intoArray(y, yb + 2 * ys);
        a30.intoArray(y, yb + 3 * ys);
    }

    static void f4x2(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            int wi = wb + t * 4;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
    }

    static void f4x3(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L), a02 = FloatVector.fromArray(F, y, yb + 0 * ys + 2 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L), a12 = FloatVector.fromArray(F, y, yb + 1 * ys + 2 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L), a22 = FloatVector.fromArray(F, y, yb + 2 * ys + 2 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L), a32 = FloatVector.fromArray(F, y, yb + 3 * ys + 2 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            FloatVector x2 = FloatVector.fromArray(F, x, o + 2 * L);
            int wi = wb + t * 4;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            a02 = x2.fma(b, a02);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            a12 = x2.fma(b, a12);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            a22 = x2.fma(b, a22);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            a32 = x2.fma(b, a32);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a02.intoArray(y, yb + 0 * ys + 2 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a12.intoArray(y, yb + 1 * ys + 2 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a22.intoArray(y, yb + 2 * ys + 2 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
        a32.intoArray(y, yb + 3 * ys + 2 * L);
    }

    static void f4x4(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L), a02 = FloatVector.fromArray(F, y, yb + 0 * ys + 2 * L), a03 = FloatVector.fromArray(F, y, yb + 0 * ys + 3 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L), a12 = FloatVector.fromArray(F, y, yb + 1 * ys + 2 * L), a13 = FloatVector.fromArray(F, y, yb + 1 * ys + 3 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L), a22 = FloatVector.fromArray(F, y, yb + 2 * ys + 2 * L), a23 = FloatVector.fromArray(F, y, yb + 2 * ys + 3 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L), a32 = FloatVector.fromArray(F, y, yb + 3 * ys + 2 * L), a33 = FloatVector.fromArray(F, y, yb + 3 * ys + 3 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            FloatVector x2 = FloatVector.fromArray(F, x, o + 2 * L);
            FloatVector x3 = FloatVector.fromArray(F, x, o + 3 * L);
            int wi = wb + t * 4;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            a02 = x2.fma(b, a02);
            a03 = x3.fma(b, a03);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            a12 = x2.fma(b, a12);
            a13 = x3.fma(b, a13);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            a22 = x2.fma(b, a22);
            a23 = x3.fma(b, a23);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            a32 = x2.fma(b, a32);
            a33 = x3.fma(b, a33);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a02.intoArray(y, yb + 0 * ys + 2 * L);
        a03.intoArray(y, yb + 0 * ys + 3 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a12.intoArray(y, yb + 1 * ys + 2 * L);
        a13.intoArray(y, yb + 1 * ys + 3 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a22.intoArray(y, yb + 2 * ys + 2 * L);
        a23.intoArray(y, yb + 2 * ys + 3 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
        a32.intoArray(y, yb + 3 * ys + 2 * L);
        a33.intoArray(y, yb + 3 * ys + 3 * L);
    }

    static void f4x5(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L), a02 = FloatVector.fromArray(F, y, yb + 0 * ys + 2 * L), a03 = FloatVector.fromArray(F, y, yb + 0 * ys + 3 * L), a04 = FloatVector.fromArray(F, y, yb + 0 * ys + 4 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L), a12 = FloatVector.fromArray(F, y, yb + 1 * ys + 2 * L), a13 = FloatVector.fromArray(F, y, yb + 1 * ys + 3 * L), a14 = FloatVector.fromArray(F, y, yb + 1 * ys + 4 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L), a22 = FloatVector.fromArray(F, y, yb + 2 * ys + 2 * L), a23 = FloatVector.fromArray(F, y, yb + 2 * ys + 3 * L), a24 = FloatVector.fromArray(F, y, yb + 2 * ys + 4 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L), a32 = FloatVector.fromArray(F, y, yb + 3 * ys + 2 * L), a33 = FloatVector.fromArray(F, y, yb + 3 * ys + 3 * L), a34 = FloatVector.fromArray(F, y, yb + 3 * ys + 4 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            FloatVector x2 = FloatVector.fromArray(F, x, o + 2 * L);
            FloatVector x3 = FloatVector.fromArray(F, x, o + 3 * L);
            FloatVector x4 = FloatVector.fromArray(F, x, o + 4 * L);
            int wi = wb + t * 4;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            a02 = x2.fma(b, a02);
            a03 = x3.fma(b, a03);
            a04 = x4.fma(b, a04);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            a12 = x2.fma(b, a12);
            a13 = x3.fma(b, a13);
            a14 = x4.fma(b, a14);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            a22 = x2.fma(b, a22);
            a23 = x3.fma(b, a23);
            a24 = x4.fma(b, a24);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            a32 = x2.fma(b, a32);
            a33 = x3.fma(b, a33);
            a34 = x4.fma(b, a34);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a02.intoArray(y, yb + 0 * ys + 2 * L);
        a03.intoArray(y, yb + 0 * ys + 3 * L);
        a04.intoArray(y, yb + 0 * ys + 4 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a12.intoArray(y, yb + 1 * ys + 2 * L);
        a13.intoArray(y, yb + 1 * ys + 3 * L);
        a14.intoArray(y, yb + 1 * ys + 4 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a22.intoArray(y, yb + 2 * ys + 2 * L);
        a23.intoArray(y, yb + 2 * ys + 3 * L);
        a24.intoArray(y, yb + 2 * ys + 4 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
        a32.intoArray(y, yb + 3 * ys + 2 * L);
        a33.intoArray(y, yb + 3 * ys + 3 * L);
        a34.intoArray(y, yb + 3 * ys + 4 * L);
    }

    static void f4x6(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L), a02 = FloatVector.fromArray(F, y, yb + 0 * ys + 2 * L), a03 = FloatVector.fromArray(F, y, yb + 0 * ys + 3 * L), a04 = FloatVector.fromArray(F, y, yb + 0 * ys + 4 * L), a05 = FloatVector.fromArray(F, y, yb + 0 * ys + 5 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L), a12 = FloatVector.fromArray(F, y, yb + 1 * ys + 2 * L), a13 = FloatVector.fromArray(F, y, yb + 1 * ys + 3 * L), a14 = FloatVector.fromArray(F, y, yb + 1 * ys + 4 * L), a15 = FloatVector.fromArray(F, y, yb + 1 * ys + 5 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L), a22 = FloatVector.fromArray(F, y, yb + 2 * ys + 2 * L), a23 = FloatVector.fromArray(F, y, yb + 2 * ys + 3 * L), a24 = FloatVector.fromArray(F, y, yb + 2 * ys + 4 * L), a25 = FloatVector.fromArray(F, y, yb + 2 * ys + 5 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L), a32 = FloatVector.fromArray(F, y, yb + 3 * ys + 2 * L), a33 = FloatVector.fromArray(F, y, yb + 3 * ys + 3 * L), a34 = FloatVector.fromArray(F, y, yb + 3 * ys + 4 * L), a35 = FloatVector.fromArray(F, y, yb + 3 * ys + 5 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            FloatVector x2 = FloatVector.fromArray(F, x, o + 2 * L);
            FloatVector x3 = FloatVector.fromArray(F, x, o + 3 * L);
            FloatVector x4 = FloatVector.fromArray(F, x, o + 4 * L);
            FloatVector x5 = FloatVector.fromArray(F, x, o + 5 * L);
            int wi = wb + t * 4;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            a02 = x2.fma(b, a02);
            a03 = x3.fma(b, a03);
            a04 = x4.fma(b, a04);
            a05 = x5.fma(b, a05);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            a12 = x2.fma(b, a12);
            a13 = x3.fma(b, a13);
            a14 = x4.fma(b, a14);
            a15 = x5.fma(b, a15);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            a22 = x2.fma(b, a22);
            a23 = x3.fma(b, a23);
            a24 = x4.fma(b, a24);
            a25 = x5.fma(b, a25);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            a32 = x2.fma(b, a32);
            a33 = x3.fma(b, a33);
            a34 = x4.fma(b, a34);
            a35 = x5.fma(b, a35);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a02.intoArray(y, yb + 0 * ys + 2 * L);
        a03.intoArray(y, yb + 0 * ys + 3 * L);
        a04.intoArray(y, yb + 0 * ys + 4 * L);
        a05.intoArray(y, yb + 0 * ys + 5 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a12.intoArray(y, yb + 1 * ys + 2 * L);
        a13.intoArray(y, yb + 1 * ys + 3 * L);
        a14.intoArray(y, yb + 1 * ys + 4 * L);
        a15.intoArray(y, yb + 1 * ys + 5 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a22.intoArray(y, yb + 2 * ys + 2 * L);
        a23.intoArray(y, yb + 2 * ys + 3 * L);
        a24.intoArray(y, yb + 2 * ys + 4 * L);
        a25.intoArray(y, yb + 2 * ys + 5 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
        a32.intoArray(y, yb + 3 * ys + 2 * L);
        a33.intoArray(y, yb + 3 * ys + 3 * L);
        a34.intoArray(y, yb + 3 * ys + 4 * L);
        a35.intoArray(y, yb + 3 * ys + 5 * L);
    }

    static void f6x1(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys);
        FloatVector a40 = FloatVector.fromArray(F, y, yb + 4 * ys);
        FloatVector a50 = FloatVector.fromArray(F, y, yb + 5 * ys);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            int wi = wb + t * 6;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            b = FloatVector.broadcast(F, w[wi + 4]);
            a40 = x0.fma(b, a40);
            b = FloatVector.broadcast(F, w[wi + 5]);
            a50 = x0.fma(b, a50);
        }
        a00.intoArray(y, yb + 0 * ys);
        a10.intoArray(y, yb + 1 * ys);
        a20.intoArray(y, yb + 2 * ys);
        a30.intoArray(y, yb + 3 * ys);
        a40.intoArray(y, yb + 4 * ys);
        a50.intoArray(y, yb + 5 * ys);
    }

    static void f6x2(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L);
        FloatVector a40 = FloatVector.fromArray(F, y, yb + 4 * ys), a41 = FloatVector.fromArray(F, y, yb + 4 * ys + 1 * L);
        FloatVector a50 = FloatVector.fromArray(F, y, yb + 5 * ys), a51 = FloatVector.fromArray(F, y, yb + 5 * ys + 1 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            int wi = wb + t * 6;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            b = FloatVector.broadcast(F, w[wi + 4]);
            a40 = x0.fma(b, a40);
            a41 = x1.fma(b, a41);
            b = FloatVector.broadcast(F, w[wi + 5]);
            a50 = x0.fma(b, a50);
            a51 = x1.fma(b, a51);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
        a40.intoArray(y, yb + 4 * ys);
        a41.intoArray(y, yb + 4 * ys + 1 * L);
        a50.intoArray(y, yb + 5 * ys);
        a51.intoArray(y, yb + 5 * ys + 1 * L);
    }

    static void f6x3(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L), a02 = FloatVector.fromArray(F, y, yb + 0 * ys + 2 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L), a12 = FloatVector.fromArray(F, y, yb + 1 * ys + 2 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L), a22 = FloatVector.fromArray(F, y, yb + 2 * ys + 2 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L), a32 = FloatVector.fromArray(F, y, yb + 3 * ys + 2 * L);
        FloatVector a40 = FloatVector.fromArray(F, y, yb + 4 * ys), a41 = FloatVector.fromArray(F, y, yb + 4 * ys + 1 * L), a42 = FloatVector.fromArray(F, y, yb + 4 * ys + 2 * L);
        FloatVector a50 = FloatVector.fromArray(F, y, yb + 5 * ys), a51 = FloatVector.fromArray(F, y, yb + 5 * ys + 1 * L), a52 = FloatVector.fromArray(F, y, yb + 5 * ys + 2 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            FloatVector x2 = FloatVector.fromArray(F, x, o + 2 * L);
            int wi = wb + t * 6;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            a02 = x2.fma(b, a02);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            a12 = x2.fma(b, a12);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            a22 = x2.fma(b, a22);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            a32 = x2.fma(b, a32);
            b = FloatVector.broadcast(F, w[wi + 4]);
            a40 = x0.fma(b, a40);
            a41 = x1.fma(b, a41);
            a42 = x2.fma(b, a42);
            b = FloatVector.broadcast(F, w[wi + 5]);
            a50 = x0.fma(b, a50);
            a51 = x1.fma(b, a51);
            a52 = x2.fma(b, a52);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a02.intoArray(y, yb + 0 * ys + 2 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a12.intoArray(y, yb + 1 * ys + 2 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a22.intoArray(y, yb + 2 * ys + 2 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
        a32.intoArray(y, yb + 3 * ys + 2 * L);
        a40.intoArray(y, yb + 4 * ys);
        a41.intoArray(y, yb + 4 * ys + 1 * L);
        a42.intoArray(y, yb + 4 * ys + 2 * L);
        a50.intoArray(y, yb + 5 * ys);
        a51.intoArray(y, yb + 5 * ys + 1 * L);
        a52.intoArray(y, yb + 5 * ys + 2 * L);
    }

    static void f6x4(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L), a02 = FloatVector.fromArray(F, y, yb + 0 * ys + 2 * L), a03 = FloatVector.fromArray(F, y, yb + 0 * ys + 3 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L), a12 = FloatVector.fromArray(F, y, yb + 1 * ys + 2 * L), a13 = FloatVector.fromArray(F, y, yb + 1 * ys + 3 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L), a22 = FloatVector.fromArray(F, y, yb + 2 * ys + 2 * L), a23 = FloatVector.fromArray(F, y, yb + 2 * ys + 3 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L), a32 = FloatVector.fromArray(F, y, yb + 3 * ys + 2 * L), a33 = FloatVector.fromArray(F, y, yb + 3 * ys + 3 * L);
        FloatVector a40 = FloatVector.fromArray(F, y, yb + 4 * ys), a41 = FloatVector.fromArray(F, y, yb + 4 * ys + 1 * L), a42 = FloatVector.fromArray(F, y, yb + 4 * ys + 2 * L), a43 = FloatVector.fromArray(F, y, yb + 4 * ys + 3 * L);
        FloatVector a50 = FloatVector.fromArray(F, y, yb + 5 * ys), a51 = FloatVector.fromArray(F, y, yb + 5 * ys + 1 * L), a52 = FloatVector.fromArray(F, y, yb + 5 * ys + 2 * L), a53 = FloatVector.fromArray(F, y, yb + 5 * ys + 3 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            FloatVector x2 = FloatVector.fromArray(F, x, o + 2 * L);
            FloatVector x3 = FloatVector.fromArray(F, x, o + 3 * L);
            int wi = wb + t * 6;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            a02 = x2.fma(b, a02);
            a03 = x3.fma(b, a03);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            a12 = x2.fma(b, a12);
            a13 = x3.fma(b, a13);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            a22 = x2.fma(b, a22);
            a23 = x3.fma(b, a23);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            a32 = x2.fma(b, a32);
            a33 = x3.fma(b, a33);
            b = FloatVector.broadcast(F, w[wi + 4]);
            a40 = x0.fma(b, a40);
            a41 = x1.fma(b, a41);
            a42 = x2.fma(b, a42);
            a43 = x3.fma(b, a43);
            b = FloatVector.broadcast(F, w[wi + 5]);
            a50 = x0.fma(b, a50);
            a51 = x1.fma(b, a51);
            a52 = x2.fma(b, a52);
            a53 = x3.fma(b, a53);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a02.intoArray(y, yb + 0 * ys + 2 * L);
        a03.intoArray(y, yb + 0 * ys + 3 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a12.intoArray(y, yb + 1 * ys + 2 * L);
        a13.intoArray(y, yb + 1 * ys + 3 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a22.intoArray(y, yb + 2 * ys + 2 * L);
        a23.intoArray(y, yb + 2 * ys + 3 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
        a32.intoArray(y, yb + 3 * ys + 2 * L);
        a33.intoArray(y, yb + 3 * ys + 3 * L);
        a40.intoArray(y, yb + 4 * ys);
        a41.intoArray(y, yb + 4 * ys + 1 * L);
        a42.intoArray(y, yb + 4 * ys + 2 * L);
        a43.intoArray(y, yb + 4 * ys + 3 * L);
        a50.intoArray(y, yb + 5 * ys);
        a51.intoArray(y, yb + 5 * ys + 1 * L);
        a52.intoArray(y, yb + 5 * ys + 2 * L);
        a53.intoArray(y, yb + 5 * ys + 3 * L);
    }

    static void f8x1(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys);
        FloatVector a40 = FloatVector.fromArray(F, y, yb + 4 * ys);
        FloatVector a50 = FloatVector.fromArray(F, y, yb + 5 * ys);
        FloatVector a60 = FloatVector.fromArray(F, y, yb + 6 * ys);
        FloatVector a70 = FloatVector.fromArray(F, y, yb + 7 * ys);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            int wi = wb + t * 8;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            b = FloatVector.broadcast(F, w[wi + 4]);
            a40 = x0.fma(b, a40);
            b = FloatVector.broadcast(F, w[wi + 5]);
            a50 = x0.fma(b, a50);
            b = FloatVector.broadcast(F, w[wi + 6]);
            a60 = x0.fma(b, a60);
            b = FloatVector.broadcast(F, w[wi + 7]);
            a70 = x0.fma(b, a70);
        }
        a00.intoArray(y, yb + 0 * ys);
        a10.intoArray(y, yb + 1 * ys);
        a20.intoArray(y, yb + 2 * ys);
        a30.intoArray(y, yb + 3 * ys);
        a40.intoArray(y, yb + 4 * ys);
        a50.intoArray(y, yb + 5 * ys);
        a60.intoArray(y, yb + 6 * ys);
        a70.intoArray(y, yb + 7 * ys);
    }

    static void f8x2(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L);
        FloatVector a40 = FloatVector.fromArray(F, y, yb + 4 * ys), a41 = FloatVector.fromArray(F, y, yb + 4 * ys + 1 * L);
        FloatVector a50 = FloatVector.fromArray(F, y, yb + 5 * ys), a51 = FloatVector.fromArray(F, y, yb + 5 * ys + 1 * L);
        FloatVector a60 = FloatVector.fromArray(F, y, yb + 6 * ys), a61 = FloatVector.fromArray(F, y, yb + 6 * ys + 1 * L);
        FloatVector a70 = FloatVector.fromArray(F, y, yb + 7 * ys), a71 = FloatVector.fromArray(F, y, yb + 7 * ys + 1 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            int wi = wb + t * 8;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            b = FloatVector.broadcast(F, w[wi + 4]);
            a40 = x0.fma(b, a40);
            a41 = x1.fma(b, a41);
            b = FloatVector.broadcast(F, w[wi + 5]);
            a50 = x0.fma(b, a50);
            a51 = x1.fma(b, a51);
            b = FloatVector.broadcast(F, w[wi + 6]);
            a60 = x0.fma(b, a60);
            a61 = x1.fma(b, a61);
            b = FloatVector.broadcast(F, w[wi + 7]);
            a70 = x0.fma(b, a70);
            a71 = x1.fma(b, a71);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
        a40.intoArray(y, yb + 4 * ys);
        a41.intoArray(y, yb + 4 * ys + 1 * L);
        a50.intoArray(y, yb + 5 * ys);
        a51.intoArray(y, yb + 5 * ys + 1 * L);
        a60.intoArray(y, yb + 6 * ys);
        a61.intoArray(y, yb + 6 * ys + 1 * L);
        a70.intoArray(y, yb + 7 * ys);
        a71.intoArray(y, yb + 7 * ys + 1 * L);
    }

    static void f8x3(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {
        FloatVector a00 = FloatVector.fromArray(F, y, yb + 0 * ys), a01 = FloatVector.fromArray(F, y, yb + 0 * ys + 1 * L), a02 = FloatVector.fromArray(F, y, yb + 0 * ys + 2 * L);
        FloatVector a10 = FloatVector.fromArray(F, y, yb + 1 * ys), a11 = FloatVector.fromArray(F, y, yb + 1 * ys + 1 * L), a12 = FloatVector.fromArray(F, y, yb + 1 * ys + 2 * L);
        FloatVector a20 = FloatVector.fromArray(F, y, yb + 2 * ys), a21 = FloatVector.fromArray(F, y, yb + 2 * ys + 1 * L), a22 = FloatVector.fromArray(F, y, yb + 2 * ys + 2 * L);
        FloatVector a30 = FloatVector.fromArray(F, y, yb + 3 * ys), a31 = FloatVector.fromArray(F, y, yb + 3 * ys + 1 * L), a32 = FloatVector.fromArray(F, y, yb + 3 * ys + 2 * L);
        FloatVector a40 = FloatVector.fromArray(F, y, yb + 4 * ys), a41 = FloatVector.fromArray(F, y, yb + 4 * ys + 1 * L), a42 = FloatVector.fromArray(F, y, yb + 4 * ys + 2 * L);
        FloatVector a50 = FloatVector.fromArray(F, y, yb + 5 * ys), a51 = FloatVector.fromArray(F, y, yb + 5 * ys + 1 * L), a52 = FloatVector.fromArray(F, y, yb + 5 * ys + 2 * L);
        FloatVector a60 = FloatVector.fromArray(F, y, yb + 6 * ys), a61 = FloatVector.fromArray(F, y, yb + 6 * ys + 1 * L), a62 = FloatVector.fromArray(F, y, yb + 6 * ys + 2 * L);
        FloatVector a70 = FloatVector.fromArray(F, y, yb + 7 * ys), a71 = FloatVector.fromArray(F, y, yb + 7 * ys + 1 * L), a72 = FloatVector.fromArray(F, y, yb + 7 * ys + 2 * L);
        for (int t = 0; t < taps; t++) {
            int o = xb + off[t];
            FloatVector x0 = FloatVector.fromArray(F, x, o);
            FloatVector x1 = FloatVector.fromArray(F, x, o + 1 * L);
            FloatVector x2 = FloatVector.fromArray(F, x, o + 2 * L);
            int wi = wb + t * 8;
            FloatVector b = FloatVector.broadcast(F, w[wi]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            a02 = x2.fma(b, a02);
            b = FloatVector.broadcast(F, w[wi + 1]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            a12 = x2.fma(b, a12);
            b = FloatVector.broadcast(F, w[wi + 2]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            a22 = x2.fma(b, a22);
            b = FloatVector.broadcast(F, w[wi + 3]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            a32 = x2.fma(b, a32);
            b = FloatVector.broadcast(F, w[wi + 4]);
            a40 = x0.fma(b, a40);
            a41 = x1.fma(b, a41);
            a42 = x2.fma(b, a42);
            b = FloatVector.broadcast(F, w[wi + 5]);
            a50 = x0.fma(b, a50);
            a51 = x1.fma(b, a51);
            a52 = x2.fma(b, a52);
            b = FloatVector.broadcast(F, w[wi + 6]);
            a60 = x0.fma(b, a60);
            a61 = x1.fma(b, a61);
            a62 = x2.fma(b, a62);
            b = FloatVector.broadcast(F, w[wi + 7]);
            a70 = x0.fma(b, a70);
            a71 = x1.fma(b, a71);
            a72 = x2.fma(b, a72);
        }
        a00.intoArray(y, yb + 0 * ys);
        a01.intoArray(y, yb + 0 * ys + 1 * L);
        a02.intoArray(y, yb + 0 * ys + 2 * L);
        a10.intoArray(y, yb + 1 * ys);
        a11.intoArray(y, yb + 1 * ys + 1 * L);
        a12.intoArray(y, yb + 1 * ys + 2 * L);
        a20.intoArray(y, yb + 2 * ys);
        a21.intoArray(y, yb + 2 * ys + 1 * L);
        a22.intoArray(y, yb + 2 * ys + 2 * L);
        a30.intoArray(y, yb + 3 * ys);
        a31.intoArray(y, yb + 3 * ys + 1 * L);
        a32.intoArray(y, yb + 3 * ys + 2 * L);
        a40.intoArray(y, yb + 4 * ys);
        a41.intoArray(y, yb + 4 * ys + 1 * L);
        a42.intoArray(y, yb + 4 * ys + 2 * L);
        a50.intoArray(y, yb + 5 * ys);
        a51.intoArray(y, yb + 5 * ys + 1 * L);
        a52.intoArray(y, yb + 5 * ys + 2 * L);
        a60.intoArray(y, yb + 6 * ys);
        a61.intoArray(y, yb + 6 * ys + 1 * L);
        a62.intoArray(y, yb + 6 * ys + 2 * L);
        a70.intoArray(y, yb + 7 * ys);
        a71.intoArray(y, yb + 7 * ys + 1 * L);
        a72.intoArray(y, yb + 7 * ys + 2 * L);
    }

    static void h(int v, int r, int c, int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                  int oh, int ow, int wp, float[] acc, int ab) {
        switch (v * 64 + r * 8 + c) {
            case 73 -> h1x1x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 74 -> h1x1x2(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 75 -> h1x1x3(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 76 -> h1x1x4(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 77 -> h1x1x5(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 81 -> h1x2x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 82 -> h1x2x2(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 83 -> h1x2x3(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 84 -> h1x2x4(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 85 -> h1x2x5(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 89 -> h1x3x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 90 -> h1x3x2(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 91 -> h1x3x3(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 92 -> h1x3x4(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 93 -> h1x3x5(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 97 -> h1x4x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 98 -> h1x4x2(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 99 -> h1x4x3(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 100 -> h1x4x4(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 101 -> h1x4x5(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 105 -> h1x5x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 106 -> h1x5x2(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 107 -> h1x5x3(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 108 -> h1x5x4(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 109 -> h1x5x5(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 137 -> h2x1x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 138 -> h2x1x2(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 139 -> h2x1x3(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 140 -> h2x1x4(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 141 -> h2x1x5(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 145 -> h2x2x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 146 -> h2x2x2(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 147 -> h2x2x3(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 153 -> h2x3x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 154 -> h2x3x2(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 161 -> h2x4x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            case 169 -> h2x5x1(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);
            default -> throw new IllegalArgumentException("no h tile " + v + " x " + r + " x " + c);
        }
    }

    static void h1x1x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
    }

    static void h1x1x2(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
    }

    static void h1x1x3(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
    }

    static void h1x1x4(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
    }

    static void h1x1x5(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a004 = FloatVector.fromArray(F, acc, ab + 4 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    b = FloatVector.broadcast(F, x[x0 + 4]);
                    a004 = g0.fma(b, a004);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a004.intoArray(acc, ab + 4 * L);
    }

    static void h1x2x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a010 = FloatVector.fromArray(F, acc, ab + 1 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a010.intoArray(acc, ab + 1 * L);
    }

    static void h1x2x2(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a010 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 3 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a010.intoArray(acc, ab + 2 * L);
        a011.intoArray(acc, ab + 3 * L);
    }

    static void h1x2x3(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a010 = FloatVector.fromArray(F, acc, ab + 3 * L), a011 = FloatVector.fromArray(F, acc, ab + 4 * L), a012 = FloatVector.fromArray(F, acc, ab + 5 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a010.intoArray(acc, ab + 3 * L);
        a011.intoArray(acc, ab + 4 * L);
        a012.intoArray(acc, ab + 5 * L);
    }

    static void h1x2x4(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a010 = FloatVector.fromArray(F, acc, ab + 4 * L), a011 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a012 = FloatVector.fromArray(F, acc, ab + 6 * L), a013 = FloatVector.fromArray(F, acc, ab + 7 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    b = FloatVector.broadcast(F, x[x1 + 3]);
                    a013 = g0.fma(b, a013);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a010.intoArray(acc, ab + 4 * L);
        a011.intoArray(acc, ab + 5 * L);
        a012.intoArray(acc, ab + 6 * L);
        a013.intoArray(acc, ab + 7 * L);
    }

    static void h1x2x5(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a004 = FloatVector.fromArray(F, acc, ab + 4 * L), a010 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 6 * L), a012 = FloatVector.fromArray(F, acc, ab + 7 * L), a013 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a014 = FloatVector.fromArray(F, acc, ab + 9 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    b = FloatVector.broadcast(F, x[x0 + 4]);
                    a004 = g0.fma(b, a004);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    b = FloatVector.broadcast(F, x[x1 + 3]);
                    a013 = g0.fma(b, a013);
                    b = FloatVector.broadcast(F, x[x1 + 4]);
                    a014 = g0.fma(b, a014);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a004.intoArray(acc, ab + 4 * L);
        a010.intoArray(acc, ab + 5 * L);
        a011.intoArray(acc, ab + 6 * L);
        a012.intoArray(acc, ab + 7 * L);
        a013.intoArray(acc, ab + 8 * L);
        a014.intoArray(acc, ab + 9 * L);
    }

    static void h1x3x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a010 = FloatVector.fromArray(F, acc, ab + 1 * L), a020 = FloatVector.fromArray(F, acc, ab + 2 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a010.intoArray(acc, ab + 1 * L);
        a020.intoArray(acc, ab + 2 * L);
    }

    static void h1x3x2(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a010 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 3 * L), a020 = FloatVector.fromArray(F, acc, ab + 4 * L), a021 = FloatVector.fromArray(F, acc, ab + 5 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a010.intoArray(acc, ab + 2 * L);
        a011.intoArray(acc, ab + 3 * L);
        a020.intoArray(acc, ab + 4 * L);
        a021.intoArray(acc, ab + 5 * L);
    }

    static void h1x3x3(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a010 = FloatVector.fromArray(F, acc, ab + 3 * L), a011 = FloatVector.fromArray(F, acc, ab + 4 * L), a012 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a020 = FloatVector.fromArray(F, acc, ab + 6 * L), a021 = FloatVector.fromArray(F, acc, ab + 7 * L), a022 = FloatVector.fromArray(F, acc, ab + 8 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    b = FloatVector.broadcast(F, x[x2 + 2]);
                    a022 = g0.fma(b, a022);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a010.intoArray(acc, ab + 3 * L);
        a011.intoArray(acc, ab + 4 * L);
        a012.intoArray(acc, ab + 5 * L);
        a020.intoArray(acc, ab + 6 * L);
        a021.intoArray(acc, ab + 7 * L);
        a022.intoArray(acc, ab + 8 * L);
    }

    static void h1x3x4(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a010 = FloatVector.fromArray(F, acc, ab + 4 * L), a011 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a012 = FloatVector.fromArray(F, acc, ab + 6 * L), a013 = FloatVector.fromArray(F, acc, ab + 7 * L), a020 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a021 = FloatVector.fromArray(F, acc, ab + 9 * L), a022 = FloatVector.fromArray(F, acc, ab + 10 * L), a023 = FloatVector.fromArray(F, acc, ab + 11 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    b = FloatVector.broadcast(F, x[x1 + 3]);
                    a013 = g0.fma(b, a013);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    b = FloatVector.broadcast(F, x[x2 + 2]);
                    a022 = g0.fma(b, a022);
                    b = FloatVector.broadcast(F, x[x2 + 3]);
                    a023 = g0.fma(b, a023);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a010.intoArray(acc, ab + 4 * L);
        a011.intoArray(acc, ab + 5 * L);
        a012.intoArray(acc, ab + 6 * L);
        a013.intoArray(acc, ab + 7 * L);
        a020.intoArray(acc, ab + 8 * L);
        a021.intoArray(acc, ab + 9 * L);
        a022.intoArray(acc, ab + 10 * L);
        a023.intoArray(acc, ab + 11 * L);
    }

    static void h1x3x5(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a004 = FloatVector.fromArray(F, acc, ab + 4 * L), a010 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 6 * L), a012 = FloatVector.fromArray(F, acc, ab + 7 * L), a013 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a014 = FloatVector.fromArray(F, acc, ab + 9 * L), a020 = FloatVector.fromArray(F, acc, ab + 10 * L), a021 = FloatVector.fromArray(F, acc, ab + 11 * L);
        FloatVector a022 = FloatVector.fromArray(F, acc, ab + 12 * L), a023 = FloatVector.fromArray(F, acc, ab + 13 * L), a024 = FloatVector.fromArray(F, acc, ab + 14 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    b = FloatVector.broadcast(F, x[x0 + 4]);
                    a004 = g0.fma(b, a004);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    b = FloatVector.broadcast(F, x[x1 + 3]);
                    a013 = g0.fma(b, a013);
                    b = FloatVector.broadcast(F, x[x1 + 4]);
                    a014 = g0.fma(b, a014);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    b = FloatVector.broadcast(F, x[x2 + 2]);
                    a022 = g0.fma(b, a022);
                    b = FloatVector.broadcast(F, x[x2 + 3]);
                    a023 = g0.fma(b, a023);
                    b = FloatVector.broadcast(F, x[x2 + 4]);
                    a024 = g0.fma(b, a024);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a004.intoArray(acc, ab + 4 * L);
        a010.intoArray(acc, ab + 5 * L);
        a011.intoArray(acc, ab + 6 * L);
        a012.intoArray(acc, ab + 7 * L);
        a013.intoArray(acc, ab + 8 * L);
        a014.intoArray(acc, ab + 9 * L);
        a020.intoArray(acc, ab + 10 * L);
        a021.intoArray(acc, ab + 11 * L);
        a022.intoArray(acc, ab + 12 * L);
        a023.intoArray(acc, ab + 13 * L);
        a024.intoArray(acc, ab + 14 * L);
    }

    static void h1x4x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a010 = FloatVector.fromArray(F, acc, ab + 1 * L), a020 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 3 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a010.intoArray(acc, ab + 1 * L);
        a020.intoArray(acc, ab + 2 * L);
        a030.intoArray(acc, ab + 3 * L);
    }

    static void h1x4x2(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a010 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 3 * L), a020 = FloatVector.fromArray(F, acc, ab + 4 * L), a021 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 6 * L), a031 = FloatVector.fromArray(F, acc, ab + 7 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    b = FloatVector.broadcast(F, x[x3 + 1]);
                    a031 = g0.fma(b, a031);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a010.intoArray(acc, ab + 2 * L);
        a011.intoArray(acc, ab + 3 * L);
        a020.intoArray(acc, ab + 4 * L);
        a021.intoArray(acc, ab + 5 * L);
        a030.intoArray(acc, ab + 6 * L);
        a031.intoArray(acc, ab + 7 * L);
    }

    static void h1x4x3(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a010 = FloatVector.fromArray(F, acc, ab + 3 * L), a011 = FloatVector.fromArray(F, acc, ab + 4 * L), a012 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a020 = FloatVector.fromArray(F, acc, ab + 6 * L), a021 = FloatVector.fromArray(F, acc, ab + 7 * L), a022 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 9 * L), a031 = FloatVector.fromArray(F, acc, ab + 10 * L), a032 = FloatVector.fromArray(F, acc, ab + 11 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    b = FloatVector.broadcast(F, x[x2 + 2]);
                    a022 = g0.fma(b, a022);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    b = FloatVector.broadcast(F, x[x3 + 1]);
                    a031 = g0.fma(b, a031);
                    b = FloatVector.broadcast(F, x[x3 + 2]);
                    a032 = g0.fma(b, a032);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a010.intoArray(acc, ab + 3 * L);
        a011.intoArray(acc, ab + 4 * L);
        a012.intoArray(acc, ab + 5 * L);
        a020.intoArray(acc, ab + 6 * L);
        a021.intoArray(acc, ab + 7 * L);
        a022.intoArray(acc, ab + 8 * L);
        a030.intoArray(acc, ab + 9 * L);
        a031.intoArray(acc, ab + 10 * L);
        a032.intoArray(acc, ab + 11 * L);
    }

    static void h1x4x4(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a010 = FloatVector.fromArray(F, acc, ab + 4 * L), a011 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a012 = FloatVector.fromArray(F, acc, ab + 6 * L), a013 = FloatVector.fromArray(F, acc, ab + 7 * L), a020 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a021 = FloatVector.fromArray(F, acc, ab + 9 * L), a022 = FloatVector.fromArray(F, acc, ab + 10 * L), a023 = FloatVector.fromArray(F, acc, ab + 11 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 12 * L), a031 = FloatVector.fromArray(F, acc, ab + 13 * L), a032 = FloatVector.fromArray(F, acc, ab + 14 * L);
        FloatVector a033 = FloatVector.fromArray(F, acc, ab + 15 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    b = FloatVector.broadcast(F, x[x1 + 3]);
                    a013 = g0.fma(b, a013);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    b = FloatVector.broadcast(F, x[x2 + 2]);
                    a022 = g0.fma(b, a022);
                    b = FloatVector.broadcast(F, x[x2 + 3]);
                    a023 = g0.fma(b, a023);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    b = FloatVector.broadcast(F, x[x3 + 1]);
                    a031 = g0.fma(b, a031);
                    b = FloatVector.broadcast(F, x[x3 + 2]);
                    a032 = g0.fma(b, a032);
                    b = FloatVector.broadcast(F, x[x3 + 3]);
                    a033 = g0.fma(b, a033);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a010.intoArray(acc, ab + 4 * L);
        a011.intoArray(acc, ab + 5 * L);
        a012.intoArray(acc, ab + 6 * L);
        a013.intoArray(acc, ab + 7 * L);
        a020.intoArray(acc, ab + 8 * L);
        a021.intoArray(acc, ab + 9 * L);
        a022.intoArray(acc, ab + 10 * L);
        a023.intoArray(acc, ab + 11 * L);
        a030.intoArray(acc, ab + 12 * L);
        a031.intoArray(acc, ab + 13 * L);
        a032.intoArray(acc, ab + 14 * L);
        a033.intoArray(acc, ab + 15 * L);
    }

    static void h1x4x5(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a004 = FloatVector.fromArray(F, acc, ab + 4 * L), a010 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 6 * L), a012 = FloatVector.fromArray(F, acc, ab + 7 * L), a013 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a014 = FloatVector.fromArray(F, acc, ab + 9 * L), a020 = FloatVector.fromArray(F, acc, ab + 10 * L), a021 = FloatVector.fromArray(F, acc, ab + 11 * L);
        FloatVector a022 = FloatVector.fromArray(F, acc, ab + 12 * L), a023 = FloatVector.fromArray(F, acc, ab + 13 * L), a024 = FloatVector.fromArray(F, acc, ab + 14 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 15 * L), a031 = FloatVector.fromArray(F, acc, ab + 16 * L), a032 = FloatVector.fromArray(F, acc, ab + 17 * L);
        FloatVector a033 = FloatVector.fromArray(F, acc, ab + 18 * L), a034 = FloatVector.fromArray(F, acc, ab + 19 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    b = FloatVector.broadcast(F, x[x0 + 4]);
                    a004 = g0.fma(b, a004);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    b = FloatVector.broadcast(F, x[x1 + 3]);
                    a013 = g0.fma(b, a013);
                    b = FloatVector.broadcast(F, x[x1 + 4]);
                    a014 = g0.fma(b, a014);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    b = FloatVector.broadcast(F, x[x2 + 2]);
                    a022 = g0.fma(b, a022);
                    b = FloatVector.broadcast(F, x[x2 + 3]);
                    a023 = g0.fma(b, a023);
                    b = FloatVector.broadcast(F, x[x2 + 4]);
                    a024 = g0.fma(b, a024);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    b = FloatVector.broadcast(F, x[x3 + 1]);
                    a031 = g0.fma(b, a031);
                    b = FloatVector.broadcast(F, x[x3 + 2]);
                    a032 = g0.fma(b, a032);
                    b = FloatVector.broadcast(F, x[x3 + 3]);
                    a033 = g0.fma(b, a033);
                    b = FloatVector.broadcast(F, x[x3 + 4]);
                    a034 = g0.fma(b, a034);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a004.intoArray(acc, ab + 4 * L);
        a010.intoArray(acc, ab + 5 * L);
        a011.intoArray(acc, ab + 6 * L);
        a012.intoArray(acc, ab + 7 * L);
        a013.intoArray(acc, ab + 8 * L);
        a014.intoArray(acc, ab + 9 * L);
        a020.intoArray(acc, ab + 10 * L);
        a021.intoArray(acc, ab + 11 * L);
        a022.intoArray(acc, ab + 12 * L);
        a023.intoArray(acc, ab + 13 * L);
        a024.intoArray(acc, ab + 14 * L);
        a030.intoArray(acc, ab + 15 * L);
        a031.intoArray(acc, ab + 16 * L);
        a032.intoArray(acc, ab + 17 * L);
        a033.intoArray(acc, ab + 18 * L);
        a034.intoArray(acc, ab + 19 * L);
    }

    static void h1x5x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a010 = FloatVector.fromArray(F, acc, ab + 1 * L), a020 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 3 * L), a040 = FloatVector.fromArray(F, acc, ab + 4 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    int x4 = xc + 4 * rs;
                    b = FloatVector.broadcast(F, x[x4]);
                    a040 = g0.fma(b, a040);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a010.intoArray(acc, ab + 1 * L);
        a020.intoArray(acc, ab + 2 * L);
        a030.intoArray(acc, ab + 3 * L);
        a040.intoArray(acc, ab + 4 * L);
    }

    static void h1x5x2(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a010 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 3 * L), a020 = FloatVector.fromArray(F, acc, ab + 4 * L), a021 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 6 * L), a031 = FloatVector.fromArray(F, acc, ab + 7 * L), a040 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a041 = FloatVector.fromArray(F, acc, ab + 9 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    b = FloatVector.broadcast(F, x[x3 + 1]);
                    a031 = g0.fma(b, a031);
                    int x4 = xc + 4 * rs;
                    b = FloatVector.broadcast(F, x[x4]);
                    a040 = g0.fma(b, a040);
                    b = FloatVector.broadcast(F, x[x4 + 1]);
                    a041 = g0.fma(b, a041);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a010.intoArray(acc, ab + 2 * L);
        a011.intoArray(acc, ab + 3 * L);
        a020.intoArray(acc, ab + 4 * L);
        a021.intoArray(acc, ab + 5 * L);
        a030.intoArray(acc, ab + 6 * L);
        a031.intoArray(acc, ab + 7 * L);
        a040.intoArray(acc, ab + 8 * L);
        a041.intoArray(acc, ab + 9 * L);
    }

    static void h1x5x3(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a010 = FloatVector.fromArray(F, acc, ab + 3 * L), a011 = FloatVector.fromArray(F, acc, ab + 4 * L), a012 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a020 = FloatVector.fromArray(F, acc, ab + 6 * L), a021 = FloatVector.fromArray(F, acc, ab + 7 * L), a022 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 9 * L), a031 = FloatVector.fromArray(F, acc, ab + 10 * L), a032 = FloatVector.fromArray(F, acc, ab + 11 * L);
        FloatVector a040 = FloatVector.fromArray(F, acc, ab + 12 * L), a041 = FloatVector.fromArray(F, acc, ab + 13 * L), a042 = FloatVector.fromArray(F, acc, ab + 14 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    b = FloatVector.broadcast(F, x[x2 + 2]);
                    a022 = g0.fma(b, a022);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    b = FloatVector.broadcast(F, x[x3 + 1]);
                    a031 = g0.fma(b, a031);
                    b = FloatVector.broadcast(F, x[x3 + 2]);
                    a032 = g0.fma(b, a032);
                    int x4 = xc + 4 * rs;
                    b = FloatVector.broadcast(F, x[x4]);
                    a040 = g0.fma(b, a040);
                    b = FloatVector.broadcast(F, x[x4 + 1]);
                    a041 = g0.fma(b, a041);
                    b = FloatVector.broadcast(F, x[x4 + 2]);
                    a042 = g0.fma(b, a042);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a010.intoArray(acc, ab + 3 * L);
        a011.intoArray(acc, ab + 4 * L);
        a012.intoArray(acc, ab + 5 * L);
        a020.intoArray(acc, ab + 6 * L);
        a021.intoArray(acc, ab + 7 * L);
        a022.intoArray(acc, ab + 8 * L);
        a030.intoArray(acc, ab + 9 * L);
        a031.intoArray(acc, ab + 10 * L);
        a032.intoArray(acc, ab + 11 * L);
        a040.intoArray(acc, ab + 12 * L);
        a041.intoArray(acc, ab + 13 * L);
        a042.intoArray(acc, ab + 14 * L);
    }

    static void h1x5x4(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a010 = FloatVector.fromArray(F, acc, ab + 4 * L), a011 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a012 = FloatVector.fromArray(F, acc, ab + 6 * L), a013 = FloatVector.fromArray(F, acc, ab + 7 * L), a020 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a021 = FloatVector.fromArray(F, acc, ab + 9 * L), a022 = FloatVector.fromArray(F, acc, ab + 10 * L), a023 = FloatVector.fromArray(F, acc, ab + 11 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 12 * L), a031 = FloatVector.fromArray(F, acc, ab + 13 * L), a032 = FloatVector.fromArray(F, acc, ab + 14 * L);
        FloatVector a033 = FloatVector.fromArray(F, acc, ab + 15 * L), a040 = FloatVector.fromArray(F, acc, ab + 16 * L), a041 = FloatVector.fromArray(F, acc, ab + 17 * L);
        FloatVector a042 = FloatVector.fromArray(F, acc, ab + 18 * L), a043 = FloatVector.fromArray(F, acc, ab + 19 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    b = FloatVector.broadcast(F, x[x1 + 3]);
                    a013 = g0.fma(b, a013);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    b = FloatVector.broadcast(F, x[x2 + 2]);
                    a022 = g0.fma(b, a022);
                    b = FloatVector.broadcast(F, x[x2 + 3]);
                    a023 = g0.fma(b, a023);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    b = FloatVector.broadcast(F, x[x3 + 1]);
                    a031 = g0.fma(b, a031);
                    b = FloatVector.broadcast(F, x[x3 + 2]);
                    a032 = g0.fma(b, a032);
                    b = FloatVector.broadcast(F, x[x3 + 3]);
                    a033 = g0.fma(b, a033);
                    int x4 = xc + 4 * rs;
                    b = FloatVector.broadcast(F, x[x4]);
                    a040 = g0.fma(b, a040);
                    b = FloatVector.broadcast(F, x[x4 + 1]);
                    a041 = g0.fma(b, a041);
                    b = FloatVector.broadcast(F, x[x4 + 2]);
                    a042 = g0.fma(b, a042);
                    b = FloatVector.broadcast(F, x[x4 + 3]);
                    a043 = g0.fma(b, a043);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a010.intoArray(acc, ab + 4 * L);
        a011.intoArray(acc, ab + 5 * L);
        a012.intoArray(acc, ab + 6 * L);
        a013.intoArray(acc, ab + 7 * L);
        a020.intoArray(acc, ab + 8 * L);
        a021.intoArray(acc, ab + 9 * L);
        a022.intoArray(acc, ab + 10 * L);
        a023.intoArray(acc, ab + 11 * L);
        a030.intoArray(acc, ab + 12 * L);
        a031.intoArray(acc, ab + 13 * L);
        a032.intoArray(acc, ab + 14 * L);
        a033.intoArray(acc, ab + 15 * L);
        a040.intoArray(acc, ab + 16 * L);
        a041.intoArray(acc, ab + 17 * L);
        a042.intoArray(acc, ab + 18 * L);
        a043.intoArray(acc, ab + 19 * L);
    }

    static void h1x5x5(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a004 = FloatVector.fromArray(F, acc, ab + 4 * L), a010 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 6 * L), a012 = FloatVector.fromArray(F, acc, ab + 7 * L), a013 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a014 = FloatVector.fromArray(F, acc, ab + 9 * L), a020 = FloatVector.fromArray(F, acc, ab + 10 * L), a021 = FloatVector.fromArray(F, acc, ab + 11 * L);
        FloatVector a022 = FloatVector.fromArray(F, acc, ab + 12 * L), a023 = FloatVector.fromArray(F, acc, ab + 13 * L), a024 = FloatVector.fromArray(F, acc, ab + 14 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 15 * L), a031 = FloatVector.fromArray(F, acc, ab + 16 * L), a032 = FloatVector.fromArray(F, acc, ab + 17 * L);
        FloatVector a033 = FloatVector.fromArray(F, acc, ab + 18 * L), a034 = FloatVector.fromArray(F, acc, ab + 19 * L), a040 = FloatVector.fromArray(F, acc, ab + 20 * L);
        FloatVector a041 = FloatVector.fromArray(F, acc, ab + 21 * L), a042 = FloatVector.fromArray(F, acc, ab + 22 * L), a043 = FloatVector.fromArray(F, acc, ab + 23 * L);
        FloatVector a044 = FloatVector.fromArray(F, acc, ab + 24 * L);
        int step = 1 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    b = FloatVector.broadcast(F, x[x0 + 4]);
                    a004 = g0.fma(b, a004);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    b = FloatVector.broadcast(F, x[x1 + 3]);
                    a013 = g0.fma(b, a013);
                    b = FloatVector.broadcast(F, x[x1 + 4]);
                    a014 = g0.fma(b, a014);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    b = FloatVector.broadcast(F, x[x2 + 2]);
                    a022 = g0.fma(b, a022);
                    b = FloatVector.broadcast(F, x[x2 + 3]);
                    a023 = g0.fma(b, a023);
                    b = FloatVector.broadcast(F, x[x2 + 4]);
                    a024 = g0.fma(b, a024);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    b = FloatVector.broadcast(F, x[x3 + 1]);
                    a031 = g0.fma(b, a031);
                    b = FloatVector.broadcast(F, x[x3 + 2]);
                    a032 = g0.fma(b, a032);
                    b = FloatVector.broadcast(F, x[x3 + 3]);
                    a033 = g0.fma(b, a033);
                    b = FloatVector.broadcast(F, x[x3 + 4]);
                    a034 = g0.fma(b, a034);
                    int x4 = xc + 4 * rs;
                    b = FloatVector.broadcast(F, x[x4]);
                    a040 = g0.fma(b, a040);
                    b = FloatVector.broadcast(F, x[x4 + 1]);
                    a041 = g0.fma(b, a041);
                    b = FloatVector.broadcast(F, x[x4 + 2]);
                    a042 = g0.fma(b, a042);
                    b = FloatVector.broadcast(F, x[x4 + 3]);
                    a043 = g0.fma(b, a043);
                    b = FloatVector.broadcast(F, x[x4 + 4]);
                    a044 = g0.fma(b, a044);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a004.intoArray(acc, ab + 4 * L);
        a010.intoArray(acc, ab + 5 * L);
        a011.intoArray(acc, ab + 6 * L);
        a012.intoArray(acc, ab + 7 * L);
        a013.intoArray(acc, ab + 8 * L);
        a014.intoArray(acc, ab + 9 * L);
        a020.intoArray(acc, ab + 10 * L);
        a021.intoArray(acc, ab + 11 * L);
        a022.intoArray(acc, ab + 12 * L);
        a023.intoArray(acc, ab + 13 * L);
        a024.intoArray(acc, ab + 14 * L);
        a030.intoArray(acc, ab + 15 * L);
        a031.intoArray(acc, ab + 16 * L);
        a032.intoArray(acc, ab + 17 * L);
        a033.intoArray(acc, ab + 18 * L);
        a034.intoArray(acc, ab + 19 * L);
        a040.intoArray(acc, ab + 20 * L);
        a041.intoArray(acc, ab + 21 * L);
        a042.intoArray(acc, ab + 22 * L);
        a043.intoArray(acc, ab + 23 * L);
        a044.intoArray(acc, ab + 24 * L);
    }

    static void h2x1x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a100 = FloatVector.fromArray(F, acc, ab + 1 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a100.intoArray(acc, ab + 1 * L);
    }

    static void h2x1x2(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a100 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a101 = FloatVector.fromArray(F, acc, ab + 3 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    a101 = g1.fma(b, a101);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a100.intoArray(acc, ab + 2 * L);
        a101.intoArray(acc, ab + 3 * L);
    }

    static void h2x1x3(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a100 = FloatVector.fromArray(F, acc, ab + 3 * L), a101 = FloatVector.fromArray(F, acc, ab + 4 * L), a102 = FloatVector.fromArray(F, acc, ab + 5 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    a101 = g1.fma(b, a101);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    a102 = g1.fma(b, a102);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a100.intoArray(acc, ab + 3 * L);
        a101.intoArray(acc, ab + 4 * L);
        a102.intoArray(acc, ab + 5 * L);
    }

    static void h2x1x4(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a100 = FloatVector.fromArray(F, acc, ab + 4 * L), a101 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a102 = FloatVector.fromArray(F, acc, ab + 6 * L), a103 = FloatVector.fromArray(F, acc, ab + 7 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    a101 = g1.fma(b, a101);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    a102 = g1.fma(b, a102);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    a103 = g1.fma(b, a103);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a100.intoArray(acc, ab + 4 * L);
        a101.intoArray(acc, ab + 5 * L);
        a102.intoArray(acc, ab + 6 * L);
        a103.intoArray(acc, ab + 7 * L);
    }

    static void h2x1x5(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a003 = FloatVector.fromArray(F, acc, ab + 3 * L), a004 = FloatVector.fromArray(F, acc, ab + 4 * L), a100 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a101 = FloatVector.fromArray(F, acc, ab + 6 * L), a102 = FloatVector.fromArray(F, acc, ab + 7 * L), a103 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a104 = FloatVector.fromArray(F, acc, ab + 9 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    a101 = g1.fma(b, a101);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    a102 = g1.fma(b, a102);
                    b = FloatVector.broadcast(F, x[x0 + 3]);
                    a003 = g0.fma(b, a003);
                    a103 = g1.fma(b, a103);
                    b = FloatVector.broadcast(F, x[x0 + 4]);
                    a004 = g0.fma(b, a004);
                    a104 = g1.fma(b, a104);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a003.intoArray(acc, ab + 3 * L);
        a004.intoArray(acc, ab + 4 * L);
        a100.intoArray(acc, ab + 5 * L);
        a101.intoArray(acc, ab + 6 * L);
        a102.intoArray(acc, ab + 7 * L);
        a103.intoArray(acc, ab + 8 * L);
        a104.intoArray(acc, ab + 9 * L);
    }

    static void h2x2x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a010 = FloatVector.fromArray(F, acc, ab + 1 * L), a100 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a110 = FloatVector.fromArray(F, acc, ab + 3 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    a110 = g1.fma(b, a110);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a010.intoArray(acc, ab + 1 * L);
        a100.intoArray(acc, ab + 2 * L);
        a110.intoArray(acc, ab + 3 * L);
    }

    static void h2x2x2(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a010 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 3 * L), a100 = FloatVector.fromArray(F, acc, ab + 4 * L), a101 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a110 = FloatVector.fromArray(F, acc, ab + 6 * L), a111 = FloatVector.fromArray(F, acc, ab + 7 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    a101 = g1.fma(b, a101);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    a110 = g1.fma(b, a110);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    a111 = g1.fma(b, a111);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a010.intoArray(acc, ab + 2 * L);
        a011.intoArray(acc, ab + 3 * L);
        a100.intoArray(acc, ab + 4 * L);
        a101.intoArray(acc, ab + 5 * L);
        a110.intoArray(acc, ab + 6 * L);
        a111.intoArray(acc, ab + 7 * L);
    }

    static void h2x2x3(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a002 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a010 = FloatVector.fromArray(F, acc, ab + 3 * L), a011 = FloatVector.fromArray(F, acc, ab + 4 * L), a012 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a100 = FloatVector.fromArray(F, acc, ab + 6 * L), a101 = FloatVector.fromArray(F, acc, ab + 7 * L), a102 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a110 = FloatVector.fromArray(F, acc, ab + 9 * L), a111 = FloatVector.fromArray(F, acc, ab + 10 * L), a112 = FloatVector.fromArray(F, acc, ab + 11 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    a101 = g1.fma(b, a101);
                    b = FloatVector.broadcast(F, x[x0 + 2]);
                    a002 = g0.fma(b, a002);
                    a102 = g1.fma(b, a102);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    a110 = g1.fma(b, a110);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    a111 = g1.fma(b, a111);
                    b = FloatVector.broadcast(F, x[x1 + 2]);
                    a012 = g0.fma(b, a012);
                    a112 = g1.fma(b, a112);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a002.intoArray(acc, ab + 2 * L);
        a010.intoArray(acc, ab + 3 * L);
        a011.intoArray(acc, ab + 4 * L);
        a012.intoArray(acc, ab + 5 * L);
        a100.intoArray(acc, ab + 6 * L);
        a101.intoArray(acc, ab + 7 * L);
        a102.intoArray(acc, ab + 8 * L);
        a110.intoArray(acc, ab + 9 * L);
        a111.intoArray(acc, ab + 10 * L);
        a112.intoArray(acc, ab + 11 * L);
    }

    static void h2x3x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a010 = FloatVector.fromArray(F, acc, ab + 1 * L), a020 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a100 = FloatVector.fromArray(F, acc, ab + 3 * L), a110 = FloatVector.fromArray(F, acc, ab + 4 * L), a120 = FloatVector.fromArray(F, acc, ab + 5 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    a110 = g1.fma(b, a110);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    a120 = g1.fma(b, a120);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a010.intoArray(acc, ab + 1 * L);
        a020.intoArray(acc, ab + 2 * L);
        a100.intoArray(acc, ab + 3 * L);
        a110.intoArray(acc, ab + 4 * L);
        a120.intoArray(acc, ab + 5 * L);
    }

    static void h2x3x2(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a001 = FloatVector.fromArray(F, acc, ab + 1 * L), a010 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a011 = FloatVector.fromArray(F, acc, ab + 3 * L), a020 = FloatVector.fromArray(F, acc, ab + 4 * L), a021 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a100 = FloatVector.fromArray(F, acc, ab + 6 * L), a101 = FloatVector.fromArray(F, acc, ab + 7 * L), a110 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a111 = FloatVector.fromArray(F, acc, ab + 9 * L), a120 = FloatVector.fromArray(F, acc, ab + 10 * L), a121 = FloatVector.fromArray(F, acc, ab + 11 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    b = FloatVector.broadcast(F, x[x0 + 1]);
                    a001 = g0.fma(b, a001);
                    a101 = g1.fma(b, a101);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    a110 = g1.fma(b, a110);
                    b = FloatVector.broadcast(F, x[x1 + 1]);
                    a011 = g0.fma(b, a011);
                    a111 = g1.fma(b, a111);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    a120 = g1.fma(b, a120);
                    b = FloatVector.broadcast(F, x[x2 + 1]);
                    a021 = g0.fma(b, a021);
                    a121 = g1.fma(b, a121);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a001.intoArray(acc, ab + 1 * L);
        a010.intoArray(acc, ab + 2 * L);
        a011.intoArray(acc, ab + 3 * L);
        a020.intoArray(acc, ab + 4 * L);
        a021.intoArray(acc, ab + 5 * L);
        a100.intoArray(acc, ab + 6 * L);
        a101.intoArray(acc, ab + 7 * L);
        a110.intoArray(acc, ab + 8 * L);
        a111.intoArray(acc, ab + 9 * L);
        a120.intoArray(acc, ab + 10 * L);
        a121.intoArray(acc, ab + 11 * L);
    }

    static void h2x4x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a010 = FloatVector.fromArray(F, acc, ab + 1 * L), a020 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 3 * L), a100 = FloatVector.fromArray(F, acc, ab + 4 * L), a110 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a120 = FloatVector.fromArray(F, acc, ab + 6 * L), a130 = FloatVector.fromArray(F, acc, ab + 7 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    a110 = g1.fma(b, a110);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    a120 = g1.fma(b, a120);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    a130 = g1.fma(b, a130);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a010.intoArray(acc, ab + 1 * L);
        a020.intoArray(acc, ab + 2 * L);
        a030.intoArray(acc, ab + 3 * L);
        a100.intoArray(acc, ab + 4 * L);
        a110.intoArray(acc, ab + 5 * L);
        a120.intoArray(acc, ab + 6 * L);
        a130.intoArray(acc, ab + 7 * L);
    }

    static void h2x5x1(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,
                           int oh, int ow, int wp, float[] acc, int ab) {
        FloatVector a000 = FloatVector.fromArray(F, acc, ab + 0 * L), a010 = FloatVector.fromArray(F, acc, ab + 1 * L), a020 = FloatVector.fromArray(F, acc, ab + 2 * L);
        FloatVector a030 = FloatVector.fromArray(F, acc, ab + 3 * L), a040 = FloatVector.fromArray(F, acc, ab + 4 * L), a100 = FloatVector.fromArray(F, acc, ab + 5 * L);
        FloatVector a110 = FloatVector.fromArray(F, acc, ab + 6 * L), a120 = FloatVector.fromArray(F, acc, ab + 7 * L), a130 = FloatVector.fromArray(F, acc, ab + 8 * L);
        FloatVector a140 = FloatVector.fromArray(F, acc, ab + 9 * L);
        int step = 2 * L;
        for (int n = 0; n < images; n++) {
            int gn = gb + n * gImg, xn = xb + n * xImg;
            for (int row = 0; row < oh; row++) {
                int gr = gn + row * ow * step, xr = xn + row * wp;
                for (int col = 0; col < ow; col++) {
                    int gc = gr + col * step, xc = xr + col;
                    FloatVector g0 = FloatVector.fromArray(F, g, gc);
                    FloatVector g1 = FloatVector.fromArray(F, g, gc + L);
                    int x0 = xc;
                    FloatVector b = FloatVector.broadcast(F, x[x0]);
                    a000 = g0.fma(b, a000);
                    a100 = g1.fma(b, a100);
                    int x1 = xc + 1 * rs;
                    b = FloatVector.broadcast(F, x[x1]);
                    a010 = g0.fma(b, a010);
                    a110 = g1.fma(b, a110);
                    int x2 = xc + 2 * rs;
                    b = FloatVector.broadcast(F, x[x2]);
                    a020 = g0.fma(b, a020);
                    a120 = g1.fma(b, a120);
                    int x3 = xc + 3 * rs;
                    b = FloatVector.broadcast(F, x[x3]);
                    a030 = g0.fma(b, a030);
                    a130 = g1.fma(b, a130);
                    int x4 = xc + 4 * rs;
                    b = FloatVector.broadcast(F, x[x4]);
                    a040 = g0.fma(b, a040);
                    a140 = g1.fma(b, a140);
                }
            }
        }
        a000.intoArray(acc, ab + 0 * L);
        a010.intoArray(acc, ab + 1 * L);
        a020.intoArray(acc, ab + 2 * L);
        a030.intoArray(acc, ab + 3 * L);
        a040.intoArray(acc, ab + 4 * L);
        a100.intoArray(acc, ab + 5 * L);
        a110.intoArray(acc, ab + 6 * L);
        a120.intoArray(acc, ab + 7 * L);
        a130.intoArray(acc, ab + 8 * L);
        a140.intoArray(acc, ab + 9 * L);
    }
}
