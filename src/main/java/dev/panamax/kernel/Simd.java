// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel;

/**
 * Which path the kernels take: the Vector API (when the {@code jdk.incubator.vector} module is
 * in the boot layer) or the scalar twins.
 *
 * <p>This class never touches a {@code jdk.incubator.vector} type, so it loads on any JVM; the
 * vector classes are loaded only behind {@link #ENABLED}. The system property
 * {@code panamax.vectorBitSize=0} forces the scalar twins even when the module is present, which
 * is how tests and benchmarks compare the two.
 */
public final class Simd {
    private static final System.Logger LOG = System.getLogger("dev.panamax");

    /** True when the kernels run on the Vector API. Constant after class initialisation. */
    public static final boolean ENABLED;

    /** Bits in the preferred vector shape (256 on AVX2, 512 on AVX-512), or 0 on the scalar path. */
    public static final int BIT_SIZE;

    static {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        int requested = Integer.getInteger("panamax.vectorBitSize", -1);
        int bits = 0;
        if (present && requested != 0) {
            bits = VectorInfo.preferredBitSize();
        }
        // A 64-bit vector holds two floats: slower than scalar code; treat it as no vector unit.
        ENABLED = bits >= 128;
        BIT_SIZE = ENABLED ? bits : 0;
        if (!present) {
            LOG.log(System.Logger.Level.INFO, "panamax: jdk.incubator.vector is not available; running the scalar"
                    + " kernels (start the JVM with --add-modules jdk.incubator.vector for the vector ones)");
        }
    }

    private Simd() {}

    /** Lanes of a float vector on this machine (8 on AVX2), or 1 on the scalar path. */
    public static int floatLanes() {
        return ENABLED ? BIT_SIZE / Float.SIZE : 1;
    }

    /** Lanes of a double vector on this machine (4 on AVX2), or 1 on the scalar path. */
    public static int doubleLanes() {
        return ENABLED ? BIT_SIZE / Double.SIZE : 1;
    }

    /** One line for logs and {@code Backend.describe()}: the species in use, or why scalar. */
    public static String describe() {
        if (ENABLED) {
            return "vector " + BIT_SIZE + "-bit (" + floatLanes() + " floats, " + doubleLanes() + " doubles)";
        }
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return "scalar (jdk.incubator.vector not in the boot layer: add --add-modules jdk.incubator.vector)";
        }
        return "scalar (panamax.vectorBitSize=" + System.getProperty("panamax.vectorBitSize") + ")";
    }

    /** Prints {@link #describe()}; used by tests that start a JVM with other module flags. */
    public static void main(String[] args) {
        System.out.println(describe());
    }
}
