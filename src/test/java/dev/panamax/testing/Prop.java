// SPDX-License-Identifier: Apache-2.0
package dev.panamax.testing;

import dev.panamax.Generator;
import java.util.function.Consumer;

/**
 * Seeded property runs on plain JUnit: each try gets a {@link Generator} from its own seed; a
 * failure names the seed that reproduces it.
 *
 * <p>{@code -Dpanamax.prop.seed=S} reruns one seed; {@code -Dpanamax.prop.tries=N} multiplies the
 * number of tries (for a long local run).
 */
public final class Prop {
    private Prop() {}

    /** Runs body on {@code tries} seeds derived from the property name. */
    public static void forAll(String name, int tries, Consumer<Generator> body) {
        Long only = Long.getLong("panamax.prop.seed");
        int n = tries * Integer.getInteger("panamax.prop.tries", 1);
        long base = name.hashCode() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < (only != null ? 1 : n); i++) {
            long seed = only != null ? only : base + i;
            try {
                body.accept(new Generator(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property '" + name + "' failed at seed " + seed + " (try " + i + " of " + n
                        + "; rerun with -Dpanamax.prop.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }

    /** A time limit for a property run: seconds for the default tries, times the -Dpanamax.prop.tries multiplier. */
    public static java.time.Duration budget(long seconds) {
        return java.time.Duration.ofSeconds(seconds * Math.max(1, Integer.getInteger("panamax.prop.tries", 1)));
    }

    /** A random shape of the given rank, dims in [lo, hi]. */
    public static int[] shape(Generator g, int rank, int lo, int hi) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = lo + g.nextInt(hi - lo + 1);
        }
        return s;
    }

    /** A shape that broadcasts with s: some dims set to 1, maybe fewer leading dims. */
    public static int[] broadcastPartner(Generator g, int[] s) {
        int drop = s.length == 0 ? 0 : g.nextInt(s.length + 1);
        int[] p = new int[s.length - drop];
        for (int i = 0; i < p.length; i++) {
            p[i] = g.nextInt(3) == 0 ? 1 : s[drop + i];
        }
        return p;
    }
}
