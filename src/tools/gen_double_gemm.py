# SPDX-License-Identifier: Apache-2.0
"""Writes DoubleGemm.java from FloatGemm.java (the same driver with double elements).

Usage: python3 src/tools/gen_double_gemm.py   (from the repository root)
"""
import re
d='src/main/java/dev/panamax/kernel/'
s=open(d+'FloatGemm.java').read()
s=s.replace('float','double').replace('Float','Double')
s=re.sub(r'\b0f\b','0d',s); s=re.sub(r'\b1f\b','1d',s)
s=s.replace('Sgemm','Dgemm')
a=s.index('    /**\n     * Steps of k per strip')
b=s.index('    private DoubleGemm() {}')
s=s[:a]+'''    /**
     * Steps of k per strip: {@link FloatGemm#KC} in bytes, with 8-byte elements (KC * NR * 8 = 32 KiB
     * of B micro-panel at KC 256 and NR 16 on AVX-512). Not tuned separately.
     */
    static final int KC = Integer.getInteger("panamax.gemm.dkc", 256);
    /** Rows of A per block: MC * KC * 8 bytes (288 KiB at MC 144) in L2. */
    static final int MC = roundUp(Integer.getInteger("panamax.gemm.dmc", 144), MR);
    /** Columns of B per packed panel: KC * NC * 8 bytes (4 MiB at NC 2048) in the shared L3. */
    static final int NC = roundUp(Integer.getInteger("panamax.gemm.dnc", 2048), NR);

'''+s[b:]
a=s.index(' * The double GEMM of the {@code java} backend')
b=s.index(' * <p>Loops, outermost first')
s=s[:a]+' * The double GEMM of the {@code java} backend: {@link FloatGemm} with double elements, kept line\n * for line in step with it (generated from it by replacing the element type), so the comments\n * there apply here.\n *\n'+s[b:]
open(d+'DoubleGemm.java','w').write(s)
