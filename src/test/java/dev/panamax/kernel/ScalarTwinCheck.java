// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import java.util.SplittableRandom;

/**
 * Runs in a JVM with the scalar twins selected ({@code -Dpanamax.vectorBitSize=0}): the GEMM suite's
 * reference checks on the scalar GEMM and the fused Linear forward against GEMM + bias + ReLU.
 * Prints "scalar twin OK" or throws (non-zero exit).
 */
final class ScalarTwinCheck extends GemmSuite {
    @Override
    protected GemmBackend backend() {
        return Gemm.javaBackend();
    }

    public static void main(String[] args) {
        if (Simd.ENABLED) {
            throw new AssertionError("expected the scalar path: " + Simd.describe());
        }
        ScalarTwinCheck check = new ScalarTwinCheck();
        SplittableRandom rnd = new SplittableRandom(31);
        int[] sizes = {1, 2, 7, 17, 63};
        for (int m : sizes) {
            for (int n : sizes) {
                for (int t = 0; t < 4; t++) {
                    check.checkSgemm(rnd, t / 2 == 1, t % 2 == 1, m, n, 15, 1.5f, t == 0 ? 0f : 0.5f);
                    check.checkDgemm(rnd, t / 2 == 1, t % 2 == 1, m, n, 15, -1.5, t == 0 ? 0 : 0.5);
                }
            }
        }
        check.checkSgemm(rnd, false, true, 255, 257, 600, 1f, 1f);
        JavaGemm.INSTANCE.setThreads(2);
        check.checkSgemm(rnd, true, false, 257, 255, 130, 1f, 0f);
        FusedKernelsTest.linearForwardMatchesUnfused(31);
        FusedKernelsTest.avgBackwardSigmoidMatchesUnfused(33);
        System.out.println("scalar twin OK: " + Simd.describe());
    }
}
