package org.hepml.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.hepml.event.io.CsvHeader;
import org.hepml.event.io.EventFileFormat;
import org.hepml.event.io.EventFiles;
import org.hepml.event.io.EventLineParser;
import org.hepml.generate.ToyHiggsGenerator;
import org.hepml.physics.DerivedFeatures;
import org.hepml.physics.Kinematics;
import org.hepml.physics.PrimaryFeatures;
import org.hepml.random.EventRandom;
import org.hepml.testing.SharedData;
import org.junit.jupiter.api.Test;

class SymmetryTransformTest {
    private static final double PI = Math.PI;

    @Test
    void handComputedValues() {
        SymmetryTransform rot = new SymmetryTransform(0.2, false, false);
        assertEquals(-PI + 0.1, rot.phi(PI - 0.1), 1e-12); // wraps across ±π
        assertEquals(PI, new SymmetryTransform(PI / 2, false, false).phi(PI / 2), 1e-15);
        assertEquals(-1.5, new SymmetryTransform(0, true, false).eta(1.5));
        assertEquals(-0.7, new SymmetryTransform(0, false, true).phi(0.7));
        assertArrayEquals(new float[] {0, 1}, pxPy(new SymmetryTransform(PI / 2, false, false), 1, 0), 1e-7f);
        // y-flip first, then the rotation: (0, 1) → (0, −1) → (1, 0)
        assertArrayEquals(new float[] {1, 0}, pxPy(new SymmetryTransform(PI / 2, false, true), 0, 1), 1e-7f);
        // py comes from the original px, not a half-rotated one: (3, 4) by π/2 is (−4, 3)
        assertArrayEquals(new float[] {-4, 3}, pxPy(new SymmetryTransform(PI / 2, false, false), 3, 4), 1e-6f);
    }

    @Test
    void xFlipIsTheYFlipThenAHalfTurn() {
        SymmetryTransform x = SymmetryTransform.xFlip();
        assertEquals(PI - 0.3, x.phi(0.3), 1e-12);
        assertEquals(-PI + 0.3, x.phi(-0.3), 1e-12); // π − (−0.3) = π + 0.3, wrapped to −π + 0.3
        assertArrayEquals(new float[] {-2, 5}, pxPy(x, 2, 5), 1e-6f);
    }

    /** (px, py) of one object through {@link SymmetryTransform#applyToRow}, the path the networks' inputs take. */
    private static float[] pxPy(SymmetryTransform t, float px, float py) {
        float[] row = {px, py};
        t.applyToRow(row, 0, new int[] {0}, new int[] {1}, new int[] {-1});
        return row;
    }

    @Test
    void missingValuesStayMissing() {
        SymmetryTransform t = new SymmetryTransform(1.0, true, true);
        assertTrue(Double.isNaN(t.phi(Double.NaN)));
        assertTrue(Double.isNaN(t.eta(Double.NaN)));
        float[] row = {Float.NaN, Float.NaN, Float.NaN};
        t.applyToRow(row, 0, new int[] {0}, new int[] {1}, new int[] {2});
        assertTrue(Float.isNaN(row[0]) && Float.isNaN(row[1]) && Float.isNaN(row[2]));
    }

    @Test
    void polarAndCartesianAgree() {
        EventRandom r = new EventRandom(4, 0, 0);
        for (int i = 0; i < 1000; i++) {
            SymmetryTransform t = new SymmetryTransform(r.uniform(0, 2 * PI), r.chance(0.5), r.chance(0.5));
            double pt = r.uniform(1, 200);
            double eta = r.uniform(-3, 3);
            double phi = r.uniform(-PI, PI);
            // Cartesian as the networks' rows hold it (float), polar as values
            float[] row = {(float) (pt * Math.cos(phi)), (float) (pt * Math.sin(phi)), (float) (pt * Math.sinh(eta))};
            t.applyToRow(row, 0, new int[] {0}, new int[] {1}, new int[] {2});
            double phiT = t.phi(phi);
            double etaT = t.eta(eta);
            assertEquals(pt * Math.cos(phiT), row[0], 1e-6 * pt);
            assertEquals(pt * Math.sin(phiT), row[1], 1e-6 * pt);
            assertEquals(pt * Math.sinh(etaT), row[2], 1e-6 * pt * Math.cosh(eta));
            assertEquals(Math.hypot(row[0], row[1]), pt, 1e-6 * pt);
        }
    }

    /** Every DER_ feature, every pair mass and every |Δφ|, ΔR is unchanged by every transform of the grid. */
    @Test
    void derivedFeaturesAreInvariantOnToyEvents() {
        ToyHiggsGenerator gen = new ToyHiggsGenerator(17, 400);
        List<double[]> events = new ArrayList<>();
        for (long i = 0; i < 400; i++) {
            Object[] row = gen.row(i);
            double[] pri = new double[17];
            for (int k = 0; k < 17; k++) {
                pri[k] = row[14 + k] == null ? Double.NaN : (Double) row[14 + k];
            }
            events.add(pri);
        }
        assertInvariant(events, new TestTimeGrid(8).transforms());
        EventRandom r = new EventRandom(5, 5, 5);
        List<SymmetryTransform> random = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            random.add(new SymmetryTransform(r.uniform(0, 2 * PI), r.chance(0.5), r.chance(0.5)));
        }
        random.add(SymmetryTransform.xFlip());
        assertInvariant(events, random);
    }

    @Test
    void derivedFeaturesAreInvariantOnRealEvents() throws Exception {
        Path sample = SharedData.higgsSample();
        List<double[]> events = new ArrayList<>();
        try (BufferedReader r = EventFiles.open(sample.toString(), new Configuration())) {
            EventLineParser p =
                    new EventLineParser(CsvHeader.parse(r.readLine(), sample.toString()), EventFileFormat.CERN);
            for (String line = r.readLine(); line != null && events.size() < 3000; line = r.readLine()) {
                Object[] v = p.parse(line);
                double[] pri = new double[17];
                for (int k = 0; k < 17; k++) {
                    pri[k] = v[14 + k] == null ? Double.NaN : (Double) v[14 + k];
                }
                events.add(pri);
            }
        }
        assertInvariant(events, new TestTimeGrid(8).transforms());
    }

    private static void assertInvariant(List<double[]> events, List<SymmetryTransform> transforms) {
        for (double[] pri : events) {
            double[] before = DerivedFeatures.compute(PrimaryFeatures.fromArray(pri));
            for (SymmetryTransform t : transforms) {
                double[] after = DerivedFeatures.compute(PrimaryFeatures.fromArray(transform(pri, t)));
                for (int k = 0; k < before.length; k++) {
                    if (k == 11 && Math.abs(Math.sin(pri[2] - pri[5])) < 1e-9) {
                        continue; // met-φ centrality: its orientation is undefined for exactly back-to-back tau and
                        // lepton
                    }
                    assertEquals(Double.isNaN(before[k]), Double.isNaN(after[k]));
                    if (!Double.isNaN(before[k])) {
                        assertEquals(
                                before[k],
                                after[k],
                                1e-9 * Math.max(1, Math.abs(before[k])),
                                "DER " + k + " under " + t);
                    }
                }
                double[] moved = transform(pri, t);
                assertEquals(
                        Math.abs(Kinematics.deltaPhi(pri[2], pri[5])),
                        Math.abs(Kinematics.deltaPhi(moved[2], moved[5])),
                        1e-9);
                // every pair of the four objects with η (tau, lepton, leading and subleading jet): mass and ΔR
                int[][] obj = {{0, 1, 2}, {3, 4, 5}, {10, 11, 12}, {13, 14, 15}}; // (pt, eta, phi) slots
                for (int a = 0; a < obj.length; a++) {
                    for (int b = a + 1; b < obj.length; b++) {
                        if (Double.isNaN(pri[obj[b][0]]) || Double.isNaN(pri[obj[a][0]])) {
                            continue;
                        }
                        double m0 = Kinematics.masslessPairMass(
                                pri[obj[a][0]],
                                pri[obj[a][1]],
                                pri[obj[a][2]],
                                pri[obj[b][0]],
                                pri[obj[b][1]],
                                pri[obj[b][2]]);
                        double m1 = Kinematics.masslessPairMass(
                                moved[obj[a][0]],
                                moved[obj[a][1]],
                                moved[obj[a][2]],
                                moved[obj[b][0]],
                                moved[obj[b][1]],
                                moved[obj[b][2]]);
                        assertEquals(m0, m1, 1e-9 * Math.max(1, m0), "pair mass " + a + "," + b);
                        assertEquals(
                                Kinematics.deltaR(pri[obj[a][1]], pri[obj[a][2]], pri[obj[b][1]], pri[obj[b][2]]),
                                Kinematics.deltaR(
                                        moved[obj[a][1]], moved[obj[a][2]], moved[obj[b][1]], moved[obj[b][2]]),
                                1e-9);
                    }
                }
            }
        }
    }

    /** The 17 primaries after a transform: η and φ of tau, lepton, jets; φ of met. */
    static double[] transform(double[] pri, SymmetryTransform t) {
        double[] out = pri.clone();
        int[] etas = {1, 4, 11, 14};
        int[] phis = {2, 5, 7, 12, 15};
        for (int i : etas) {
            out[i] = t.eta(pri[i]);
        }
        for (int i : phis) {
            out[i] = t.phi(pri[i]);
        }
        return out;
    }

    @Test
    void gridOf32IsThirtyTwoDistinctSymmetries() {
        TestTimeGrid grid = new TestTimeGrid(8);
        assertEquals(32, grid.size());
        Set<String> actions = new HashSet<>();
        for (SymmetryTransform t : grid.transforms()) {
            // where a probe object at (η, φ) = (0.4, 0.3) lands identifies the transform
            actions.add(String.format("%.9f,%.9f", t.eta(0.4), t.phi(0.3)));
        }
        assertEquals(32, actions.size());
        // stride: k = 9 is rotation 1 (π/4) with the z flip; k = 17 rotation 1 with the transverse flip
        assertEquals(new SymmetryTransform(PI / 4, true, false), grid.decode(9));
        assertEquals(new SymmetryTransform(PI / 4, false, true), grid.decode(17));
        assertEquals(8, TestTimeGrid.ofSize(8).size());
        assertEquals(PI, TestTimeGrid.ofSize(8).get(1).rotation(), 1e-15);
        assertEquals(List.of(SymmetryTransform.IDENTITY), TestTimeGrid.ofSize(1));
        assertThrows(IllegalArgumentException.class, () -> TestTimeGrid.ofSize(6));
        assertThrows(IndexOutOfBoundsException.class, () -> grid.decode(32));
    }

    /** Averaging a symmetric function over the grid gives the function itself; a non-symmetric one averages out. */
    @Test
    void averagingOverTheGrid() {
        double[] pri = {
            40,
            0.5,
            1.0,
            30,
            -0.8,
            -2.0,
            25,
            0.2,
            180,
            0,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            0
        };
        double symmetric = 0;
        double cosPhiLep = 0;
        double etaTau = 0;
        List<SymmetryTransform> grid = new TestTimeGrid(8).transforms();
        for (SymmetryTransform t : grid) {
            double[] moved = transform(pri, t);
            symmetric += DerivedFeatures.compute(PrimaryFeatures.fromArray(moved))[2]; // m_vis
            cosPhiLep += Math.cos(moved[5]);
            etaTau += moved[1];
        }
        assertEquals(DerivedFeatures.compute(PrimaryFeatures.fromArray(pri))[2], symmetric / grid.size(), 1e-9);
        assertEquals(0.0, cosPhiLep / grid.size(), 1e-12); // not a symmetric function: the grid averages it out
        assertEquals(0.0, etaTau / grid.size(), 1e-12);
    }
}
