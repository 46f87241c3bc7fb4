package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureScalerTest {
    private static final List<String> NAMES = List.of("DER_x", "PRI_tau_px", "PRI_tau_py", "PRI_tau_pz");

    /** A scalar is standardised (NaN skipped); the tau's three components share one RMS factor, no shift. */
    @Test
    void byHand() {
        double[] x = {1, 3, 4, 0, 3, 0, 0, 5, Double.NaN, 1, 1, 1};
        FeatureScaler s = FeatureScaler.fit(x, 4, MomentumSlots.of(NAMES));
        double rms = Math.sqrt((9 + 16 + 25 + 1 + 1 + 1) / 9.0);
        assertArrayEquals(new double[] {2, 0, 0, 0}, s.shift(), 0);
        assertArrayEquals(new double[] {1, rms, rms, rms}, s.scale(), 1e-15);
        assertArrayEquals(
                new float[] {-1f, (float) (3 / rms), (float) (4 / rms), 0f},
                java.util.Arrays.copyOf(s.transform(x), 4),
                1e-7f);
        assertArrayEquals(new float[] {0f}, new float[] {s.transform(x)[8]}); // missing -> 0
    }

    /** Moments gathered in parts and merged (as partitions are) give the scaler of the whole. */
    @Test
    void mergedMomentsGiveTheWholeScaler() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        double[] x = new double[4 * 1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.05 ? Double.NaN : 10 * r.nextGaussian() + (i % 4 == 0 ? 50 : 0);
        }
        FeatureScaler whole = FeatureScaler.fit(x, 4, MomentumSlots.of(NAMES));
        FeatureScaler.Moments a = new FeatureScaler.Moments(4).add(java.util.Arrays.copyOfRange(x, 0, 4 * 300), 300);
        FeatureScaler.Moments b =
                new FeatureScaler.Moments(4).add(java.util.Arrays.copyOfRange(x, 4 * 300, x.length), 700);
        FeatureScaler merged = FeatureScaler.fit(a.merge(b), MomentumSlots.of(NAMES));
        assertArrayEquals(whole.shift(), merged.shift(), 1e-12);
        assertArrayEquals(whole.scale(), merged.scale(), 1e-12);
    }
}
