#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes src/main/java/dev/panamax/kernel/conv/ConvVectorTiles.java: the register tiles of the
direct convolution, one method per tile shape, from one template (edit this script, not the file).

Forward tile f{NK}x{NP}: NK output channels x NP vectors of output positions; per tap, NP loads of
the packed input and NK broadcasts of the packed weights. Weight-gradient tile g{NK}x{NT}: NK
output channels x NT taps, each accumulator a vector of partial sums over positions."""
import pathlib

SHAPES = [(4, np) for np in range(1, 7)] + [(6, np) for np in range(1, 5)] + [(8, np) for np in range(1, 4)]

def fwd(nk, np_):
    o = []
    o.append(f"    static void f{nk}x{np_}(int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys) {{")
    for i in range(nk):
        o.append("        FloatVector " + ", ".join(f"a{i}{j} = FloatVector.zero(F)" for j in range(np_)) + ";")
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
       " * <p>Forward tile {@code f<NK>x<NP>}: y[i][j-th vector] = sum over taps t of x[xb + off[t] + vector j]",
       " * * w[wb + t * NK + i], by fma in tap order from zero; the NK x NP accumulators stay in registers",
       " * for all taps (24 with AVX-512's 32 registers, 12 with AVX2's 16), so each tap costs NP loads and",
       " * NK broadcasts for NK * NP fmas. Weight-gradient tile {@code g<NK>x<NT>}: acc[(i * NT + j) * L + lane]",
       " * = lane's partial sum of g[image][i][p] * x[image][off[t0 + j] + p] over images and positions p",
       " * (vectors of L), by fma in image then position order.",
       " */",
       "final class ConvVectorTiles {",
       "    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;",
       "    static final int L = F.length();",
       "",
       "    private ConvVectorTiles() {}",
       ""]
out.append(dispatch("f", "int taps, int[] off, float[] x, int xb, float[] w, int wb, float[] y, int yb, int ys",
                    "taps, off, x, xb, w, wb, y, yb, ys"))
out.append("")
out.append(dispatch("g", "int images, int q, float[] g, int gb, int gImg, int gk, float[] x, int xb, int xImg, int[] off, int t0, float[] acc",
                    "images, q, g, gb, gImg, gk, x, xb, xImg, off, t0, acc"))
for nk, n2 in SHAPES:
    out.append("")
    out.append(fwd(nk, n2))
for nk, n2 in SHAPES:
    out.append("")
    out.append(grad(nk, n2))
out.append("}")
root = pathlib.Path(__file__).resolve().parents[2]
(root / "src/main/java/dev/panamax/kernel/conv/ConvVectorTiles.java").write_text("\n".join(out) + "\n")
