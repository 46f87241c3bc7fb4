package org.hepml.ams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AmsTest {
    @Test
    void formulaAgainstHandComputedValues() {
        // reference values evaluated independently: sqrt(2((s+b+10) ln(1+s/(b+10)) − s))
        assertEquals(0.31116547960072377, Ams.ams(1, 0, 10), 1e-13);
        assertEquals(0.9395373741960071, Ams.ams(10, 100, 10), 1e-13);
        assertEquals(2.494508101570012, Ams.ams(500, 40000, 10), 1e-10); // the formula cancels: log1p vs log(1+x)
        assertEquals(9.126614013567705, Ams.ams(276.796, 821.9997, 10), 1e-10);
        assertEquals(0.0, Ams.ams(0, 50, 10));
        // s ≪ b: AMS → s / sqrt(b)
        assertEquals(10 / Math.sqrt(1e8), Ams.ams(10, 1e8, 10), 1e-6 * 10 / Math.sqrt(1e8));
        assertThrows(IllegalArgumentException.class, () -> Ams.ams(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Ams.ams(-1, 1, 10));
    }

    @Test
    void scanEqualsBruteForceOverEveryCut() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 600;
        double[] scores = new double[n];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextDouble() < 0.35 ? 1 : 0;
            scores[i] = Math.round((labels[i] == 1 ? 0.3 : 0) + 0.7 * r.nextDouble() * 100) / 100.0; // ties on purpose
            weights[i] = labels[i] == 1 ? 0.01 * r.nextDouble() : 2 * r.nextDouble();
        }
        SortedScores ev = SortedScores.of(scores, labels, weights, null);
        double bestAms = -1;
        double bestCut = Double.NaN;
        TreeSet<Double> cuts = new TreeSet<>();
        for (double s : scores) {
            cuts.add(s);
        }
        for (double c : cuts.descendingSet()) {
            double s = 0;
            double b = 0;
            for (int i = 0; i < n; i++) {
                if (scores[i] >= c) {
                    if (labels[i] == 1) {
                        s += weights[i];
                    } else {
                        b += weights[i];
                    }
                }
            }
            double a = Ams.ams(50 * s, 3 * b, 10);
            if (a > bestAms) {
                bestAms = a;
                bestCut = c;
            }
            assertEquals(a, AmsScan.at(ev, c, 50, 3, 10), 1e-9);
        }
        AmsScan.Best best = AmsScan.best(ev, 50, 3, 10, null);
        assertEquals(bestAms, best.ams(), 1e-9);
        assertEquals(bestCut, best.cut());
        assertEquals(cuts.size(), ev.groups());
    }

    @Test
    void tiedEventsAreSelectedTogether() {
        // a signal and a background event share the top score: no cut takes one without the other
        SortedScores ev =
                SortedScores.of(new double[] {0.9, 0.9, 0.5}, new double[] {1, 0, 1}, new double[] {5, 100, 1}, null);
        assertEquals(2, ev.groups());
        AmsScan.Best best = AmsScan.best(ev, 1, 1, 10, null);
        assertEquals(Math.max(Ams.ams(5, 100, 10), Ams.ams(6, 100, 10)), best.ams(), 1e-12);
        assertEquals(0.5, best.cut());
    }

    @Test
    void bootstrapIsReproducibleAndSensible() {
        SortedScores ev = randomSet(5000, 11);
        BootstrapMeanCut boot = new BootstrapMeanCut(64, 7, 10, Resampling.MULTINOMIAL);
        BootstrapResult a = boot.run(ev, 20, 20);
        BootstrapResult b = boot.run(ev, 20, 20);
        assertArrayEquals(a.resampleCuts(), b.resampleCuts());
        assertArrayEquals(a.resampleAms(), b.resampleAms());
        BootstrapResult other = new BootstrapMeanCut(64, 8, 10, Resampling.MULTINOMIAL).run(ev, 20, 20);
        assertNotEquals(a.meanCut(), other.meanCut());
        // each resample's maximum is a maximum: the overall max is at least the AMS at the mean cut
        assertTrue(a.amsMax() >= a.amsAtMeanCut());
        assertTrue(a.amsStd() > 0 && a.cutStd() > 0);
        assertTrue(a.meanCut() > 0 && a.meanCut() < 1);
        // the resamples scatter around the whole set's maximum
        assertEquals(a.amsMax(), a.amsMean(), 4 * a.amsStd() + 0.3);
    }

    @Test
    void multiplicities() {
        SortedScores ev = randomSet(20_000, 5);
        BootstrapMeanCut multinomial = new BootstrapMeanCut(4, 1, 10, Resampling.MULTINOMIAL);
        int total = 0;
        for (int m : multinomial.multiplicities(ev, 0)) {
            total += m;
        }
        assertEquals(20_000, total); // n draws with replacement
        int[] p = new BootstrapMeanCut(4, 1, 10, Resampling.POISSON).multiplicities(ev, 0);
        double mean = 0;
        double zeros = 0;
        for (int m : p) {
            mean += m;
            zeros += m == 0 ? 1 : 0;
        }
        assertEquals(1.0, mean / p.length, 0.03); // Poisson(1): mean 1, P(0) = 1/e
        assertEquals(Math.exp(-1), zeros / p.length, 0.015);
        assertEquals(PoissonOne.multiplicity(1, 123, 4), PoissonOne.multiplicity(1, 123, 4));
        assertEquals(0, PoissonOne.fromUniform(0.0));
        assertEquals(1, PoissonOne.fromUniform(0.5));
        assertEquals(2, PoissonOne.fromUniform(0.8));
    }

    @Test
    void degenerateSetsAreClearErrors() {
        SortedScores oneClass =
                SortedScores.of(new double[] {0.1, 0.2}, new double[] {0, 0}, new double[] {1, 1}, null);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new BootstrapMeanCut(8, 1, 10, Resampling.MULTINOMIAL).run(oneClass, 1, 1));
        assertTrue(e.getMessage().contains("all 2 events are background"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> SortedScores.of(new double[0], new double[0], new double[0], null));
        assertThrows(
                IllegalArgumentException.class,
                () -> SortedScores.of(new double[] {0.1}, new double[] {1}, new double[] {-1}, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> SortedScores.of(new double[] {Double.NaN}, new double[] {1}, new double[] {1}, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> SortedScores.of(new double[] {0.5}, new double[] {2}, new double[] {1}, null));
        // all events at one score: one candidate cut, a finite result
        SortedScores flat =
                SortedScores.of(new double[] {0.5, 0.5, 0.5}, new double[] {1, 0, 1}, new double[] {1, 1, 1}, null);
        BootstrapResult r = new BootstrapMeanCut(16, 1, 10, Resampling.MULTINOMIAL).run(flat, 1, 1);
        assertEquals(0.5, r.meanCut());
        assertTrue(Double.isFinite(r.amsMean()) && Double.isFinite(r.amsStd()));
    }

    @Test
    void curveIsDownsampledAndDescending() {
        SortedScores ev = randomSet(10_000, 2);
        double[][] c = AmsScan.curve(ev, 1, 1, 10, 500);
        assertTrue(c[0].length <= 500 && c[0].length >= 400, "points " + c[0].length);
        for (int i = 1; i < c[0].length; i++) {
            assertTrue(c[0][i] < c[0][i - 1]);
        }
    }

    static SortedScores randomSet(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] scores = new double[n];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextDouble() < 0.34 ? 1 : 0;
            double x = labels[i] == 1 ? 0.65 + 0.2 * r.nextGaussian() : 0.35 + 0.2 * r.nextGaussian();
            scores[i] = Math.min(1, Math.max(0, x));
            weights[i] = labels[i] == 1 ? 0.002 : 1.5;
        }
        return SortedScores.of(scores, labels, weights, null);
    }
}
