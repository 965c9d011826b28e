#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes src/main/java/dev/panamax/kernel/conv/ConvVectorTiles.java: the register tiles of the
direct convolution, one method per tile shape, from one template (edit this script, not the file).

Forward tile f{NK}x{NP}: NK output channels x NP vectors of output positions; per tap, NP loads of
the packed input and NK broadcasts of the packed weights. Weight-gradient tile h{V}x{R}x{C}: V
vectors of output channels x R x C taps, one broadcast of the input per tap and position."""
import pathlib

SHAPES = [(4, np) for np in range(1, 7)] + [(6, np) for np in range(1, 5)] + [(8, np) for np in range(1, 4)]

def fwd(nk, np_):
    o = []
    o.append(f"    static void f{nk}x{np_}(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {{")
    for i in range(nk):
        o.append("        FloatVector " + ", ".join(f"a{i}{j} = FloatVector.fromArray(F, y, yb + {i} * ys{'' if j == 0 else ' + ' + str(j) + ' * L'})" for j in range(np_)) + ";")
    o.append("        for (int t = 0; t < taps; t++) {")
    o.append("            int o = xb + off[t];")
    for j in range(np_):
        o.append(f"            FloatVector x{j} = FloatVector.fromArray(F, x, o{'' if j == 0 else ' + ' + str(j) + ' * L'});")
    o.append(f"            int wi = wb + t * {nk};")
    for i in range(nk):
        o.append(f"            {'FloatVector ' if i == 0 else ''}b = FloatVector.broadcast(F, w[wi{'' if i == 0 else ' + ' + str(i)}]);")
        for j in range(np_):
            o.append(f"            a{i}{j} = x{j}.fma(b, a{i}{j});")
    o.append("        }")
    for i in range(nk):
        for j in range(np_):
            o.append(f"        a{i}{j}.intoArray(y, yb + {i} * ys{'' if j == 0 else ' + ' + str(j) + ' * L'});")
    o.append("    }")
    return "\n".join(o)

def grad(nk, nt):
    o = []
    o.append(f"    static void g{nk}x{nt}(int images, int q, float[] g, int gb, int gImg, int gk, float[] x, int xb, int xImg,")
    o.append(f"                         int[] off, int t0, float[] acc) {{")
    for i in range(nk):
        o.append("        FloatVector " + ", ".join(f"a{i}{j} = FloatVector.zero(F)" for j in range(nt)) + ";")
    o.append("        for (int n = 0; n < images; n++) {")
    o.append("            int gn = gb + n * gImg, xn = xb + n * xImg;")
    for j in range(nt):
        o.append(f"            int o{j} = xn + off[t0 + {j}];")
    o.append("            for (int p = 0; p < q; p += L) {")
    for j in range(nt):
        o.append(f"                FloatVector x{j} = FloatVector.fromArray(F, x, o{j} + p);")
    for i in range(nk):
        o.append(f"                {'FloatVector ' if i == 0 else ''}v = FloatVector.fromArray(F, g, gn + {i} * gk + p);")
        for j in range(nt):
            o.append(f"                a{i}{j} = v.fma(x{j}, a{i}{j});")
    o.append("            }")
    o.append("        }")
    for i in range(nk):
        for j in range(nt):
            o.append(f"        a{i}{j}.intoArray(acc, {i * nt + j} * L);")
    o.append("    }")
    return "\n".join(o)

HSHAPES = [(v, r, c) for v in (1, 2) for r in range(1, 6) for c in range(1, 6) if v * r * c <= (25 if v == 1 else 12)]

def wgrad_k(v, r, c):
    """Weight-gradient tile with the output channels in the lanes: V vectors of channels x R x C taps."""
    o = []
    o.append(f"    static void h{v}x{r}x{c}(int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,")
    o.append(f"                           int oh, int ow, int wp, float[] acc, int ab) {{")
    names = [(f"a{vv}{i}{j}", (vv * r + i) * c + j) for vv in range(v) for i in range(r) for j in range(c)]
    for k in range(0, len(names), 3):
        o.append("        FloatVector " + ", ".join(f"{n} = FloatVector.fromArray(F, acc, ab + {at} * L)" for n, at in names[k:k + 3]) + ";")
    o.append(f"        int step = {v} * L;")
    o.append("        for (int n = 0; n < images; n++) {")
    o.append("            int gn = gb + n * gImg, xn = xb + n * xImg;")
    o.append("            for (int row = 0; row < oh; row++) {")
    o.append("                int gr = gn + row * ow * step, xr = xn + row * wp;")
    o.append("                for (int col = 0; col < ow; col++) {")
    o.append("                    int gc = gr + col * step, xc = xr + col;")
    for vv in range(v):
        o.append(f"                    FloatVector g{vv} = FloatVector.fromArray(F, g, gc{'' if vv == 0 else ' + L'});")
    for i in range(r):
        o.append(f"                    int x{i} = xc{'' if i == 0 else ' + ' + str(i) + ' * rs'};")
        for j in range(c):
            o.append(f"                    {'FloatVector ' if i == 0 and j == 0 else ''}b = FloatVector.broadcast(F, x[x{i}{'' if j == 0 else ' + ' + str(j)}]);")
            for vv in range(v):
                o.append(f"                    a{vv}{i}{j} = g{vv}.fma(b, a{vv}{i}{j});")
    o.append("                }")
    o.append("            }")
    o.append("        }")
    for vv in range(v):
        for i in range(r):
            for j in range(c):
                o.append(f"        a{vv}{i}{j}.intoArray(acc, ab + {(vv * r + i) * c + j} * L);")
    o.append("    }")
    return "\n".join(o)

def dispatch(kind, args, call):
    o = [f"    static void {kind}(int nk, int n2, {args}) {{", "        switch (nk * 16 + n2) {"]
    for nk, n2 in SHAPES:
        o.append(f"            case {nk * 16 + n2} -> {kind}{nk}x{n2}({call});")
    o.append(f"            default -> throw new IllegalArgumentException(\"no {kind} tile \" + nk + \" x \" + n2);")
    o += ["        }", "    }"]
    return "\n".join(o)

out = ["// SPDX-License-Identifier: Apache-2.0",
       "package dev.panamax.kernel.conv;",
       "",
       "import jdk.incubator.vector.FloatVector;",
       "import jdk.incubator.vector.VectorSpecies;",
       "",
       "/**",
       " * The register tiles of {@link VectorConv}, written by {@code src/tools/gen_conv_kernel.py} (edit the",
       " * script, not this file). Loaded only when the Vector API is on.",
       " *",
       " * <p>Forward tile {@code f<NK>x<NP>}: y[i][j-th vector] += sum over taps t of x[xb + off[t] + vector j]",
       " * * w[wb + t * NK + i], by fma in tap order starting from y's value; the NK x NP accumulators stay in registers",
       " * for all taps (24 with AVX-512's 32 registers, 8 with AVX2's 16), so each tap costs NP loads and",
       " * NK broadcasts for NK * NP fmas. Weight-gradient tile {@code h<V>x<R>x<C>},",
       " * the output channels in the lanes: acc[ab + ((v * R + i) * C + j) * L + lane] += sum over images and",
       " * output positions (row, col) of g[position][v * L + lane] * x[row * wp + col + i * rs + j], by fma",
       " * from acc's value in image, row, column order; per position V loads and R * C broadcasts for V * R * C",
       " * fmas.",
       " */",
       "final class ConvVectorTiles {",
       "    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;",
       "    static final int L = F.length();",
       "",
       "    private ConvVectorTiles() {}",
       ""]
out.append(dispatch("f", "int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys",
                    "taps, off, x, xb, w, wb, y, yb, ys"))
for nk, n2 in SHAPES:
    out.append("")
    out.append(fwd(nk, n2))
out.append("")
out.append("    static void h(int v, int r, int c, int images, float[] g, int gb, int gImg, float[] x, int xb, int xImg, int rs,")
out.append("                  int oh, int ow, int wp, float[] acc, int ab) {")
out.append("        switch (v * 64 + r * 8 + c) {")
for v, r, c in HSHAPES:
    out.append(f"            case {v * 64 + r * 8 + c} -> h{v}x{r}x{c}(images, g, gb, gImg, x, xb, xImg, rs, oh, ow, wp, acc, ab);")
out.append('            default -> throw new IllegalArgumentException("no h tile " + v + " x " + r + " x " + c);')
out.append("        }")
out.append("    }")
for v, r, c in HSHAPES:
    out.append("")
    out.append(wgrad_k(v, r, c))
out.append("}")
root = pathlib.Path(__file__).resolve().parents[2]
(root / "src/main/java/dev/panamax/kernel/conv/ConvVectorTiles.java").write_text("\n".join(out) + "\n")
