// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.Simd;

/**
 * What panamax computes with, and the switch between backends.
 *
 * <pre>
 * System.out.println(Backend.describe());
 * Backend.use("openblas");   // or "java", "auto"
 * </pre>
 */
public final class Backend {
    private Backend() {}

    /**
     * One line: the GEMM backend (for OpenBLAS: the library file, its config string and its
     * thread count; for java: why OpenBLAS was not taken, when {@code auto} tried it), the
     * panamax thread count and the vector species of the Java kernels.
     */
    public static String describe() {
        var gemm = Gemm.backend();
        StringBuilder s = new StringBuilder("panamax: GEMM ").append(gemm.describe());
        String why = Gemm.fallbackReason();
        if (gemm.name().equals("java") && why != null) {
            s.append(" (OpenBLAS not used: ").append(why).append(')');
        }
        s.append("; panamax.threads=").append(Gemm.threads());
        s.append("; kernels ").append(Simd.describe());
        return s.toString();
    }

    /**
     * Selects the GEMM backend: {@code java}, {@code openblas} or {@code auto}.
     *
     * @throws IllegalStateException for {@code openblas} when the library cannot be loaded, with why
     * @throws IllegalArgumentException for any other name
     */
    public static void use(String name) {
        Gemm.setBackend(name);
    }

    /** Prints {@link #describe()}: {@code java -cp panamax.jar dev.panamax.Backend}. */
    public static void main(String[] args) {
        System.out.println(describe());
    }
}
