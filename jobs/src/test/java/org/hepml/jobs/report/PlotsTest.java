package org.hepml.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.hepml.ams.Ams;
import org.junit.jupiter.api.Test;

class PlotsTest {
    /** Signal 0.9 and 0.7, background 0.8 and 0.1, all weight 1; totals 2 signal and 20 background (×1, ×10). */
    @Test
    void amsBySelectionByHand() {
        double[][] c = Plots.amsBySelection(
                new double[] {0.1, 0.9, 0.7, 0.8},
                new double[] {0, 1, 1, 0},
                new double[] {1, 1, 1, 1},
                2,
                20,
                0.75,
                400);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75}, c[0], 1e-15);
        assertArrayEquals(new double[] {Ams.ams(1, 0, 10), Ams.ams(1, 10, 10), Ams.ams(2, 10, 10)}, c[1], 1e-15);
    }
}
