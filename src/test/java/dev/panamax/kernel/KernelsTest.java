// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import dev.panamax.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
            // The same summation order on both paths: the same bits, not just close ones.
            assertEquals(ScalarKernels.dot(a, aOff, b, bOff, n), VectorKernels.dot(a, aOff, b, bOff, n), 0f, "float bits n=" + n);
            assertEquals(ScalarKernels.dot(ad, aOff, bd, bOff, n), VectorKernels.dot(ad, aOff, bd, bOff, n), 0d, "double bits n=" + n);
        }
    }

    @Test
    void elementwiseVectorMatchesScalarTwin() {
        SplittableRandom rnd = new SplittableRandom(43);
        for (int n : new int[] {0, 1, 7, 8, 15, 16, 17, 31, 63, 255, 257, 784, 1000}) {
            float[] a = GemmSuite.random(rnd, n + 3), b = GemmSuite.random(rnd, n + 2);
            double[] ad = GemmSuite.toDouble(a), bd = GemmSuite.toDouble(b);
            String at = "n=" + n;
            float[] v = new float[n + 1], s = new float[n + 1];
            double[] vd = new double[n + 1], sd = new double[n + 1];
            Kernels.add(a, 3, b, 2, v, 1, n);
            ScalarKernels.add(a, 3, b, 2, s, 1, n);
            assertArrayEquals(s, v, "add " + at);
            for (int i = 0; i < n; i++) {
                assertEquals(a[3 + i] + b[2 + i], v[1 + i], "add value " + at);
            }
            Kernels.sub(a, 3, b, 2, v, 1, n);
            ScalarKernels.sub(a, 3, b, 2, s, 1, n);
            assertArrayEquals(s, v, "sub " + at);
            Kernels.mul(a, 3, b, 2, v, 1, n);
            ScalarKernels.mul(a, 3, b, 2, s, 1, n);
            assertArrayEquals(s, v, "mul " + at);
            Kernels.scale(a, 3, -1.5f, v, 1, n);
            ScalarKernels.scale(a, 3, -1.5f, s, 1, n);
            assertArrayEquals(s, v, "scale " + at);
            Kernels.relu(a, 3, v, 1, n);
            ScalarKernels.relu(a, 3, s, 1, n);
            assertArrayEquals(s, v, "relu " + at);
            for (int i = 0; i < n; i++) {
                assertEquals(Math.max(a[3 + i], 0f), v[1 + i]);
            }
            float[] y = b.clone(), yS = b.clone();
            Kernels.axpy(0.25f, a, 3, y, 2, n);
            ScalarKernels.axpy(0.25f, a, 3, yS, 2, n);
            assertArrayEquals(yS, y, "axpy " + at);
            for (int i = 0; i < n; i++) {
                assertEquals(b[2 + i] + 0.25 * a[3 + i], y[2 + i], 1e-6, "axpy value " + at);
            }
            double exact = 0, abs = 0;
            for (int i = 0; i < n; i++) {
                exact += a[3 + i];
                abs += Math.abs(a[3 + i]);
            }
            assertEquals(exact, Kernels.sum(a, 3, n), (n + 1) * Math.ulp(1f) * abs + 1e-30, "sum " + at);
            assertEquals(exact, ScalarKernels.sum(a, 3, n), (n + 1) * Math.ulp(1f) * abs + 1e-30, "scalar sum " + at);
            assertEquals(ScalarKernels.sum(a, 3, n), VectorKernels.sum(a, 3, n), 0f, "sum bits " + at);

            Kernels.add(ad, 3, bd, 2, vd, 1, n);
            ScalarKernels.add(ad, 3, bd, 2, sd, 1, n);
            assertArrayEquals(sd, vd, "add double " + at);
            Kernels.sub(ad, 3, bd, 2, vd, 1, n);
            ScalarKernels.sub(ad, 3, bd, 2, sd, 1, n);
            assertArrayEquals(sd, vd, "sub double " + at);
            Kernels.mul(ad, 3, bd, 2, vd, 1, n);
            ScalarKernels.mul(ad, 3, bd, 2, sd, 1, n);
            assertArrayEquals(sd, vd, "mul double " + at);
            Kernels.scale(ad, 3, 3.0, vd, 1, n);
            ScalarKernels.scale(ad, 3, 3.0, sd, 1, n);
            assertArrayEquals(sd, vd, "scale double " + at);
            Kernels.relu(ad, 3, vd, 1, n);
            ScalarKernels.relu(ad, 3, sd, 1, n);
            assertArrayEquals(sd, vd, "relu double " + at);
            double[] yd = bd.clone(), ydS = bd.clone();
            Kernels.axpy(-2.0, ad, 3, yd, 2, n);
            ScalarKernels.axpy(-2.0, ad, 3, ydS, 2, n);
            assertArrayEquals(ydS, yd, "axpy double " + at);
            assertEquals(exact, Kernels.sum(ad, 3, n), 1e-12 * (abs + 1), "sum double " + at);
            assertEquals(ScalarKernels.sum(ad, 3, n), VectorKernels.sum(ad, 3, n), 0d, "sum double bits " + at);
        }
    }

    @Test
    void largeAxpySplitAcrossTheGemmThreadsGivesTheOneThreadBits() {
        GemmBackend backend = Gemm.backend();
        int threads = Gemm.threads();
        Gemm.setBackend("java");
        try {
            SplittableRandom rnd = new SplittableRandom(44);
            for (int n : new int[] {Split.MIN - 1, Split.MIN, Split.MIN + 63, 256 * 784 + 5}) {
                float[] x = new float[n + 7], y0 = new float[n + 9];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rnd.nextGaussian();
                }
                for (int i = 0; i < y0.length; i++) {
                    y0[i] = (float) rnd.nextGaussian();
                }
                float[] expected = y0.clone();
                ScalarKernels.axpy(-0.1f, x, 7, expected, 3, n);
                for (int t : new int[] {1, 2, 3}) {
                    Gemm.setThreads(t);
                    float[] y = y0.clone();
                    Kernels.axpy(-0.1f, x, 7, y, 3, n);
                    assertArrayEquals(expected, y, "n = " + n + ", threads " + t); // also: the elements outside untouched
                }
            }
        } finally {
            Gemm.setThreads(threads);
            Gemm.setBackend(backend);
        }
    }

    @Test
    void elementwiseMayWriteInPlace() {
        float[] a = {1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16, 17, -18};
        Kernels.relu(a, 0, a, 0, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(i % 2 == 0 ? i + 1 : 0, a[i]);
        }
        Kernels.add(a, 0, a, 0, a, 0, a.length);
        assertEquals(34f, a[16]);
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
        List<String> cmd = new java.util.ArrayList<>();
        cmd.addAll(ChildJvm.command());
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

    @Test
    void unsignedBytesToFloatIsTheDivisionForEveryByteOnBothPaths() {
        for (int n : new int[] {0, 1, 7, 15, 16, 17, 33, 256, 300, 784}) {
            byte[] src = new byte[n + 3];
            for (int i = 0; i < src.length; i++) {
                src[i] = (byte) (i * 37 + n);
            }
            float[] v = new float[n + 5], sc = new float[n + 5];
            VectorKernels.unsignedBytesToFloat(src, 3, v, 5, n, 255f);
            ScalarKernels.unsignedBytesToFloat(src, 3, sc, 5, n, 255f);
            for (int i = 0; i < n; i++) {
                assertEquals((src[3 + i] & 0xFF) / 255f, v[5 + i], "vector n=" + n + " i=" + i);
                assertEquals(v[5 + i], sc[5 + i], "scalar twin n=" + n + " i=" + i);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(0f, v[i], "nothing written before dstOff");
            }
        }
    }
}
