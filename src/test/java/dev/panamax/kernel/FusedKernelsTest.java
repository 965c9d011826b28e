// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The fused kernels against their unfused composition, a double reference and the scalar twins. */
class FusedKernelsTest {

    @Test
    void avgPoolBackwardThroughSigmoidEqualsTheTwoPasses() {
        avgBackwardSigmoidMatchesUnfused(43);
    }

    /**
     * Pool2dKernels.avgBackwardSigmoid == avgBackward then Kernels.sigmoidBackward, bit for bit, on
     * exact and odd planes, small and past the threading grain. Also run by {@link ScalarTwinCheck}
     * on the scalar path.
     */
    static void avgBackwardSigmoidMatchesUnfused(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int[] s : new int[][] {{1536, 28, 28}, {3, 5, 7}, {4096, 10, 10}, {2, 2, 2}}) {
            int planes = s[0], h = s[1], w = s[2], oh = h / 2, ow = w / 2;
            dev.panamax.kernel.conv.PoolGeometry g = new dev.panamax.kernel.conv.PoolGeometry(planes, h, w, oh, ow, 2, 2, 2, 2, 0, 0, 1, 1);
            float[] gy = GemmSuite.random(rnd, planes * oh * ow), y = new float[planes * h * w];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) (1 / (1 + Math.exp(-4 * rnd.nextGaussian())));
            }
            float[] fused = new float[y.length], spread = new float[y.length], unfused = new float[y.length];
            Arrays.fill(fused, Float.NaN); // overwritten everywhere, the rows no window reads included
            dev.panamax.kernel.conv.Pool2dKernels.avgBackwardSigmoid(g, gy, y, fused);
            dev.panamax.kernel.conv.Pool2dKernels.avgBackward(g, gy, spread, true);
            Kernels.sigmoidBackward(spread, 0, y, 0, unfused, 0, y.length);
            assertArrayEquals(unfused, fused, 0f);
            assertEquals(gy[0] / 4 * (y[0] * (1 - y[0])), fused[0], 0f);
        }
        dev.panamax.kernel.conv.PoolGeometry three = new dev.panamax.kernel.conv.PoolGeometry(1, 6, 6, 2, 2, 3, 3, 3, 3, 0, 0, 1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> dev.panamax.kernel.conv.Pool2dKernels.avgBackwardSigmoid(three, new float[4], new float[36], new float[36]));
    }

    @Test
    void linearForwardEqualsGemmThenBiasThenRelu() {
        linearForwardMatchesUnfused(41);
    }

    /**
     * Fused forward == sgemm (NT) followed by the biasAct pass, bit for bit (the same operations in
     * the same order), and both within the GEMM bound of a double reference. Also run by
     * {@link ScalarTwinCheck} on the scalar path.
     */
    static void linearForwardMatchesUnfused(long seed) {
        // The fusion is the java backend's; with OpenBLAS auto-selected the GEMM would run there.
        GemmBackend saved = Gemm.backend();
        Gemm.setBackend("java");
        try {
            linearForwardMatchesUnfusedOnJava(seed);
        } finally {
            Gemm.setBackend(saved);
        }
    }

    private static void linearForwardMatchesUnfusedOnJava(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int[] s : new int[][] {{256, 256, 784}, {7, 10, 256}, {1, 1, 1}, {33, 17, 600}, {5, 3, 0}}) {
            int m = s[0], n = s[1], k = s[2];
            float[] x = GemmSuite.random(rnd, m * k + 3), w = GemmSuite.random(rnd, n * k + 1), bias = GemmSuite.random(rnd, n + 2);
            for (boolean relu : new boolean[] {false, true}) {
                for (float[] b : Arrays.asList(bias, null)) {
                    float[] fused = new float[m * n + 4], unfused = new float[m * n + 4];
                    Arrays.fill(fused, Float.NaN); // out is write-only: NaN there must not leak
                    LinearKernel.forward(m, n, k, x, 3, w, 1, b, 2, relu, fused, 4);
                    Gemm.javaBackend().sgemm(false, true, m, n, k, 1f, x, 3, Math.max(1, k), w, 1, Math.max(1, k), 0f, unfused, 4, n);
                    LinearKernel.biasAct(unfused, 4, m, n, b, 2, relu);
                    for (int i = 0; i < m * n; i++) {
                        if (Float.floatToRawIntBits(fused[4 + i]) != Float.floatToRawIntBits(unfused[4 + i])) {
                            throw new AssertionError("fused != unfused at " + i + ": " + fused[4 + i] + " vs " + unfused[4 + i]
                                    + " m=" + m + " n=" + n + " k=" + k + " relu=" + relu);
                        }
                    }
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double z = b == null ? 0 : b[2 + j], abs = Math.abs(z);
                            for (int p = 0; p < k; p++) {
                                z += (double) x[3 + i * k + p] * w[1 + j * k + p];
                                abs += Math.abs((double) x[3 + i * k + p] * w[1 + j * k + p]);
                            }
                            double want = relu ? Math.max(z, 0) : z;
                            if (Math.abs(want - fused[4 + i * n + j]) > (k + 3) * Math.ulp(1f) * abs + 1e-30) {
                                throw new AssertionError("linear forward " + fused[4 + i * n + j] + ", want " + want);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void linearForwardInDouble() {
        SplittableRandom rnd = new SplittableRandom(43);
        int m = 37, n = 19, k = 71;
        double[] x = GemmSuite.toDouble(GemmSuite.random(rnd, m * k)), w = GemmSuite.toDouble(GemmSuite.random(rnd, n * k));
        double[] bias = GemmSuite.toDouble(GemmSuite.random(rnd, n)), out = new double[m * n];
        LinearKernel.forward(m, n, k, x, 0, w, 0, bias, 0, true, out, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double z = bias[j];
                for (int p = 0; p < k; p++) {
                    z += x[i * k + p] * w[j * k + p];
                }
                assertEquals(Math.max(z, 0), out[i * n + j], 1e-13);
            }
        }
    }

    @Test
    void linearForwardRejectsShortArrays() {
        float[] x = new float[6], w = new float[6], out = new float[4];
        assertThrows(IllegalArgumentException.class, () -> LinearKernel.forward(2, 2, 3, x, 0, w, 0, new float[1], 0, true, out, 0));
        assertThrows(IllegalArgumentException.class, () -> LinearKernel.forward(2, 3, 3, x, 0, w, 0, null, 0, true, out, 0));
    }

    @Test
    void linearBackwardMasksAndSumsColumns() {
        SplittableRandom rnd = new SplittableRandom(47);
        for (int[] s : new int[][] {{256, 256}, {3, 7}, {17, 33}, {1, 100}}) {
            int m = s[0], n = s[1];
            float[] g = GemmSuite.random(rnd, m * n), out = GemmSuite.random(rnd, m * n);
            out[0] = 0f; // out == 0 is not > 0: masked
            for (boolean relu : new boolean[] {true, false}) {
                float[] gz = new float[m * n], gb = GemmSuite.random(rnd, n + 1), gb0 = gb.clone();
                float[] gzS = new float[m * n], gbS = gb0.clone();
                LinearKernel.backward(m, n, g, 0, out, 0, relu, gz, 0, gb, 1);
                ScalarKernels.linearBackward(m, n, g, 0, out, 0, relu, gzS, 0, gbS, 1);
                assertArrayEquals(gzS, gz, "vector vs scalar gz");
                assertArrayEquals(gbS, gb, "vector vs scalar bias gradient");
                for (int j = 0; j < n; j++) {
                    double col = 0;
                    for (int i = 0; i < m; i++) {
                        float want = relu && !(out[i * n + j] > 0) ? 0f : g[i * n + j];
                        assertEquals(want, gz[i * n + j]);
                        col += want;
                    }
                    assertEquals(gb0[1 + j] + col, gb[1 + j], (m + 1) * Math.ulp(1f) * (m + 1));
                }
                assertEquals(gb0[0], gb[0], "bias gradient before the offset untouched");
            }
            double[] gd = GemmSuite.toDouble(g), od = GemmSuite.toDouble(out), gzd = new double[m * n], gzdS = new double[m * n];
            double[] gbd = new double[n], gbdS = new double[n];
            LinearKernel.backward(m, n, gd, 0, od, 0, true, gzd, 0, gbd, 0);
            ScalarKernels.linearBackward(m, n, gd, 0, od, 0, true, gzdS, 0, gbdS, 0);
            assertArrayEquals(gzdS, gzd);
            assertArrayEquals(gbdS, gbd);
        }
    }

    @Test
    void dropoutKeepsAboutOneMinusPAndScales() {
        SplittableRandom rnd = new SplittableRandom(53);
        int n = 200_003;
        float[] x = GemmSuite.random(rnd, n), out = new float[n];
        long[] mask = new long[DropoutKernel.maskLength(n)];
        for (double p : new double[] {0.2, 0.5, 0.9}) {
            DropoutKernel.forward(x, 0, out, 0, n, p, 1234, mask);
            int kept = 0;
            float scale = (float) (1 / (1 - p));
            for (int i = 0; i < n; i++) {
                if (DropoutKernel.kept(mask, i)) {
                    kept++;
                    assertEquals(x[i] * scale, out[i], "kept element scaled by 1 / (1 - p)");
                } else {
                    assertEquals(0f, out[i]);
                }
            }
            double sigma = Math.sqrt(n * p * (1 - p));
            assertEquals(n * (1 - p), kept, 5 * sigma, "keep rate for p=" + p);
            assertEquals(0L, mask[mask.length - 1] >>> (n & 63), "bits past n are 0");
        }
    }

    @Test
    void dropoutPZeroKeepsAllAndPOneDropsAll() {
        SplittableRandom rnd = new SplittableRandom(59);
        int n = 1000;
        float[] x = GemmSuite.random(rnd, n), out = new float[n];
        long[] mask = new long[DropoutKernel.maskLength(n)];
        DropoutKernel.forward(x, 0, out, 0, n, 0, 7, mask);
        assertArrayEquals(x, out);
        for (int i = 0; i < n; i++) {
            assertTrue(DropoutKernel.kept(mask, i));
        }
        Arrays.fill(out, Float.NaN);
        x[5] = Float.POSITIVE_INFINITY;
        DropoutKernel.forward(x, 0, out, 0, n, 1, 7, mask);
        assertArrayEquals(new float[n], out);
        float[] grad = new float[n];
        DropoutKernel.backward(x, 0, mask, 1, grad, 0, n);
        assertArrayEquals(new float[n], grad);
        assertThrows(IllegalArgumentException.class, () -> DropoutKernel.forward(x, 0, out, 0, n, 1.5, 7, mask));
        assertThrows(IllegalArgumentException.class, () -> DropoutKernel.forward(x, 0, out, 0, n, 0.5, 7, new long[3]));
    }

    @Test
    void dropoutVectorEqualsScalarAndBackwardReusesTheMask() {
        SplittableRandom rnd = new SplittableRandom(61);
        for (int n : new int[] {0, 1, 63, 64, 65, 255, 1000, 4097}) {
            float[] x = GemmSuite.random(rnd, n + 2), out = new float[n + 1], outS = new float[n + 1];
            long[] mask = new long[DropoutKernel.maskLength(n)], maskS = new long[mask.length];
            long threshold = DropoutKernel.threshold(0.3);
            float scale = (float) (1 / 0.7);
            VectorKernels.dropoutForward(x, 2, out, 1, n, 99, threshold, scale, mask);
            ScalarKernels.dropoutForward(x, 2, outS, 1, n, 99, threshold, scale, maskS, 0);
            assertArrayEquals(maskS, mask, "mask n=" + n);
            assertArrayEquals(outS, out, "out n=" + n);
            for (int i = 0; i < n; i++) {
                assertEquals(DropoutKernel.keep(99, i, threshold), DropoutKernel.kept(mask, i), "pure function of (seed, i)");
            }
            float[] g = GemmSuite.random(rnd, n), gi = new float[n], giS = new float[n];
            DropoutKernel.backward(g, 0, mask, 0.3, gi, 0, n);
            ScalarKernels.dropoutBackward(g, 0, mask, scale, giS, 0, n, 0);
            assertArrayEquals(giS, gi);
            for (int i = 0; i < n; i++) {
                assertEquals(DropoutKernel.kept(mask, i) ? g[i] * scale : 0f, gi[i]);
            }
            double[] xd = GemmSuite.toDouble(x), od = new double[n + 1], odS = new double[n + 1];
            long[] md = new long[mask.length], mdS = new long[mask.length];
            VectorKernels.dropoutForward(xd, 2, od, 1, n, 99, threshold, 1 / 0.7, md);
            ScalarKernels.dropoutForward(xd, 2, odS, 1, n, 99, threshold, 1 / 0.7, mdS, 0);
            assertArrayEquals(mask, md, "the same mask in float and double");
            assertArrayEquals(odS, od);
        }
    }

    @Test
    void dropoutMaskIsTheSameOnAnyThreadAndThreadCount() throws Exception {
        int n = 50_000;
        float[] x = GemmSuite.random(new SplittableRandom(67), n);
        long[] ref = new long[DropoutKernel.maskLength(n)];
        DropoutKernel.forward(x, 0, new float[n], 0, n, 0.5, 2024, ref);
        int saved = Gemm.threads();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int threads : new int[] {1, 2, 4}) {
                Gemm.setThreads(threads);
                List<Future<long[]>> masks = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    masks.add(pool.submit(() -> {
                        long[] mask = new long[DropoutKernel.maskLength(n)];
                        DropoutKernel.forward(x, 0, new float[n], 0, n, 0.5, 2024, mask);
                        return mask;
                    }));
                }
                for (Future<long[]> f : masks) {
                    assertArrayEquals(ref, f.get(), "threads=" + threads);
                }
            }
            long[] other = new long[ref.length];
            DropoutKernel.forward(x, 0, new float[n], 0, n, 0.5, 2025, other);
            assertTrue(!Arrays.equals(ref, other), "another seed, another mask");
        } finally {
            Gemm.setThreads(saved);
            pool.shutdownNow();
        }
    }

    @Test
    void softmaxCrossEntropyMatchesReference() {
        SplittableRandom rnd = new SplittableRandom(71);
        for (int[] s : new int[][] {{256, 10}, {3, 1}, {5, 17}, {2, 1000}, {3, 16}, {3, 31}, {3, 32}, {3, 33}, {2, 71}}) {
            int m = s[0], n = s[1];
            float[] logits = GemmSuite.random(rnd, m * n);
            for (int i = 0; i < logits.length; i++) {
                logits[i] *= 20;
            }
            if (m > 1) {
                logits[n] = 1000f; // exp would overflow without the max subtraction
            }
            int[] labels = new int[m];
            for (int i = 0; i < m; i++) {
                labels[i] = rnd.nextInt(n);
            }
            float[] loss = new float[m], probs = new float[m * n], lossS = new float[m], probsS = new float[m * n];
            SoftmaxCrossEntropyKernel.forward(m, n, logits, 0, labels, 0, loss, 0, probs, 0);
            ScalarKernels.softmaxCrossEntropyForward(m, n, logits, 0, labels, 0, lossS, 0, probsS, 0);
            for (int i = 0; i < m; i++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, logits[i * n + j]);
                }
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(logits[i * n + j] - max);
                }
                double want = Math.log(sum) - (logits[i * n + labels[i]] - max);
                assertEquals(want, loss[i], 1e-5 * (1 + Math.abs(want)), "loss row " + i);
                assertEquals(lossS[i], loss[i], 0f, "vector vs scalar loss: the same bits, row " + i + " of n=" + n);
                double total = 0;
                for (int j = 0; j < n; j++) {
                    double p = Math.exp(logits[i * n + j] - max) / sum;
                    assertEquals(p, probs[i * n + j], 1e-6, "probability");
                    assertEquals(probsS[i * n + j], probs[i * n + j], 0f, "vector vs scalar probability: the same bits");
                    total += probs[i * n + j];
                }
                assertEquals(1, total, 1e-5);
            }
            float[] gl = GemmSuite.random(rnd, m), d = new float[m * n], dS = new float[m * n];
            SoftmaxCrossEntropyKernel.backward(m, n, probs, 0, labels, 0, gl, 0, d, 0);
            ScalarKernels.softmaxCrossEntropyBackward(m, n, probs, 0, labels, 0, gl, 0, dS, 0);
            assertArrayEquals(dS, d, "backward: vector and scalar are the same operations");
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals((probs[i * n + j] - (j == labels[i] ? 1f : 0f)) * gl[i], d[i * n + j]);
                }
            }
        }
    }

    @Test
    void softmaxCrossEntropyInDoubleGivesTheScalarTwinsBits() {
        SplittableRandom rnd = new SplittableRandom(72);
        for (int n : new int[] {1, 7, 8, 9, 10, 16, 17, 33, 100}) {
            int m = 4;
            double[] logits = new double[m * n];
            int[] labels = new int[m];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = rnd.nextDouble(-30, 30);
            }
            for (int i = 0; i < m; i++) {
                labels[i] = rnd.nextInt(n);
            }
            double[] loss = new double[m], probs = new double[m * n], lossS = new double[m], probsS = new double[m * n];
            VectorKernels.softmaxCrossEntropyForward(m, n, logits, 0, labels, 0, loss, 0, probs, 0);
            ScalarKernels.softmaxCrossEntropyForward(m, n, logits, 0, labels, 0, lossS, 0, probsS, 0);
            assertArrayEquals(lossS, loss, 0d, "loss n=" + n);
            assertArrayEquals(probsS, probs, 0d, "probabilities n=" + n);
            for (int i = 0; i < m; i++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, logits[i * n + j]);
                }
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(logits[i * n + j] - max);
                }
                assertEquals(Math.log(sum) - (logits[i * n + labels[i]] - max), loss[i], 1e-13, "loss n=" + n);
            }
        }
    }

    @Test
    void softmaxCrossEntropyInDoubleAndBadLabels() {
        double[] logits = {1, 2, 3, 1000, 0, -1000};
        int[] labels = {2, 0};
        double[] loss = new double[2], probs = new double[6], d = new double[6];
        SoftmaxCrossEntropyKernel.forward(2, 3, logits, 0, labels, 0, loss, 0, probs, 0);
        double lse = 3 + Math.log(Math.exp(-2) + Math.exp(-1) + 1);
        assertEquals(lse - 3, loss[0], 1e-12);
        assertEquals(0, loss[1], 1e-12);
        assertEquals(1, probs[3], 1e-12);
        SoftmaxCrossEntropyKernel.backward(2, 3, probs, 0, labels, 0, new double[] {0.5, 0.5}, 0, d, 0);
        assertEquals((probs[2] - 1) * 0.5, d[2], 1e-15);
        assertEquals(probs[0] * 0.5, d[0], 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropyKernel.forward(2, 3, logits, 0, new int[] {0, 3}, 0, loss, 0, probs, 0));
    }
}
