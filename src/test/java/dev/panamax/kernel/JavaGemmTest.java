// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JavaGemmTest extends GemmSuite {
    @Override
    protected GemmBackend backend() {
        return Gemm.javaBackend();
    }

    @Test
    void oneAndManyThreadsGiveIdenticalBits() {
        JavaGemm java = JavaGemm.INSTANCE;
        int saved = java.threads();
        SplittableRandom rnd = new SplittableRandom(23);
        try {
            // All above the size where the work is split (m n k >= 128^3): wide enough to split by
            // columns, with packed and in-place panels on either side of the split (200 columns
            // packed on one thread, 100 in place on two); narrow, split by rows; long k (several KC
            // strips); odd edges; more rows than MC (several A blocks) and more columns than NC
            // (several B panels).
            for (int[] s : new int[][] {{300, 200, 100}, {100, 300, 80}, {97, 130, 1100}, {256, 10, 1000}, {67, 800, 50},
                    {1100, 60, 70}, {20, 4200, 60}}) {
                int m = s[0], n = s[1], k = s[2];
                for (int t = 0; t < 4; t++) {
                    boolean tA = t / 2 == 1, tB = t % 2 == 1;
                    float[] a = random(rnd, m * k), b = random(rnd, k * n), c0 = random(rnd, m * n);
                    float[] ref = null;
                    for (int threads : new int[] {1, 2, 3, 5}) {
                        java.setThreads(threads);
                        float[] c = c0.clone();
                        java.sgemm(tA, tB, m, n, k, 0.5f, a, 0, tA ? m : k, b, 0, tB ? k : n, 1.5f, c, 0, n);
                        if (ref == null) {
                            ref = c;
                        } else {
                            assertArrayEquals(ref, c, "threads=" + threads + " m=" + m + " n=" + n + " k=" + k + " t=" + t);
                        }
                    }
                    double[] ad = toDouble(a), bd = toDouble(b);
                    double[] dref = null;
                    for (int threads : new int[] {1, 2, 3}) {
                        java.setThreads(threads);
                        double[] c = toDouble(c0);
                        java.dgemm(tA, tB, m, n, k, 0.5, ad, 0, tA ? m : k, bd, 0, tB ? k : n, 1.5, c, 0, n);
                        if (dref == null) {
                            dref = c;
                        } else {
                            assertArrayEquals(dref, c, "dgemm threads=" + threads);
                        }
                    }
                }
            }
        } finally {
            java.setThreads(saved);
        }
    }

    @Test
    void multiThreadedResultsAreCorrect() {
        JavaGemm java = JavaGemm.INSTANCE;
        int saved = java.threads();
        try {
            java.setThreads(3);
            SplittableRandom rnd = new SplittableRandom(29);
            checkSgemm(rnd, false, true, 256, 784, 256, 1f, 0f);
            checkSgemm(rnd, true, false, 513, 129, 77, 1f, 1f);
            checkDgemm(rnd, false, false, 129, 513, 77, 2, 0.5);
        } finally {
            java.setThreads(saved);
        }
    }

    /**
     * Wide calls from several callers at once, each shared out among the pool's threads panel by
     * panel (a caller may get all, some or none of the workers): the same bits as on one thread.
     */
    @Test
    void concurrentWideCallsGiveTheOneThreadBits() throws Exception {
        JavaGemm java = JavaGemm.INSTANCE;
        int saved = java.threads();
        SplittableRandom rnd = new SplittableRandom(31);
        int[][] shapes = {{160, 300, 200}, {64, 900, 120}, {300, 400, 40}};
        float[][] as = new float[shapes.length][], bs = new float[shapes.length][], refs = new float[shapes.length][];
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            java.setThreads(1);
            for (int i = 0; i < shapes.length; i++) {
                int m = shapes[i][0], n = shapes[i][1], k = shapes[i][2];
                as[i] = random(rnd, m * k);
                bs[i] = random(rnd, k * n);
                refs[i] = new float[m * n];
                java.sgemm(false, true, m, n, k, 1f, as[i], 0, k, bs[i], 0, k, 0f, refs[i], 0, n);
            }
            java.setThreads(3);
            List<Future<?>> runs = new ArrayList<>();
            for (int caller = 0; caller < 3; caller++) {
                int first = caller;
                runs.add(callers.submit(() -> {
                    for (int rep = 0; rep < 20; rep++) {
                        int i = (first + rep) % shapes.length, m = shapes[i][0], n = shapes[i][1], k = shapes[i][2];
                        float[] c = new float[m * n];
                        java.sgemm(false, true, m, n, k, 1f, as[i], 0, k, bs[i], 0, k, 0f, c, 0, n);
                        assertArrayEquals(refs[i], c, "caller " + first + " rep " + rep + " shape " + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
            java.setThreads(saved);
        }
    }

    /**
     * The scalar twin is chosen at class initialisation, so it runs in a JVM started with
     * {@code -Dpanamax.vectorBitSize=0}: {@link ScalarTwinCheck} runs the GEMM and the fused kernels
     * there against the same references and exits non-zero on a mismatch.
     */
    @Test
    void scalarTwinPassesTheSameChecks() throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "--add-modules", "jdk.incubator.vector",
                "-Dpanamax.vectorBitSize=0", "-Dpanamax.backend=java", "-cp", System.getProperty("java.class.path"), ScalarTwinCheck.class.getName()));
        Path log = Files.createTempFile("panamax-scalar", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int rc = p.waitFor();
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, rc, out);
            assertTrue(out.contains("scalar twin OK"), out);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
