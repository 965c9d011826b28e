// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fused updates: the path in use (vector or scalar) against the scalar twin, and on 1, 2 and 3 threads. */
class UpdateKernelsTest {
    private static float[][] arrays(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] a = new float[5][n];
        for (int i = 0; i < n; i++) {
            a[0][i] = (float) rnd.nextDouble(-1, 1);
            a[1][i] = i % 7 == 0 ? 0f : i % 11 == 0 ? 1e-30f : (float) rnd.nextDouble(-2, 2); // zero and tiny gradients
            a[2][i] = (float) rnd.nextDouble(-0.1, 0.1);
            a[3][i] = (float) rnd.nextDouble(0, 0.01);
            a[4][i] = (float) rnd.nextDouble(0, 0.02);
        }
        return a;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Test
    void adamIsTheScalarTwinOnEveryThreadCount() {
        UpdateKernels.AdamStep[] steps = {
            new UpdateKernels.AdamStep(1f, 0f, false, 0.9f, 0.1f, 0.999f, 0.001f, 0.0447f, 1e-8f, -0.01f),
            new UpdateKernels.AdamStep(0.999f, 0f, true, 0.8f, 0.2f, 0.99f, 0.01f, 0.3f, 1e-3f, -0.5f),
            new UpdateKernels.AdamStep(1f, 0.1f, false, 0.5f, 0.5f, 0.9f, 0.1f, 0.7f, 0f, -1f),
        };
        int saved = Gemm.threads();
        try {
            for (int n : new int[] {1, 7, 33, 100_003}) {
                for (UpdateKernels.AdamStep s : steps) {
                    for (boolean ams : new boolean[] {false, true}) {
                        float[][] ref = arrays(n, n);
                        UpdateKernels.adam(s, ref[0], ref[1], ref[2], ref[3], ams ? ref[4] : null, 0, n);
                        for (int threads : new int[] {1, 2, 3}) {
                            Gemm.setThreads(threads);
                            float[][] got = arrays(n, n);
                            UpdateKernels.adam(s, got[0], got[1], got[2], got[3], ams ? got[4] : null, n);
                            for (int k = 0; k < 5; k++) {
                                assertArrayEquals(ref[k], got[k], "array " + k + " n=" + n + " threads=" + threads + " " + s);
                            }
                        }
                        assertFalse(Arrays.equals(ref[0], arrays(n, n)[0]), "the parameter moved");
                    }
                }
            }
        } finally {
            Gemm.setThreads(saved);
        }
    }

    @Test
    void sgdMomentumIsTheScalarTwinOnEveryThreadCount() {
        int saved = Gemm.threads();
        try {
            for (int n : new int[] {5, 70_001}) {
                for (int variant = 0; variant < 4; variant++) {
                    boolean nesterov = variant % 2 == 1, maximize = variant / 2 == 1;
                    float wd = variant == 2 ? 0f : 0.01f;
                    float[][] ref = arrays(n + 1, n);
                    UpdateKernels.sgdMomentum(-0.1f, wd, 0.9f, 1f, nesterov, maximize, ref[0], ref[1], ref[2], 0, n);
                    for (int threads : new int[] {1, 2, 3}) {
                        Gemm.setThreads(threads);
                        float[][] got = copy(arrays(n + 1, n));
                        UpdateKernels.sgdMomentum(-0.1f, wd, 0.9f, 1f, nesterov, maximize, got[0], got[1], got[2], n);
                        assertArrayEquals(ref[0], got[0]);
                        assertArrayEquals(ref[2], got[2]);
                    }
                }
            }
        } finally {
            Gemm.setThreads(saved);
        }
    }

    @Test
    void rmspropAndAdagradAreTheScalarTwinOnEveryThreadCount() {
        int saved = Gemm.threads();
        try {
            for (int n : new int[] {3, 17, 70_001}) {
                for (int variant = 0; variant < 4; variant++) {
                    boolean centered = variant % 2 == 1, momentum = variant / 2 == 1;
                    UpdateKernels.RmspropStep s = new UpdateKernels.RmspropStep(-0.01f, variant == 3 ? 0.1f : 0f, 0.9f, 0.1f, 1e-8f,
                            momentum ? 0.9f : 0f, variant == 2);
                    float[][] ref = arrays(n + 7, n);
                    UpdateKernels.rmsprop(s, ref[0], ref[1], ref[3], centered ? ref[2] : null, momentum ? ref[4] : null, 0, n);
                    float[][] ada = arrays(n + 9, n);
                    UpdateKernels.adagrad(-0.1f, variant == 1 ? 0.01f : 0f, 1e-10f, variant == 2, ada[0], ada[1], ada[3], 0, n);
                    for (int threads : new int[] {1, 2, 3}) {
                        Gemm.setThreads(threads);
                        float[][] got = arrays(n + 7, n);
                        UpdateKernels.rmsprop(s, got[0], got[1], got[3], centered ? got[2] : null, momentum ? got[4] : null, n);
                        for (int k = 0; k < 5; k++) {
                            assertArrayEquals(ref[k], got[k], "rmsprop array " + k + " n=" + n + " threads=" + threads + " " + s);
                        }
                        float[][] ag = arrays(n + 9, n);
                        UpdateKernels.adagrad(-0.1f, variant == 1 ? 0.01f : 0f, 1e-10f, variant == 2, ag[0], ag[1], ag[3], n);
                        assertArrayEquals(ada[0], ag[0], "adagrad n=" + n + " threads=" + threads);
                        assertArrayEquals(ada[3], ag[3], "adagrad sum n=" + n + " threads=" + threads);
                    }
                }
            }
        } finally {
            Gemm.setThreads(saved);
        }
    }
}
