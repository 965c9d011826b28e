// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The library for tests that need it. Absent, those tests are skipped with the loader's reason;
 * with {@code PANAMAX_REQUIRE_OPENBLAS=1} (CI installs OpenBLAS and sets it) they fail instead.
 */
final class OpenBlasTesting {
    static final boolean REQUIRED = "1".equals(System.getenv("PANAMAX_REQUIRE_OPENBLAS"));

    private static OpenBlas lib;
    private static String why;

    private OpenBlasTesting() {}

    static synchronized OpenBlas library() {
        if (lib == null && why == null) {
            try {
                lib = OpenBlas.find();
            } catch (OpenBlasUnavailableException e) {
                why = e.getMessage();
            }
        }
        if (lib == null) {
            if (REQUIRED) {
                fail("PANAMAX_REQUIRE_OPENBLAS=1, but OpenBLAS did not load: " + why);
            }
            Assumptions.assumeTrue(false, "OpenBLAS not available, skipped (set PANAMAX_REQUIRE_OPENBLAS=1 to fail instead): " + why);
        }
        return lib;
    }
}
