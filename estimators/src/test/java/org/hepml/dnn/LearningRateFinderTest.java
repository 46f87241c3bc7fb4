package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateFinderTest {
    /**
     * Events labelled by a linear cut on two features: the loss can fall far (to ~0.1) before the rate grows too
     * large, so divergence is a clear 4-fold rise. On the toy's overlapping classes the loss falls only to ~0.48 and,
     * since the saturated wrong rows keep a gradient back, oscillates at ~0.7-0.9 at rates up to 10 without a
     * 4-fold rise.
     */
    private static MemberData separable(int n) {
        int f = 30;
        java.util.SplittableRandom r = new java.util.SplittableRandom(6);
        float[] x = new float[n * f];
        float[] jets = new float[n];
        float[] y = new float[n];
        float[] w = new float[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < f; k++) {
                x[i * f + k] = (float) r.nextGaussian();
            }
            jets[i] = r.nextInt(NetworkSpec.JET_CATEGORIES);
            y[i] = x[i * f] + 0.5f * x[i * f + 1] > 0 ? 1 : 0;
            w[i] = 1;
            ids[i] = i;
        }
        return new MemberData(x, f, jets, y, w, ids);
    }

    @Test
    void sweepsGeometricallyFindsAFallAndStopsAtDivergence() {
        MemberData d = separable(6000);
        NetworkSpec spec = new NetworkSpec(30, 16, 2, true, "swish", true, 3);
        LearningRateFinder.Curve c = LearningRateFinder.run(d, spec, 32, 1e-5, 10, 1, null);
        double[] lr = c.learningRate();
        assertEquals(1e-5, lr[0], 1e-12);
        // geometric: a constant ratio between steps
        double ratio = lr[1] / lr[0];
        for (int i = 2; i < lr.length; i++) {
            assertEquals(ratio, lr[i] / lr[i - 1], 1e-9 * ratio);
        }
        assertTrue(c.diverged(), "a sweep to 10 should diverge; last lr " + lr[lr.length - 1]);
        assertTrue(lr.length < 6000 / 32, "stopped early at divergence");
        double minSmoothed = java.util.Arrays.stream(c.smoothedLoss()).min().getAsDouble();
        assertTrue(minSmoothed < c.smoothedLoss()[5] - 0.05, "the loss falls somewhere in the sweep");
        assertTrue(c.suggested() > 1e-5 && c.suggested() < lr[lr.length - 1] / 10, "suggested " + c.suggested());
        // the suggestion is a tenth of the rate at the smoothed minimum
        int at = 0;
        for (int i = 0; i < lr.length; i++) {
            if (c.smoothedLoss()[i] < c.smoothedLoss()[at]) {
                at = i;
            }
        }
        assertEquals(lr[at] / 10, c.suggested(), 1e-15);
    }

    @Test
    void aSweepOfFewerThanTenStepsIsTheRawLoss() {
        // 200 rows in batches of 32: 6 steps, too few to smooth (hepml demo --events 2000 --epochs 1 ran 5 and got
        // an infinite smoothed loss at every other step)
        LearningRateFinder.Curve c = LearningRateFinder.run(
                separable(200), new NetworkSpec(30, 8, 1, true, "swish", true, 3), 32, 1e-5, 1e-3, 1, null);
        assertEquals(6, c.learningRate().length);
        assertTrue(!c.diverged());
        for (int i = 0; i < 6; i++) {
            assertEquals(c.loss()[i], c.smoothedLoss()[i], 0, "step " + i);
        }
    }
}
