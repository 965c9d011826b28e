// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import java.util.Arrays;

import dev.panamax.blas.OpenBlas;
import dev.panamax.blas.OpenBlasGemm;

/**
 * How long a safepoint waits while another thread is inside OpenBLAS: one thread runs n x n x n
 * sgemm on Java arrays in a loop (critical or copied path) while the main thread asks for 40
 * safepoints (System.gc()) and times each. With -Xlog:safepoint the JVM prints the time to reach
 * each one ("Reaching safepoint").
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp target/benchmarks.jar \
 *     dev.panamax.bench.SafepointStall 1024 critical
 * </pre>
 */
public final class SafepointStall {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean critical = args[1].equals("critical");
        OpenBlas blas = OpenBlas.find();
        blas.setThreads(1);
        OpenBlasGemm gemm = new OpenBlasGemm(blas, critical ? Long.MAX_VALUE : -1);
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        Arrays.fill(a, 0.5f);
        Arrays.fill(b, 0.25f);
        Thread worker = Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            }
        });
        Thread.sleep(500);
        long[] ns = new long[40];
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            System.gc();
            ns[i] = System.nanoTime() - t0;
            Thread.sleep(7);
        }
        Arrays.sort(ns);
        System.out.printf("n=%d %s: System.gc() took median %.2f ms, max %.2f ms (worker alive: %b)%n",
                n, args[1], ns[ns.length / 2] / 1e6, ns[ns.length - 1] / 1e6, worker.isAlive());
    }
}
