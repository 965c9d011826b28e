// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

/**
 * A seeded source of random numbers. The sequence depends only on the seed: the same seed gives
 * the same numbers on every machine, JDK and thread count (SplitMix64 for the bits, Box-Muller for
 * normals, both written here so no library change can alter them). Not thread-safe: give each
 * thread its own generator.
 *
 * <pre>{@code
 * Generator g = new Generator(42);
 * Tensor w = Tensor.randn(g, 784, 256);       // the same values for seed 42 everywhere
 * DataLoader train = DataLoader.loadArray(x, y, 256, true, g);   // and the same batch order
 * }</pre>
 */
public final class Generator {
    private static Generator global = new Generator(0);

    private long state;
    private double spareNormal;
    private boolean hasSpare;

    public Generator(long seed) {
        manualSeed(this, seed);
    }

    /** The generator used when none is given. */
    public static synchronized Generator global() {
        return global;
    }

    /** Reseeds the global generator, as {@code torch.manual_seed}. */
    public static synchronized void manualSeed(long seed) {
        global = new Generator(seed);
    }

    private static void manualSeed(Generator g, long seed) {
        g.state = seed;
        g.hasSpare = false;
    }

    /**
     * The whole state ({@code torch.Generator.get_state()}): the SplitMix64 counter, the spare normal's
     * bits and whether it is pending. A new array; {@link #setState} puts it back, so a resumed run
     * draws the numbers the uninterrupted run would have.
     */
    public long[] getState() {
        return new long[] {state, Double.doubleToRawLongBits(spareNormal), hasSpare ? 1 : 0};
    }

    /** Restores a state from {@link #getState()}. Modified: this generator. */
    public void setState(long[] s) {
        if (s.length != 3 || (s[2] != 0 && s[2] != 1)) {
            throw new IllegalArgumentException("Generator.setState: expected the 3 values getState() returns, got "
                    + java.util.Arrays.toString(s));
        }
        state = s[0];
        spareNormal = Double.longBitsToDouble(s[1]);
        hasSpare = s[2] == 1;
    }

    /** The next 64 random bits (SplitMix64). */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        // Lemire's multiply-shift with rejection: unbiased.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (1L << 32) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal N(0, 1) by the Box-Muller transform. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spareNormal = r * Math.sin(2 * Math.PI * u2);
        hasSpare = true;
        return r * Math.cos(2 * Math.PI * u2);
    }

    /**
     * A random permutation of 0..n-1 (Fisher-Yates). Allocates the result.
     *
     * @throws IllegalArgumentException when n is negative or more than an array holds
     */
    public int[] permutation(int n) {
        if (n < 0 || n > Shape.MAX_ELEMENTS) {
            throw new IllegalArgumentException("permutation: n must be in [0, " + Shape.MAX_ELEMENTS + "], got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
