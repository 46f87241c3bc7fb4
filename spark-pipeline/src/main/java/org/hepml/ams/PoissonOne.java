package org.hepml.ams;

import org.hepml.random.RandomStreams;

/** Poisson(1) multiplicities by inversion of the cumulative distribution, keyed by (seed, event, resample). */
public final class PoissonOne {
    private static final double[] CDF = new double[20];

    static {
        double p = Math.exp(-1);
        double c = 0;
        for (int k = 0; k < CDF.length; k++) {
            c += p;
            CDF[k] = c;
            p /= k + 1;
        }
    }

    private PoissonOne() {}

    /** The smallest k with P(X ≤ k) > u, for u uniform in [0, 1). */
    public static int fromUniform(double u) {
        int k = 0;
        while (k < CDF.length - 1 && u >= CDF[k]) {
            k++;
        }
        return k;
    }

    /** How many times event {@code eventId} is counted in resample {@code resample}. */
    public static int multiplicity(long seed, long eventId, int resample) {
        return fromUniform(RandomStreams.poissonResample(seed, eventId, resample));
    }
}
