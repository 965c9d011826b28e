// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import dev.panamax.kernel.Gemm;

/**
 * Run in a child JVM by {@link HostileLibraryTest}: for each path, points the property at it and
 * selects the auto backend, printing one line per path. A library the loader cannot map would
 * kill this process, which the parent sees as a missing line and a non-zero exit.
 */
final class TruncatedLoad {
    private TruncatedLoad() {}

    public static void main(String[] args) {
        for (String path : args) {
            System.setProperty(OpenBlas.PATH_PROPERTY, path);
            Gemm.setBackend("auto");
            System.out.println("loaded " + path + " -> " + Gemm.backend().name() + " | " + Gemm.fallbackReason());
        }
        System.out.println("done");
    }
}
