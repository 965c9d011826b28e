// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import java.util.HashMap;
import java.util.Map;

import dev.panamax.kernel.GemmBackend;

/**
 * Registers OpenBLAS as the GEMM backend named "openblas" (found by {@code ServiceLoader} from
 * {@code META-INF/services}). Each {@link #load()} reads {@value OpenBlas#PATH_PROPERTY} and
 * {@value OpenBlas#PATH_ENV} again; a library once accepted for a setting is reused.
 */
public final class OpenBlasProvider implements GemmBackend.Provider {
    private static final Map<String, OpenBlasGemm> LOADED = new HashMap<>();

    @Override
    public String name() {
        return "openblas";
    }

    /** @throws OpenBlasUnavailableException saying which file failed and what to do */
    @Override
    public GemmBackend load() throws OpenBlasUnavailableException {
        String key = System.getProperty(OpenBlas.PATH_PROPERTY, "") + "\0" + System.getenv().getOrDefault(OpenBlas.PATH_ENV, "");
        synchronized (LOADED) {
            OpenBlasGemm g = LOADED.get(key);
            if (g == null) {
                g = new OpenBlasGemm(OpenBlas.find());
                LOADED.put(key, g);
            }
            return g;
        }
    }
}
