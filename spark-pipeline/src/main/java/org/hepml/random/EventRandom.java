package org.hepml.random;

/**
 * A small random stream derived from (seed, event id, stream index) alone, so an event's random numbers do not
 * depend on partitioning or on which task handles it. SplitMix64 (Steele, Lea, Flood 2014): one 64-bit state,
 * a golden-gamma increment and a finalising mix; good statistical quality and cheap to create per event.
 * Not thread-safe; not for cryptography.
 */
public final class EventRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;
    private double spareGaussian = Double.NaN;

    public EventRandom(long seed, long eventId, long stream) {
        this.state = mix64(mix64(mix64(seed) + eventId) + stream);
    }

    /** The SplitMix64 finaliser (variant 13 of Stafford's mixers): a bijective scramble of 64 bits. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, bound); the modulo bias, bound / 2^64, is negligible for small bounds. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    public boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal (Marsaglia's polar method). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        return u * f;
    }

    public double gaussian(double mean, double sigma) {
        return mean + sigma * nextGaussian();
    }

    /** Exponential with the given mean. */
    public double exponential(double mean) {
        return -mean * Math.log1p(-nextDouble());
    }
}
