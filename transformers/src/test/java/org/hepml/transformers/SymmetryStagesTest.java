package org.hepml.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.PhysicsObject;
import org.hepml.event.io.EventIngest;
import org.hepml.generate.GeneratedEvents;
import org.hepml.physics.Kinematics;
import org.hepml.symmetry.SymmetryTransform;
import org.hepml.testing.SharedData;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymmetryStagesTest {
    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path tmp;

    private Dataset<Row> events(int n) {
        return GeneratedEvents.generate(spark, n, 8, 2);
    }

    private static List<Row> sorted(Dataset<Row> df) {
        return df.orderBy("EventId").collectAsList();
    }

    /** The Spark stages compute exactly what the pure-Java core defines. */
    @Test
    void fixedStagesMatchTheCore() {
        Dataset<Row> ev = events(300);
        List<Row> before = sorted(ev);
        check(
                before,
                sorted(new AzimuthalRotation().setAngle(2.5).transform(ev)),
                new SymmetryTransform(2.5, false, false));
        check(before, sorted(new ZFlip().setProbability(1).transform(ev)), new SymmetryTransform(0, true, false));
        check(
                before,
                sorted(new TransverseFlip().setProbability(1).transform(ev)),
                new SymmetryTransform(0, false, true));
        check(
                before,
                sorted(new TransverseFlip().setProbability(1).setAxis("x").transform(ev)),
                SymmetryTransform.xFlip());
        check(before, sorted(new ZFlip().setProbability(0).transform(ev)), SymmetryTransform.IDENTITY);
    }

    private static void check(List<Row> before, List<Row> after, SymmetryTransform t) {
        for (int i = 0; i < before.size(); i++) {
            for (PhysicsObject o : PhysicsObject.values()) {
                double phi = EventRows.get(before.get(i), o.phiColumn());
                assertEquals(t.phi(phi), EventRows.get(after.get(i), o.phiColumn()), 1e-12, o + " phi under " + t);
                if (o.hasEta()) {
                    double eta = EventRows.get(before.get(i), o.etaColumn().get());
                    assertEquals(
                            t.eta(eta),
                            EventRows.get(after.get(i), o.etaColumn().get()),
                            0.0);
                }
                assertEquals(
                        EventRows.get(before.get(i), o.ptColumn()), EventRows.get(after.get(i), o.ptColumn()), 0.0);
            }
        }
    }

    @Test
    void wrapAroundAtPlusMinusPi() {
        Dataset<Row> ev = events(50);
        Row r = sorted(new AzimuthalRotation().setAngle(Math.PI).transform(ev)).get(0);
        Row o = sorted(ev).get(0);
        double phi = EventRows.get(o, "PRI_lep_phi");
        double expected = phi > 0 ? phi - Math.PI : phi + Math.PI;
        assertEquals(expected, EventRows.get(r, "PRI_lep_phi"), 1e-12);
        for (Row row : sorted(new AzimuthalRotation().setSeed(3).transform(ev))) {
            for (PhysicsObject obj : PhysicsObject.values()) {
                double p = EventRows.get(row, obj.phiColumn());
                assertTrue(Double.isNaN(p) || (p > -Math.PI && p <= Math.PI), obj + " phi " + p);
            }
        }
    }

    @Test
    void randomChoicesReproduceWhateverThePartitioning() {
        Dataset<Row> ev = events(2000);
        AzimuthalRotation rot = new AzimuthalRotation().setSeed(5).setDraw(3);
        ZFlip z = new ZFlip().setSeed(5).setDraw(3);
        List<Row> one = sorted(z.transform(rot.transform(ev.repartition(1))));
        List<Row> seven = sorted(z.transform(rot.transform(ev.repartition(7))));
        assertEquals(one, seven);
        List<Row> otherDraw =
                sorted(new AzimuthalRotation().setSeed(5).setDraw(4).transform(ev));
        assertNotEquals(EventRows.get(one.get(0), "PRI_lep_phi"), EventRows.get(otherDraw.get(0), "PRI_lep_phi"));
    }

    @Test
    void randomDrawsHaveTheirDistributions() {
        Dataset<Row> ev = events(20_000);
        List<Row> before = sorted(ev);
        List<Row> flipped = sorted(new ZFlip().setProbability(0.3).setSeed(2).transform(ev));
        List<Row> rotated = sorted(new AzimuthalRotation().setSeed(2).transform(ev));
        int n = before.size();
        int flips = 0;
        int[] bins = new int[8];
        for (int i = 0; i < n; i++) {
            if (EventRows.get(flipped.get(i), "PRI_lep_eta") != EventRows.get(before.get(i), "PRI_lep_eta")) {
                flips++;
            }
            double dphi = Kinematics.deltaPhi(
                    EventRows.get(rotated.get(i), "PRI_lep_phi"), EventRows.get(before.get(i), "PRI_lep_phi"));
            bins[(int) Math.min(7, Math.floor((dphi + Math.PI) / (2 * Math.PI) * 8))]++;
        }
        assertEquals(0.3, flips / (double) n, 5 * Math.sqrt(0.3 * 0.7 / n));
        for (int b : bins) {
            assertEquals(n / 8.0, b, 5 * Math.sqrt(n / 8.0), java.util.Arrays.toString(bins));
        }
    }

    @Test
    void derivedFeaturesInvariantAndNullsKept() {
        Dataset<Row> ev = events(1000);
        Dataset<Row> moved = new TransverseFlip()
                .setSeed(1)
                .transform(new ZFlip()
                        .setSeed(1)
                        .transform(new AzimuthalRotation().setSeed(1).transform(ev)));
        assertInvariant(sorted(ev), sorted(moved));
    }

    @Test
    void derivedFeaturesInvariantOnRealEvents() {
        Path sample = SharedData.higgsSample();
        String out = tmp.resolve("real").toString();
        EventIngest.from(sample.toString()).to(out).run(spark);
        Dataset<Row> ev = spark.read().parquet(out);
        Dataset<Row> moved = new TransverseFlip()
                .setSeed(9)
                .transform(new ZFlip()
                        .setSeed(9)
                        .transform(new AzimuthalRotation().setSeed(9).transform(ev)));
        assertInvariant(sorted(ev), sorted(moved));
    }

    /** Recomputed DER_ features, pT, |Δφ| between objects: unchanged; absent jets stay absent. */
    private static void assertInvariant(List<Row> before, List<Row> after) {
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            Row b = before.get(i);
            Row a = after.get(i);
            double[] db = EventRows.derivedFromPrimaries(b);
            double[] da = EventRows.derivedFromPrimaries(a);
            boolean backToBack =
                    Math.abs(Math.sin(EventRows.get(b, "PRI_tau_phi") - EventRows.get(b, "PRI_lep_phi"))) < 1e-9;
            for (int k = 0; k < db.length; k++) {
                if (k == 11 && backToBack) {
                    continue;
                }
                assertEquals(Double.isNaN(db[k]), Double.isNaN(da[k]));
                if (!Double.isNaN(db[k])) {
                    assertEquals(db[k], da[k], 1e-9 * Math.max(1, Math.abs(db[k])), "DER " + k);
                }
            }
            for (PhysicsObject o : PhysicsObject.values()) {
                assertEquals(
                        Double.isNaN(EventRows.get(b, o.phiColumn())), Double.isNaN(EventRows.get(a, o.phiColumn())));
            }
            assertEquals(
                    Math.abs(Kinematics.deltaPhi(EventRows.get(b, "PRI_met_phi"), EventRows.get(b, "PRI_tau_phi"))),
                    Math.abs(Kinematics.deltaPhi(EventRows.get(a, "PRI_met_phi"), EventRows.get(a, "PRI_tau_phi"))),
                    1e-9);
            assertEquals(b.getAs("DER_mass_MMC"), (Object) a.getAs("DER_mass_MMC")); // DER columns are untouched
        }
    }

    @Test
    void orientationIsCanonical() {
        Dataset<Row> ev = events(500);
        List<Row> oriented = sorted(new EventOrientation().transform(ev));
        // the same events moved by any symmetry orient to the same pose
        Dataset<Row> moved = new TransverseFlip()
                .setSeed(4)
                .transform(new ZFlip()
                        .setSeed(4)
                        .transform(new AzimuthalRotation().setSeed(4).transform(ev)));
        List<Row> orientedMoved = sorted(new EventOrientation().transform(moved));
        for (int i = 0; i < oriented.size(); i++) {
            Row r = oriented.get(i);
            assertEquals(0.0, EventRows.get(r, "PRI_lep_phi"), 0.0); // exactly
            assertTrue(EventRows.get(r, "PRI_tau_phi") >= 0);
            assertTrue(EventRows.get(r, "PRI_lep_eta") >= 0);
            for (PhysicsObject o : PhysicsObject.values()) {
                assertEquals(
                        EventRows.get(r, o.phiColumn()),
                        EventRows.get(orientedMoved.get(i), o.phiColumn()),
                        1e-9,
                        o.phiColumn());
            }
        }
        assertInvariant(sorted(ev), oriented);
    }

    @Test
    void schemaErrorsNameTheColumn() {
        Dataset<Row> ev = events(10);
        IllegalArgumentException noId = assertThrows(
                IllegalArgumentException.class,
                () -> new AzimuthalRotation().transformSchema(ev.drop("EventId").schema()));
        assertTrue(noId.getMessage().contains("event id column 'EventId' not found"), noId.getMessage());
        new AzimuthalRotation().setAngle(1).transformSchema(ev.drop("EventId").schema()); // fixed: no id needed
        IllegalArgumentException none = assertThrows(
                IllegalArgumentException.class,
                () -> new ZFlip().transformSchema(ev.select("EventId", "label").schema()));
        assertTrue(none.getMessage().contains("no event momenta found"), none.getMessage());
        IllegalArgumentException orient = assertThrows(
                IllegalArgumentException.class,
                () -> new EventOrientation()
                        .transformSchema(ev.drop("PRI_tau_phi").schema()));
        assertTrue(orient.getMessage().contains("PRI_tau_phi"), orient.getMessage());
        IllegalArgumentException text = assertThrows(
                IllegalArgumentException.class,
                () -> new ZFlip()
                        .transformSchema(ev.withColumn("PRI_tau_eta", org.apache.spark.sql.functions.lit("forward"))
                                .schema()));
        assertTrue(
                text.getMessage().contains("column 'PRI_tau_eta' is string; momenta must be numeric"),
                text.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ZFlip().setProbability(1.5));
        assertThrows(IllegalArgumentException.class, () -> new TransverseFlip().setAxis("z"));
        assertThrows(IllegalArgumentException.class, () -> new AzimuthalRotation().setMode("sometimes"));
    }
}
