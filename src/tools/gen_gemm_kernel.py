# SPDX-License-Identifier: Apache-2.0
"""Writes the GEMM micro-kernels of panamax (SgemmVectorKernel, DgemmVectorKernel).

Usage: python3 src/tools/gen_gemm_kernel.py f > src/main/java/dev/panamax/kernel/SgemmVectorKernel.java
       python3 src/tools/gen_gemm_kernel.py d > src/main/java/dev/panamax/kernel/DgemmVectorKernel.java

Two register tiles, picked once from the preferred vector species: 8 x 3 vectors where there are
32 vector registers (AVX-512), 6 x 2 where there are 16 (AVX2). For each, one kernel per number
of vectors actually needed by the last columns (1 .. NV), so a narrow C does not compute padding.
The kernels are unrolled over their accumulators, which Java cannot express without repeating the
code; a template keeps them, and the float and double versions, identical.
"""
import sys

kind = sys.argv[1]
T, V, S, Cls, Drv, Box = (("float", "FloatVector", "F", "SgemmVectorKernel", "FloatGemm", "Float") if kind == "f"
                          else ("double", "DoubleVector", "D", "DgemmVectorKernel", "DoubleGemm", "Double"))
TILES = {"WIDE": (8, 3), "NARROW": (6, 2)}
o = []
w = o.append


def voff(v):
    return "" if v == 0 else (" + L" if v == 1 else " + %d * L" % v)


def kernel(mr, nv, inplace):
    acc = [["c%d%d" % (r, v) for v in range(nv)] for r in range(mr)]
    w("    /** The %d x %d-vector tile: see {@link #%s}. */" % (mr, nv, "kernelRows" if inplace else "kernel"))
    w("    private static void %s%dx%d(int kc, %s[] pa, int ai, %s%s[] pb, int bi, %s[] c, int ci, int ldc, int rows,"
      % ("r" if inplace else "k", mr, nv, T, "int lda, " if inplace else "", T, T))
    w("                             int cols, %s alpha, %s beta, %s[] bias, int bj, boolean relu, %s[] tmp) {"
      % (T, T, T, T))
    for r in range(mr):
        w("        " + V + " " + ", ".join("%s = %s.zero(%s)" % (x, V, S) for x in acc[r]) + ";")
    # Constant strides (MR, NR) in the loop variable: C2 proves every index in range once per loop.
    if inplace:
        for r in range(mr):
            w("        int a%d = ai%s;" % (r, " + %s * lda" % r if r > 1 else (" + lda" if r == 1 else "")))
    w("        for (int p = 0; p < kc; p++) {")
    if inplace:
        w("            int pB = bi + p * NR;")
    else:
        w("            int pA = ai + p * %d, pB = bi + p * NR;" % mr)
    for v in range(nv):
        w("            %s b%d = %s.fromArray(%s, pb, pB%s);" % (V, v, V, S, voff(v)))
    for r in range(mr):
        idx = ("a%d + p" % r) if inplace else ("pA" + (" + %d" % r if r else ""))
        w("            %sa = %s.broadcast(%s, pa[%s]);" % (V + " " if r == 0 else "", V, S, idx))
        w("            " + " ".join("%s = a.fma(b%d, %s);" % (acc[r][v], v, acc[r][v]) for v in range(nv)))
    w("        }")
    for r in range(mr):
        w("        " + " ".join("%s.intoArray(tmp, %s);" % (acc[r][v], ("%d * NR" % r if r else "") + (voff(v) if r else voff(v)[3:]) or "0")
                             for v in range(nv)))
    w("        storeTile(tmp, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);")
    w("    }")
    w("")


w("// SPDX-License-Identifier: Apache-2.0")
w("package dev.panamax.kernel;")
w("")
w("import jdk.incubator.vector.%s;" % V)
w("import jdk.incubator.vector.VectorMask;")
w("import jdk.incubator.vector.VectorSpecies;")
w("")
w("/**")
w(" * The %s GEMM micro-kernels on the Vector API. Loaded only when {@link Simd#ENABLED}; {@link %s}" % (T, Drv))
w(" * packs both operands and drives them.")
w(" *")
w(" * <p>The register tile follows the register file: with 512-bit vectors (AVX-512, 32 registers) it is")
w(" * 8 x 3 vectors (24 accumulators, 3 vectors of B, one broadcast of A: 28 registers), with narrower")
w(" * ones (AVX2, 16 registers) 6 x 2 (12 + 2 + 1 = 15). Either way there are more independent")
w(" * accumulators than the two FMA pipes times their 4-cycle latency, and per step of k the loads")
w(" * (NV vectors of B, MR broadcasts of A) stay within two per cycle.")
w(" *")
w(" * <p>Both panels are packed, so every index in the loop is the loop variable times a constant plus")
w(" * an invariant: C2 then hoists all range checks out of the loop (read off the assembly, dumped with")
w(" * {@code -XX:CompileCommand=print} and disassembled). Reading A or B in place with a run-time stride")
w(" * kept a compare and branch per load and some index arithmetic on the stack, 30 to 40 % slower.")
w(" * The accumulators leave through {@code tmp}: a vector that crosses a call boundary is boxed, and")
w(" * the store is too large to inline into every kernel.")
w(" *")
w(" * <p>Written by {@code src/tools/gen_gemm_kernel.py} (every tile, float and double, from one")
w(" * template; edit the script, not this file).")
w(" */")
w("final class %s {" % Cls)
w("    static final VectorSpecies<%s> %s = %s.SPECIES_PREFERRED;" % (Box, S, V))
w("    /** Lanes per vector. */")
w("    static final int L = %s.length();" % S)
w("    /** True with 512-bit (or wider) vectors, which come with 32 vector registers on x86. */")
w("    static final boolean WIDE = F_BITS() >= 512;".replace("F_BITS()", "%s.vectorBitSize()" % S))
w("    /** Rows of the register tile. */")
w("    static final int MR = WIDE ? %d : %d;" % (TILES["WIDE"][0], TILES["NARROW"][0]))
w("    /** Vectors per row of the register tile. */")
w("    static final int NV = WIDE ? %d : %d;" % (TILES["WIDE"][1], TILES["NARROW"][1]))
w("    /** Columns of the register tile. */")
w("    static final int NR = NV * L;")
w("    /** Index vectors of the two zips: lanes 0, L, 1, L + 1, ... and L / 2, 3 L / 2, ... of two vectors. */")
w("    private static final %s ZIP_LO = zip(0), ZIP_HI = zip(L / 2);" % V)
w("    /** The lanes of the last, partial vector of an MR-value row (all of them when MR is a multiple of L). */")
w("    private static final VectorMask<%s> A_REST = %s.indexInRange(0, MR %% L == 0 ? L : MR %% L);" % (Box, S))
w("")
w("    private %s() {}" % Cls)
w("")
w("    private static %s zip(int from) {" % V)
w("        %s[] index = new %s[L];" % (T, T))
w("        for (int t = 0; t < L; t++) {")
w("            index[t] = (t & 1) * L + from + t / 2;")
w("        }")
w("        return %s.fromArray(%s, index, 0);" % (V, S))
w("    }")
w("")
def dispatch(inplace):
    w("    /**")
    if inplace:
        w("     * As {@link #kernel}, reading A where it is: A(r, p) at pa[ai + r * lda + p] (rows of a row-major")
        w("     * matrix, contiguous in k), for all MR rows. For an A that only one column tile uses, where")
        w("     * packing it would cost as much as the product. Modified: c, tmp. Not modified: pa, pb, bias.")
    else:
        w("     * C[rows x cols] at c[ci], rows ldc apart = alpha * (packed A panel * packed B panel) + beta * C,")
        w("     * then + bias[bj + column] when bias is not null, then max(., 0) when relu. The A panel holds kc")
        w("     * steps of MR values at pa[ai], the B panel kc steps of NR values at pb[bi], both zero-padded past")
        w("     * rows and cols. Only ceil(cols / L) vectors of each row are computed. Beta 0 does not read C.")
        w("     * Modified: c, tmp (MR * NR values). Not modified: pa, pb, bias.")
    w("     */")
    name = "kernelRows" if inplace else "kernel"
    w("    static void %s(int kc, %s[] pa, int ai, %s%s[] pb, int bi, %s[] c, int ci, int ldc, int rows, int cols,"
      % (name, T, "int lda, " if inplace else "", T, T))
    w("                       %s alpha, %s beta, %s[] bias, int bj, boolean relu, %s[] tmp) {" % (T, T, T, T))
    w("        int nv = (cols + L - 1) / L;")
    for tname, (mr, nv) in TILES.items():
        w("        if (WIDE) {" if tname == "WIDE" else "        } else {")
        w("            switch (nv) {")
        for k in range(nv, 0, -1):
            prefix = "default" if k == nv else "case %d" % k
            w("                %s -> %s%dx%d(kc, pa, ai, %spb, bi, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu, tmp);"
              % (prefix, "r" if inplace else "k", mr, k, "lda, " if inplace else ""))
        w("            }")
    w("        }")
    w("    }")
    w("")



def transpose(name, rows, vectors, lanes, doc, dst_index, tail_dst):
    """A packing method for `lanes` lanes: loads `rows` source rows of L steps each (rows past that
    are zeros, up to `vectors`, a power of two), transposes them in registers with log2(vectors)
    stages of zips, and stores vector j at dst_index(j); then the steps past the last whole vector
    one by one, element (r, p) at tail_dst."""
    stages = vectors.bit_length() - 1
    w("    /**")
    for line in doc:
        w(("     * " + line) if line else "     *")
    w("     */")
    w("    private static void %s(%s[] src, int s, int ld, int kc, %s[] dst, int d) {" % (name, T, T))
    w("        int p = 0;")
    w("        for (; p + %d <= kc; p += %d) {" % (lanes, lanes))
    for r in range(vectors):
        if r < rows:
            off = "s" + ("" if r == 0 else (" + ld" if r == 1 else " + %d * ld" % r))
            w("            %s v%d = %s.fromArray(%s, src, %s + p);" % (V, r, V, S, off))
        else:
            w("            %s v%d = %s.zero(%s);" % (V, r, V, S))
    h = vectors // 2
    for st in range(stages):
        cur, nxt = ("v", "u") if st % 2 == 0 else ("u", "v")
        decl = V + " " if st == 0 else ""
        for v in range(h):
            w("            %s%s%d = ZIP_LO.selectFrom(%s%d, %s%d);" % (decl, nxt, 2 * v, cur, v, cur, v + h))
            w("            %s%s%d = ZIP_HI.selectFrom(%s%d, %s%d);" % (decl, nxt, 2 * v + 1, cur, v, cur, v + h))
    last = "u" if stages % 2 == 1 else "v"
    for j in range(vectors):
        idx = dst_index(j)
        if idx is not None:
            w("            %s%d.intoArray(dst, %s);" % (last, j, idx))
    w("        }")
    w("        for (; p < kc; p++) {")
    w("            for (int r = 0; r < %d; r++) {" % rows)
    w("                dst[%s] = src[s + r * ld + p];" % tail_dst)
    w("            }")
    w("        }")
    w("    }")
    w("")


LANES = (16, 8) if kind == "f" else (8, 4)


def packers():
    w("""    /**
     * Packs MR whole rows of a row-major A (row r at src[s + r * ld], its steps contiguous) for kc
     * steps into one micro-panel: step p's MR values at dst[d + p * MR]. The vector version transposes
     * blocks of L steps in registers; it may write L - MR values past the panel's last step (the
     * caller leaves room; the next step or panel overwrites them). Modified: dst. Not modified: src.
     */
    static void packRowsA(%s[] src, int s, int ld, int kc, %s[] dst, int d) {
        if (MR == 8 && L == %d) {
            rowsA8x%d(src, s, ld, kc, dst, d);
        } else if (MR == 6 && L == %d) {
            rowsA6x%d(src, s, ld, kc, dst, d);
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
    static void packColsB(%s[] src, int s, int ld, int kc, %s[] dst, int d) {
        if (L == %d) {
            colsB%d(src, s, ld, kc, dst, d);
        } else if (L == %d) {
            colsB%d(src, s, ld, kc, dst, d);
        } else {
            for (int j = 0; j < L; j++) {
                for (int p = 0; p < kc; p++) {
                    dst[d + p * NR + j] = src[s + j * ld + p];
                }
            }
        }
    }
""" % (T, T, LANES[0], LANES[0], LANES[1], LANES[1], T, T, LANES[0], LANES[0], LANES[1], LANES[1]))
    w("""    /**
     * Packs MR rows of a transposed A (step p's MR values contiguous at src[s + p * ld]) for kc steps
     * into one micro-panel: step p's MR values at dst[d + p * MR]. Modified: dst. Not modified: src.
     */
    static void copyRowsA(%s[] src, int s, int ld, int kc, %s[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int from = s + p * ld, to = d + p * MR, v = 0;
            for (; v + L <= MR; v += L) {
                %s.fromArray(%s, src, from + v).intoArray(dst, to + v);
            }
            if (v < MR) {
                %s.fromArray(%s, src, from + v, A_REST).intoArray(dst, to + v, A_REST);
            }
        }
    }

    /**
     * Packs NR columns of a row-major B (step p's NR values contiguous at src[s + p * ld]) for kc
     * steps into one micro-panel: step p's NR values at dst[d + p * NR]. Modified: dst. Not modified: src.
     */
    static void copyColsB(%s[] src, int s, int ld, int kc, %s[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            int from = s + p * ld, to = d + p * NR;
            for (int v = 0; v < NR; v += L) {
                %s.fromArray(%s, src, from + v).intoArray(dst, to + v);
            }
        }
    }
""" % (T, T, V, S, V, S, T, T, V, S))
    for mr, lanes in ((8, LANES[0]), (6, LANES[1])):
        def idx(j, mr=mr, lanes=lanes):
            step, r0 = divmod(j * lanes, 8)
            if r0 >= mr:
                return None
            return "d + (p + %d) * %d%s" % (step, mr, " + %d" % r0 if r0 else "") if step else \
                "d + p * %d%s" % (mr, " + %d" % r0 if r0 else "")
        transpose("rowsA%dx%d" % (mr, lanes), mr, 8, lanes,
                  ["packRowsA for %d rows and %d lanes." % (mr, lanes)], idx, "d + p * %d + r" % mr)
    for lanes in LANES:
        transpose("colsB%d" % lanes, lanes, lanes, lanes, ["packColsB for %d lanes." % lanes],
                  lambda j: "d + (p + %d) * NR" % j if j else "d + p * NR", "d + p * NR + r")

dispatch(False)
packers()
dispatch(True)
for inplace in (False, True):
    for name, (mr, nv) in TILES.items():
        for k in range(nv, 0, -1):
            kernel(mr, k, inplace)
w("""    /**
     * Stores the valid rows x cols of the tile in tmp (rows NR apart) into C: r = alpha * acc;
     * r = fma(C, beta, r) unless beta is 0 (then C is not read); + bias[bj + column]; max(r, 0).
     * Whole vectors are stored as vectors, the rest by the scalar {@code %s.storeEdge} with the
     * same formula. Modified: c. Not modified: tmp, bias.
     */
    static void storeTile(%s[] tmp, %s[] c, int ci, int ldc, int rows, int cols,
                          %s alpha, %s beta, %s[] bias, int bj, boolean relu) {
        int vecCols = cols / L * L;
        %s va = %s.broadcast(%s, alpha), vb = %s.broadcast(%s, beta);
        for (int r = 0; r < rows; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < vecCols; j += L) {
                %s x = %s.fromArray(%s, tmp, r * NR + j).mul(va);
                if (beta != %s) {
                    x = %s.fromArray(%s, c, row + j).fma(vb, x);
                }
                if (bias != null) {
                    x = x.add(%s.fromArray(%s, bias, bj + j));
                }
                if (relu) {
                    x = x.max(%s);
                }
                x.intoArray(c, row + j);
            }
        }
        if (vecCols < cols) {
            %s.storeEdge(tmp, NR, vecCols, c, ci, ldc, rows, cols, alpha, beta, bias, bj, relu);
        }
    }
}""" % (Drv, T, T, T, T, T, V, V, S, V, S, V, V, S, "0f" if kind == "f" else "0d", V, S, V, S,
        "0f" if kind == "f" else "0d", Drv))
print("\n".join(o))
