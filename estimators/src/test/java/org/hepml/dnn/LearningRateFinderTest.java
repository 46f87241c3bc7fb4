package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateFinderTest {
    @Test
    void sweepsGeometricallyFindsAFallAndStopsAtDivergence() {
        MemberData d = ToyMemberData.split(6, 6000, 1)[0];
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
}
