// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One OpenBLAS shared library, opened at run time with {@code java.lang.foreign}, and its
 * downcall handles: {@code cblas_sgemm}, {@code cblas_dgemm}, {@code openblas_set_num_threads},
 * {@code openblas_get_num_threads} and {@code openblas_get_config}.
 *
 * <p>Where the library comes from ({@link #find()}): the system property
 * {@value #PATH_PROPERTY}, else the environment variable {@value #PATH_ENV}, else
 * {@code libopenblas.so.0} or {@code libopenblas.so} searched for as the system loader would
 * ({@link LibrarySearch}), else the usual Debian files under {@code /usr/lib/<triplet>}. The
 * property and the variable take a path or a bare soname. Every file is checked before it is
 * loaded ({@link ElfCheck}): a truncated or foreign library is refused with a message, never handed
 * to the loader, which would kill the process. A library is accepted only if it exports
 * {@code openblas_get_config}: Debian's {@code libblas.so.3} may be the reference BLAS, correct
 * but twenty times slower. An explicit path that fails is an error, never a silent switch to
 * another file.
 *
 * <p>The GEMM on Java arrays is {@link OpenBlasGemm}; the methods here take off-heap segments.
 */
@SuppressWarnings("restricted") // this class is where panamax calls native code, on purpose
public final class OpenBlas {
    /** System property naming the library file; wins over everything else. */
    public static final String PATH_PROPERTY = "panamax.openblas.path";
    /** Environment variable naming the library file, used when the property is not set. */
    public static final String PATH_ENV = "PANAMAX_OPENBLAS";

    // CBLAS enum values (cblas.h).
    static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor SGEMM = FunctionDescriptor.ofVoid(
            JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT);
    private static final FunctionDescriptor DGEMM = FunctionDescriptor.ofVoid(
            JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_DOUBLE, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_DOUBLE, ADDRESS, JAVA_INT);
    /** Critical: no thread-state transition, and heap segments may be passed (see OpenBlasGemm). */
    private static final Linker.Option CRITICAL_HEAP = Linker.Option.critical(true);

    private final String file;
    private final String config;
    private final String coreName;
    private final MethodHandle setNumThreads;
    private final MethodHandle getNumThreads;
    /** Ordinary downcalls: the thread leaves the Java state, safepoints proceed during the call. */
    final MethodHandle sgemm, dgemm;
    /** Critical downcalls taking heap segments: a safepoint waits until the call returns. */
    final MethodHandle sgemmCritical, dgemmCritical;

    private OpenBlas(String file, SymbolLookup lib, String what) throws OpenBlasUnavailableException {
        this.file = file;
        MethodHandle getConfig = LINKER.downcallHandle(need(lib, "openblas_get_config", what), FunctionDescriptor.of(ADDRESS));
        setNumThreads = LINKER.downcallHandle(need(lib, "openblas_set_num_threads", what), FunctionDescriptor.ofVoid(JAVA_INT));
        getNumThreads = LINKER.downcallHandle(need(lib, "openblas_get_num_threads", what), FunctionDescriptor.of(JAVA_INT));
        MemorySegment s = need(lib, "cblas_sgemm", what), d = need(lib, "cblas_dgemm", what);
        sgemm = LINKER.downcallHandle(s, SGEMM);
        dgemm = LINKER.downcallHandle(d, DGEMM);
        sgemmCritical = LINKER.downcallHandle(s, SGEMM, CRITICAL_HEAP);
        dgemmCritical = LINKER.downcallHandle(d, DGEMM, CRITICAL_HEAP);
        try {
            MemorySegment c = (MemorySegment) getConfig.invokeExact();
            config = c.equals(MemorySegment.NULL) ? "(no config string)" : c.reinterpret(Long.MAX_VALUE).getString(0).strip();
        } catch (Throwable t) {
            throw new OpenBlasUnavailableException("OpenBLAS: " + what + ": openblas_get_config failed: " + t, t);
        }
        String core = "";
        var corename = lib.find("openblas_get_corename");
        if (corename.isPresent()) {
            try {
                MemorySegment c = (MemorySegment) LINKER.downcallHandle(corename.get(), FunctionDescriptor.of(ADDRESS))
                        .invokeExact();
                core = c.equals(MemorySegment.NULL) ? "" : c.reinterpret(64).getString(0).strip();
            } catch (Throwable t) {
                core = "";
            }
        }
        coreName = core;
    }

    /**
     * Finds and opens OpenBLAS as described in the class comment.
     *
     * @throws OpenBlasUnavailableException naming every file tried and why each was refused
     */
    public static OpenBlas find() throws OpenBlasUnavailableException {
        String prop = System.getProperty(PATH_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return openSetting(prop, "-D" + PATH_PROPERTY + "=" + prop, "point -D" + PATH_PROPERTY + " at libopenblas.so.0");
        }
        String env = System.getenv(PATH_ENV);
        if (env != null && !env.isBlank()) {
            return openSetting(env, PATH_ENV + "=" + env, "point the environment variable " + PATH_ENV + " at libopenblas.so.0");
        }
        String fix = "set -D" + PATH_PROPERTY + " or the environment variable " + PATH_ENV + " to libopenblas.so.0";
        List<String> refused = new ArrayList<>();
        for (String name : new String[] {"libopenblas.so.0", "libopenblas.so"}) {
            try {
                return openSoname(name, "library " + name, fix);
            } catch (OpenBlasUnavailableException e) {
                refused.add(e.getMessage());
            }
        }
        for (Path p : debianCandidates()) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                return probe(p, p.toString(), fix);
            } catch (OpenBlasUnavailableException e) {
                refused.add(e.getMessage());
            }
        }
        throw new OpenBlasUnavailableException("OpenBLAS not found: " + String.join("; ", refused)
                + ". Install it (Debian: apt-get install libopenblas0-pthread) or set -D" + PATH_PROPERTY
                + "=/path/to/libopenblas.so.0 (or the environment variable " + PATH_ENV + ")");
    }

    /**
     * Opens the given file as OpenBLAS.
     *
     * @throws OpenBlasUnavailableException when the file is missing, is not a shared library the
     *     loader can map (checked before loading, see {@link ElfCheck}), or is a library without
     *     {@code openblas_get_config} (not OpenBLAS)
     */
    public static OpenBlas open(Path file) throws OpenBlasUnavailableException {
        return probe(file, file.toString(), "pass the path of libopenblas.so.0");
    }

    /**
     * What the user set: a path (it has a '/'), or a bare soname such as {@code libopenblas.so.0},
     * which dlopen would search for. panamax does that search itself ({@link LibrarySearch}) and
     * loads the file it found by its path, so the file checked is the file loaded.
     */
    private static OpenBlas openSetting(String value, String what, String fix) throws OpenBlasUnavailableException {
        if (!value.contains("/")) {
            return openSoname(value, what, fix);
        }
        return probe(Path.of(value), what, fix);
    }

    /** The first file of that name in the search path, as dlopen would pick it; checked, never skipped. */
    private static OpenBlas openSoname(String name, String what, String fix) throws OpenBlasUnavailableException {
        List<Path> found = LibrarySearch.candidates(name);
        if (found.isEmpty()) {
            throw new OpenBlasUnavailableException("OpenBLAS: " + what + ": no file of that name in the loader's search path ("
                    + LibrarySearch.describe() + "); " + fix + " (Debian: apt-get install libopenblas0-pthread)"
                    + " or unset it to search the system");
        }
        return probe(found.get(0), what + " (found at " + found.get(0) + ")", fix);
    }

    /** Checks the file, dlopens it, and keeps it loaded only if it is OpenBLAS. */
    private static OpenBlas probe(Path file, String what, String fix) throws OpenBlasUnavailableException {
        if (!Files.exists(file)) {
            throw new OpenBlasUnavailableException("OpenBLAS: " + what + ": no such file; " + fix
                    + " (Debian: apt-get install libopenblas0-pthread) or unset it to search the system");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new OpenBlasUnavailableException("OpenBLAS: " + what + ": not a readable file; " + fix);
        }
        if (System.getProperty("os.name").startsWith("Linux")) {
            // Checked before dlopen: the loader dies of SIGBUS on a truncated file, and HotSpot
            // warns about the stack guard when asked to load a non-ELF file.
            String problem;
            try {
                problem = ElfCheck.problem(file);
            } catch (IOException e) {
                problem = "cannot be read (" + e.getMessage() + ")";
            }
            if (problem != null) {
                throw new OpenBlasUnavailableException("OpenBLAS: " + what + ": not a loadable shared library: " + problem
                        + "; " + fix);
            }
        }
        // A shared arena so the library can be unloaded (dlclose) when refused; an accepted one stays open.
        Arena arena = Arena.ofShared();
        try {
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup(file.toAbsolutePath(), arena);
            } catch (IllegalArgumentException e) {
                throw new OpenBlasUnavailableException("OpenBLAS: " + what + ": not a loadable shared library ("
                        + e.getMessage() + "); " + fix, e);
            } catch (IllegalCallerException e) {
                throw new OpenBlasUnavailableException("OpenBLAS: native access is not enabled for panamax ("
                        + e.getMessage() + "); start the JVM with --enable-native-access=ALL-UNNAMED", e);
            }
            if (lib.find("openblas_get_config").isEmpty()) {
                throw new OpenBlasUnavailableException("OpenBLAS: " + what + ": loads, but does not export openblas_get_config,"
                        + " so it is not OpenBLAS (Debian's libblas.so.3 may be the slow reference BLAS); " + fix);
            }
            MemorySegment anchor = lib.find("openblas_get_config").orElseThrow();
            OpenBlas blas = new OpenBlas(describeFile(anchor, file.toString()), lib, what);
            arena = null; // accepted: never unloaded
            return blas;
        } finally {
            if (arena != null) {
                arena.close();
            }
        }
    }

    private static MemorySegment need(SymbolLookup lib, String symbol, String what) throws OpenBlasUnavailableException {
        Optional<MemorySegment> s = lib.find(symbol);
        if (s.isEmpty()) {
            throw new OpenBlasUnavailableException("OpenBLAS: " + what + ": does not export " + symbol
                    + " (an OpenBLAS built without CBLAS?); use a full build such as Debian's libopenblas0-pthread");
        }
        return s.get();
    }

    /** Debian's multiarch files, threaded build first. */
    private static List<Path> debianCandidates() {
        String triplet = LibrarySearch.triplet();
        List<Path> out = new ArrayList<>();
        for (String dir : new String[] {"/usr/lib/" + triplet, "/usr/lib"}) {
            out.add(Path.of(dir, "libopenblas.so.0"));
            for (String flavour : new String[] {"openblas-pthread", "openblas-openmp", "openblas-serial"}) {
                out.add(Path.of(dir, flavour, "libopenblas.so.0"));
            }
            // The libblas.so.3 alternative is OpenBLAS only when it exports openblas_get_config.
            out.add(Path.of(dir, "libblas.so.3"));
        }
        return out;
    }

    /** The file the dynamic loader actually mapped (dladdr on one of its symbols), with symlinks resolved. */
    private static String describeFile(MemorySegment symbol, String fallback) {
        String f = fallback;
        Optional<MemorySegment> dladdr = LINKER.defaultLookup().find("dladdr");
        if (dladdr.isPresent()) {
            MethodHandle h = LINKER.downcallHandle(dladdr.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            try (Arena a = Arena.ofConfined()) {
                MemorySegment info = a.allocate(ADDRESS.byteSize() * 4, ADDRESS.byteAlignment()); // Dl_info
                if ((int) h.invokeExact(symbol, info) != 0) {
                    MemorySegment name = info.get(ADDRESS, 0);
                    if (!name.equals(MemorySegment.NULL)) {
                        f = name.reinterpret(Long.MAX_VALUE).getString(0);
                    }
                }
            } catch (Throwable t) {
                // keep the name we asked for
            }
        }
        try {
            String real = Path.of(f).toRealPath().toString();
            return real.equals(f) ? f : f + " -> " + real;
        } catch (IOException | RuntimeException e) {
            return f;
        }
    }

    /** The library file, as the loader mapped it ("name -> resolved file" when it is a symlink). */
    public String file() {
        return file;
    }

    /** OpenBLAS's own description: version, build options, the core it picked, MAX_THREADS. */
    public String config() {
        return config;
    }

    /**
     * The kernels OpenBLAS picked for this CPU (openblas_get_corename: "Haswell", "SkylakeX",
     * "Zen", ...), or "" when the library does not say. A DYNAMIC_ARCH build that does not know the
     * CPU falls back to an older core: Debian's 0.3.21 picks "Prescott" (SSE3) on Intel's Emerald
     * Rapids, about a sixth of its AVX-512 speed there.
     */
    public String coreName() {
        return coreName;
    }

    /**
     * The vector width in bits of the sgemm kernels of {@link #coreName()}: 512 for the AVX-512
     * cores, 256 for those with AVX2 and FMA, 128 for the older x86 cores, -1 when the name is
     * unknown (a newer core, another architecture).
     */
    public int kernelVectorBits() {
        return switch (coreName.toLowerCase(java.util.Locale.ROOT)) {
            case "skylakex", "cooperlake", "sapphirerapids" -> 512;
            case "haswell", "zen", "excavator" -> 256;
            case "prescott", "core2", "penryn", "dunnington", "nehalem", "sandybridge", "atom", "katmai",
                 "coppermine", "northwood", "banias", "opteron", "opteron_sse3", "barcelona", "bobcat",
                 "bulldozer", "piledriver", "steamroller", "nano" -> 128;
            default -> -1;
        };
    }

    /** openblas_get_num_threads(). */
    public int threads() {
        try {
            return (int) getNumThreads.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_get_num_threads failed", t);
        }
    }

    /** openblas_set_num_threads(n): the threads of every later call, from any Java thread. */
    public void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("OpenBLAS threads must be at least 1, got " + n);
        }
        try {
            setNumThreads.invokeExact(n);
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_set_num_threads(" + n + ") failed", t);
        }
    }

    /**
     * cblas_sgemm, row-major, on native segments: C = alpha * op(A) * op(B) + beta * C. An ordinary
     * (non-critical) downcall, so it suits calls of any length. Modified: c. Not modified: a, b.
     *
     * @throws IllegalArgumentException when a segment is too small or on the heap
     */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, MemorySegment a, int lda, MemorySegment b, int ldb,
                      float beta, MemorySegment c, int ldc) {
        checkSegments(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, Float.BYTES);
        try {
            sgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                    alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }

    /** The same as {@link #sgemm(boolean, boolean, int, int, int, float, MemorySegment, int, MemorySegment, int, float, MemorySegment, int)} in double. */
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, MemorySegment a, int lda, MemorySegment b, int ldb,
                      double beta, MemorySegment c, int ldc) {
        checkSegments(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, Double.BYTES);
        try {
            dgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                    alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_dgemm failed", t);
        }
    }

    private static void checkSegments(boolean tA, boolean tB, int m, int n, int k, MemorySegment a, int lda,
                                      MemorySegment b, int ldb, MemorySegment c, int ldc, int bytes) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        checkSegment("A", tA ? k : m, tA ? m : k, a, lda, bytes);
        checkSegment("B", tB ? n : k, tB ? k : n, b, ldb, bytes);
        checkSegment("C", m, n, c, ldc, bytes);
    }

    private static void checkSegment(String what, int rows, int cols, MemorySegment s, int ld, int bytes) {
        if (!s.isNative()) {
            throw new IllegalArgumentException("gemm: " + what + " is a heap segment; use OpenBlasGemm for Java arrays");
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("gemm: ld" + what.toLowerCase() + "=" + ld + " is smaller than the "
                    + cols + " columns of " + what + " (" + rows + " x " + cols + ", row-major)");
        }
        long need = OpenBlasGemm.span(rows, cols, ld) * bytes;
        if (s.byteSize() < need) {
            throw new IllegalArgumentException("gemm: " + what + " (" + rows + " x " + cols + ", ld " + ld + ") needs "
                    + need + " bytes, the segment has " + s.byteSize());
        }
    }

    @Override
    public String toString() {
        return "OpenBLAS " + file + " [" + config + "]";
    }
}
