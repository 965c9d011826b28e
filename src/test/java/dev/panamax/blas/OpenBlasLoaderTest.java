// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import dev.panamax.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.panamax.Backend;
import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.Simd;
import dev.panamax.kernel.GemmBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the library: every way it can be wrong gives a clear message and the java backend. */
class OpenBlasLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void missingFileSaysNoSuchFile() {
        Path missing = tmp.resolve("no-such-libopenblas.so.0");
        var e = assertThrows(OpenBlasUnavailableException.class, () -> OpenBlas.open(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void textFileIsNotALibrary() throws IOException {
        Path text = Files.writeString(tmp.resolve("libopenblas.so.0"), "not a shared library\n");
        var e = assertThrows(OpenBlasUnavailableException.class, () -> OpenBlas.open(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a loadable shared library"),
                e.getMessage());
    }

    @Test
    void directoryIsNotALibrary() {
        var e = assertThrows(OpenBlasUnavailableException.class, () -> OpenBlas.open(tmp));
        assertTrue(e.getMessage().contains("not a readable file"), e.getMessage());
    }

    @Test
    void aLibraryThatIsNotOpenBlasIsRefused() {
        // libm is a real shared library on every Linux, and exports no openblas_get_config.
        Path libm = Stream.of("/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6",
                        "/lib/aarch64-linux-gnu/libm.so.6", "/lib64/libm.so.6", "/usr/lib/libm.so.6")
                .map(Path::of).filter(Files::exists).findFirst().orElse(null);
        Assumptions.assumeTrue(libm != null, "no libm.so.6 at the usual paths");
        var e = assertThrows(OpenBlasUnavailableException.class, () -> OpenBlas.open(libm));
        assertTrue(e.getMessage().contains("does not export openblas_get_config"), e.getMessage());
    }

    @Test
    void badPropertyMakesAutoFallBackToJavaAndOpenblasThrow() throws IOException {
        Path text = Files.writeString(tmp.resolve("fake.so"), "text\n");
        GemmBackend saved = Gemm.backend();
        String before = System.getProperty(OpenBlas.PATH_PROPERTY);
        try {
            for (Path p : List.of(tmp.resolve("missing.so"), text)) {
                System.setProperty(OpenBlas.PATH_PROPERTY, p.toString());
                Gemm.setBackend("auto");
                assertEquals("java", Gemm.backend().name());
                assertTrue(Gemm.fallbackReason().contains(p.toString()), Gemm.fallbackReason());
                assertTrue(Backend.describe().contains(p.toString()), Backend.describe());
                var e = assertThrows(IllegalStateException.class, () -> Backend.use("openblas"));
                assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
                assertEquals("java", Gemm.backend().name(), "a failed switch keeps the backend");
                // The java backend still computes.
                float[] c = new float[1];
                Gemm.sgemm(false, false, 1, 1, 2, 1f, new float[] {1, 2}, 0, 2, new float[] {3, 4}, 0, 1, 0f, c, 0, 1);
                assertEquals(11f, c[0]);
            }
        } finally {
            if (before == null) {
                System.clearProperty(OpenBlas.PATH_PROPERTY);
            } else {
                System.setProperty(OpenBlas.PATH_PROPERTY, before);
            }
            Gemm.setBackend(saved);
        }
    }

    @Test
    void startupInAFreshJvmWithABadPathRunsOnJava() throws Exception {
        Path text = Files.writeString(tmp.resolve("libopenblas.so.0"), "not a library\n");
        for (Path p : List.of(tmp.resolve("missing.so"), text)) {
            String out = runBackendMain("-Dpanamax.openblas.path=" + p, "-Dpanamax.backend=auto");
            assertTrue(out.contains("GEMM java") && out.contains(p.toString()), out);
            assertTrue(!out.contains("Exception"), out);
        }
    }

    @Test
    void startupInAFreshJvmFindsOpenBlas() throws Exception {
        OpenBlas lib = OpenBlasTesting.library();
        String out = runBackendMain("-Dpanamax.backend=auto", "-Dpanamax.threads=1");
        int bits = lib.kernelVectorBits();
        if (bits < 0 || bits >= Simd.BIT_SIZE || Simd.BIT_SIZE < 256) {
            assertTrue(out.contains("GEMM openblas") && out.contains(lib.config()) && out.contains("1 thread(s)"), out);
        } else {
            // OpenBLAS fell back to older kernels on this CPU: auto keeps the wider java ones.
            assertTrue(out.contains("GEMM java") && out.contains(lib.coreName() + " kernels"), out);
        }
        out = runBackendMain("-Dpanamax.backend=openblas", "-Dpanamax.threads=1");
        assertTrue(out.contains("GEMM openblas") && out.contains(lib.config()), out);
    }

    @Test
    void autoKeepsTheJavaKernelsWhenOpenBlasRunsNarrowerOnes() throws Exception {
        OpenBlasTesting.library();
        Assumptions.assumeTrue(Simd.BIT_SIZE >= 256, "needs the Vector API on AVX2 or wider");
        // Prescott: OpenBLAS's SSE3 kernels, which every x86-64 CPU can run.
        String out = runBackendMain(Map.of("OPENBLAS_CORETYPE", "Prescott"), "-Dpanamax.backend=auto");
        assertTrue(out.contains("GEMM java") && out.contains("128-bit Prescott kernels"), out);
        out = runBackendMain(Map.of("OPENBLAS_CORETYPE", "Prescott"), "-Dpanamax.backend=openblas");
        assertTrue(out.contains("GEMM openblas") && out.contains("Prescott"), out);
    }

    private static String runBackendMain(String... props) throws IOException, InterruptedException {
        return runBackendMain(Map.of(), props);
    }

    /** java dev.panamax.Backend in a child JVM with extra environment variables: its stdout and stderr. */
    private static String runBackendMain(Map<String, String> env, String... props) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.addAll(ChildJvm.command());
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(List.of(props));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.panamax.Backend"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(OpenBlas.PATH_ENV);
        pb.environment().putAll(env);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish: " + out);
        assertEquals(0, proc.exitValue(), "child JVM failed: " + out);
        return out;
    }
}
