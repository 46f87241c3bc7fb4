package org.hepml.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hepml.ams.Ams;
import org.hepml.dnn.LearningRateFinder;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

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

    /** A sweep that diverged to an infinite loss still plots: the infinite and NaN points are left out. */
    @Test
    void aDivergedLearningRateSweepPlotsItsFinitePoints() {
        LearningRateFinder.Curve curve = new LearningRateFinder.Curve(
                new double[] {1e-4, 1e-3, 1e-2, 1e-1},
                new double[] {0.7, 0.5, 3.0, Double.POSITIVE_INFINITY},
                new double[] {0.7, 0.6, 1.5, Double.NaN},
                1e-4,
                true);
        XYChart c = Plots.learningRate(curve);
        assertEquals(3, c.getSeriesMap().get("loss").getXData().length);
        assertEquals(3, c.getSeriesMap().get("smoothed").getXData().length);
        // XChart refuses to paint a series holding an infinity (it threw here before the points were filtered)
        assertDoesNotThrow(() -> BitmapEncoder.getBufferedImage(c));
    }
}
