package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelsTest {

    @Test
    void surefireRunsWithTheVectorModule() {
        assertTrue(Simd.ENABLED, "Surefire must start the JVM with --add-modules jdk.incubator.vector: " + Simd.describe());
        assertTrue(Simd.floatLanes() >= 4, Simd.describe());
    }

    @Test
    void vectorDotMatchesScalarTwin() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int n : new int[] {0, 1, 2, 7, 8, 15, 16, 17, 31, 63, 255, 257, 784, 1000}) {
            int aOff = rnd.nextInt(5), bOff = rnd.nextInt(5);
            float[] a = new float[aOff + n], b = new float[bOff + n];
            double[] ad = new double[aOff + n], bd = new double[bOff + n];
            double exact = 0, absSum = 0;
            for (int i = 0; i < n; i++) {
                a[aOff + i] = (float) rnd.nextDouble(-1, 1);
                b[bOff + i] = (float) rnd.nextDouble(-1, 1);
                ad[aOff + i] = a[aOff + i];
                bd[bOff + i] = b[bOff + i];
                exact += (double) a[aOff + i] * b[bOff + i];
                absSum += Math.abs((double) a[aOff + i] * b[bOff + i]);
            }
            // Summation error bound for n products in float: about n * eps * sum |a_i b_i|.
            double bound = (n + 1) * Math.ulp(1f) * absSum + 1e-30;
            assertEquals(exact, VectorKernels.dot(a, aOff, b, bOff, n), bound, "vector float n=" + n);
            assertEquals(exact, ScalarKernels.dot(a, aOff, b, bOff, n), bound, "scalar float n=" + n);
            assertEquals(exact, VectorKernels.dot(ad, aOff, bd, bOff, n), 1e-12 * (absSum + 1), "vector double n=" + n);
            assertEquals(exact, ScalarKernels.dot(ad, aOff, bd, bOff, n), 1e-12 * (absSum + 1), "scalar double n=" + n);
            assertEquals(VectorKernels.dot(a, aOff, b, bOff, n), Kernels.dot(a, aOff, b, bOff, n), "facade n=" + n);
        }
    }

    @Test
    void withoutTheModuleTheScalarPathRunsAndSaysSo() throws IOException, InterruptedException {
        String[] out = runJvm(List.of());
        assertTrue(out[0].startsWith("scalar (jdk.incubator.vector not in the boot layer"), out[0]);
        assertTrue(out[1].contains("running the scalar kernels"), "one log line says so: " + out[1]);
    }

    @Test
    void withTheModuleTheVectorSpeciesIsReported() throws IOException, InterruptedException {
        String vector = runJvm(List.of("--add-modules", "jdk.incubator.vector"))[0];
        assertTrue(vector.startsWith("vector "), vector);
        String forced = runJvm(List.of("--add-modules", "jdk.incubator.vector", "-Dpanamax.vectorBitSize=0"))[0];
        assertTrue(forced.startsWith("scalar (panamax.vectorBitSize=0)"), forced);
    }

    /** Runs {@link Simd#main} in a new JVM; returns its stdout and stderr. */
    private static String[] runJvm(List<String> flags) throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(javaBin.toString());
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Simd.class.getName()));
        Path err = Files.createTempFile("panamax-jvm", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errText = Files.readString(err);
            assertEquals(0, p.waitFor(), out + errText);
            return new String[] {out.strip(), errText};
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
