// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

import jdk.incubator.vector.FloatVector;

/** Loaded only when the incubator module is present (see {@link Simd}). */
final class VectorInfo {
    private VectorInfo() {}

    static int preferredBitSize() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
