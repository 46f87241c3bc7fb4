package org.hepml.transformers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.cos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.PhysicsObject;
import org.hepml.generate.GeneratedEvents;
import org.hepml.persistence.SavedStages;
import org.hepml.symmetry.TestTimeGrid;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CartesianAndAugmentationTest {
    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path tmp;

    private Dataset<Row> events(int n) {
        return GeneratedEvents.generate(spark, n, 13, 2);
    }

    @Test
    void cartesianByHandAndRoundTrip() {
        Dataset<Row> ev = events(300);
        Dataset<Row> cart = new CartesianMomenta().setKeepOriginals(true).transform(ev);
        for (Row r : cart.collectAsList()) {
            for (PhysicsObject o : PhysicsObject.values()) {
                double pt = EventRows.get(r, o.ptColumn());
                double phi = EventRows.get(r, o.phiColumn());
                double px = EventRows.get(r, o.pxColumn());
                double py = EventRows.get(r, o.pyColumn());
                assertEquals(Double.isNaN(pt), Double.isNaN(px), "absent jets stay absent");
                if (Double.isNaN(pt)) {
                    continue;
                }
                assertEquals(pt, Math.hypot(px, py), 1e-9 * pt);
                assertEquals(phi, Math.atan2(py, px), 1e-12);
                if (o.hasEta()) {
                    double pz = EventRows.get(r, o.pzColumn().get());
                    assertEquals(
                            EventRows.get(r, o.etaColumn().get()),
                            Math.log(pz / pt + Math.sqrt(pz * pz / (pt * pt) + 1)),
                            1e-12);
                }
            }
        }
        List<String> cols = Arrays.asList(new CartesianMomenta().transform(ev).columns());
        assertFalse(cols.contains("PRI_tau_pt") || cols.contains("PRI_tau_eta") || cols.contains("PRI_met_phi"));
        assertTrue(cols.contains("PRI_met") && cols.contains("PRI_tau_pz") && cols.contains("PRI_met_py"));
        assertFalse(cols.contains("PRI_met_pz"));
    }

    /** Rotating Cartesian momenta equals converting the rotated polar ones. */
    @Test
    void rotationCommutesWithConversion() {
        Dataset<Row> ev = events(300);
        AzimuthalRotation rot = new AzimuthalRotation().setSeed(6);
        ZFlip z = new ZFlip().setSeed(6);
        CartesianMomenta cart = new CartesianMomenta();
        List<Row> a = cart.transform(z.transform(rot.transform(ev)))
                .orderBy("EventId")
                .collectAsList();
        List<Row> b = z.transform(rot.transform(cart.transform(ev)))
                .orderBy("EventId")
                .collectAsList();
        for (int i = 0; i < a.size(); i++) {
            for (PhysicsObject o : PhysicsObject.values()) {
                boolean absent = Double.isNaN(EventRows.get(a.get(i), o.pxColumn()));
                assertEquals(absent, Double.isNaN(EventRows.get(b.get(i), o.pxColumn())), "absent jets stay absent");
                if (absent) {
                    continue;
                }
                double scale = 1 + Math.abs(EventRows.get(a.get(i), o.pxColumn()));
                assertEquals(
                        EventRows.get(a.get(i), o.pxColumn()), EventRows.get(b.get(i), o.pxColumn()), 1e-9 * scale);
                assertEquals(
                        EventRows.get(a.get(i), o.pyColumn()), EventRows.get(b.get(i), o.pyColumn()), 1e-9 * scale);
            }
        }
    }

    @Test
    void testTimeGridRowsAndAverage() {
        Dataset<Row> ev = events(40);
        Dataset<Row> aug = new TestTimeAugmentation().transform(ev);
        assertEquals(40 * 32, aug.count());
        Row first = ev.orderBy("EventId").first();
        long id = first.getLong(0);
        List<Row> variants =
                aug.where(col("EventId").equalTo(id)).orderBy("aug_index").collectAsList();
        Set<String> poses = new HashSet<>();
        TestTimeGrid grid = new TestTimeGrid(8);
        for (Row v : variants) {
            int k = v.getInt(v.fieldIndex("aug_index"));
            assertEquals(
                    grid.decode(k).phi(EventRows.get(first, "PRI_lep_phi")), EventRows.get(v, "PRI_lep_phi"), 1e-12);
            assertEquals(grid.decode(k).eta(EventRows.get(first, "PRI_tau_eta")), EventRows.get(v, "PRI_tau_eta"), 0.0);
            poses.add(String.format("%.9f %.9f", EventRows.get(v, "PRI_lep_phi"), EventRows.get(v, "PRI_lep_eta")));
        }
        assertEquals(32, poses.size());

        // a symmetric score averages to itself; a non-symmetric one (cos φ_lep) averages out
        Dataset<Row> scored = aug.withColumn("sym", col("PRI_lep_pt").plus(col("DER_mass_vis")))
                .withColumn("asym", cos(col("PRI_lep_phi")));
        Dataset<Row> sym = new AugmentationAverage().setInputCol("sym").transform(scored.drop("asym"));
        Dataset<Row> asym = new AugmentationAverage().setInputCol("asym").transform(scored.drop("sym"));
        assertEquals(40, sym.count());
        assertFalse(Arrays.asList(sym.columns()).contains("aug_index"));
        Row s = sym.where(col("EventId").equalTo(id)).first();
        assertEquals(
                EventRows.get(first, "PRI_lep_pt") + EventRows.get(first, "DER_mass_vis"),
                EventRows.get(s, "sym"),
                1e-9);
        assertEquals(
                EventRows.get(first, "PRI_lep_phi"), EventRows.get(s, "PRI_lep_phi"), 0.0); // variant 0 = the event
        assertEquals(0.0, EventRows.get(asym.where(col("EventId").equalTo(id)).first(), "asym"), 1e-12);
    }

    @Test
    void vectorScoresAverageElementWise() {
        Dataset<Row> aug = new TestTimeAugmentation().setVariants(8).transform(events(20));
        Dataset<Row> withVec = new VectorAssembler()
                .setInputCols(new String[] {"PRI_lep_pt", "PRI_lep_phi"})
                .setOutputCol("probability")
                .transform(aug);
        Row r = new AugmentationAverage().transform(withVec).orderBy("EventId").first();
        Vector v = (Vector) r.get(r.fieldIndex("probability"));
        assertEquals(EventRows.get(r, "PRI_lep_pt"), v.apply(0), 1e-9);
        assertEquals(2, v.size());
    }

    /** Test-time augmentation around an ordinary MLlib classifier: K rows in, one averaged probability out. */
    @Test
    void servesAnMllibClassifier() {
        Dataset<Row> ev = events(3000).na().fill(0.0);
        String[] inputs = {
            "PRI_tau_px",
            "PRI_tau_py",
            "PRI_tau_pz",
            "PRI_lep_px",
            "PRI_lep_py",
            "PRI_lep_pz",
            "PRI_met_px",
            "PRI_met_py",
            "DER_mass_vis",
            "DER_mass_MMC",
            "DER_pt_h"
        };
        VectorAssembler assembler = new VectorAssembler().setInputCols(inputs).setOutputCol("features");
        CartesianMomenta cart = new CartesianMomenta();
        Dataset<Row> train = assembler.transform(cart.transform(ev));
        LogisticRegressionModel lr = new LogisticRegression().setMaxIter(30).fit(train);
        Dataset<Row> tta = assembler.transform(
                cart.transform(new TestTimeAugmentation().setVariants(8).transform(ev)));
        Dataset<Row> averaged =
                new AugmentationAverage().transform(lr.transform(tta).drop("rawPrediction", "prediction", "features"));
        assertEquals(3000, averaged.count());
        double auc = new BinaryClassificationEvaluator()
                .setRawPredictionCol("probability")
                .evaluate(averaged);
        assertTrue(auc > 0.6, "AUC with test-time augmentation " + auc);
        Row r = averaged.orderBy("EventId").first();
        Vector p = (Vector) r.get(r.fieldIndex("probability"));
        assertEquals(1.0, p.apply(0) + p.apply(1), 1e-9); // the mean of probability vectors is one
    }

    @Test
    void augmentationErrors() {
        Dataset<Row> ev = events(5);
        assertThrows(IllegalArgumentException.class, () -> new TestTimeAugmentation().setVariants(6));
        Dataset<Row> aug = new TestTimeAugmentation().setVariants(4).transform(ev);
        IllegalArgumentException twice = assertThrows(
                IllegalArgumentException.class, () -> new TestTimeAugmentation().transformSchema(aug.schema()));
        assertTrue(twice.getMessage().contains("'aug_index' exists already"), twice.getMessage());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class, () -> new AugmentationAverage().transformSchema(aug.schema()));
        assertTrue(missing.getMessage().contains("column 'probability' not found"), missing.getMessage());
        assertEquals(5, new TestTimeAugmentation().setVariants(1).transform(ev).count());
    }

    /** Every stage saves and loads, alone and inside a PipelineModel, and gives the same output. */
    /**
     * Test-time augmentation around any fitted model, as one PipelineModel: the stages by hand, and saved and loaded.
     */
    @Test
    void aroundAnyModelIsTheStagesByHandAndPersists() throws Exception {
        Dataset<Row> ev = events(400).na().fill(0.0);
        String[] inputs = {"PRI_tau_px", "PRI_tau_py", "PRI_lep_px", "PRI_lep_py", "PRI_met_px", "DER_mass_vis"};
        PipelineModel scorer = new Pipeline()
                .setStages(new PipelineStage[] {
                    new CartesianMomenta(),
                    new VectorAssembler().setInputCols(inputs).setOutputCol("features"),
                    new LogisticRegression().setMaxIter(10)
                })
                .fit(ev);
        PipelineModel tta = TestTimeAugmentation.around(scorer, 8);
        List<Row> byHand = new AugmentationAverage()
                .transform(scorer.transform(
                        new TestTimeAugmentation().setVariants(8).transform(ev)))
                .select("EventId", "probability")
                .orderBy("EventId")
                .collectAsList();
        List<Row> wrapped = tta.transform(ev)
                .select("EventId", "probability")
                .orderBy("EventId")
                .collectAsList();
        assertEquals(byHand, wrapped);
        String path = tmp.resolve("tta-around").toString();
        tta.write().save(path);
        assertEquals(
                wrapped,
                PipelineModel.load(path)
                        .transform(ev)
                        .select("EventId", "probability")
                        .orderBy("EventId")
                        .collectAsList());
    }

    @Test
    void persistenceRoundTrip() throws Exception {
        Dataset<Row> ev = events(100);
        PipelineStage[] stages = {
            new EventOrientation(),
            new AzimuthalRotation().setSeed(77).setDraw(2),
            new ZFlip().setProbability(0.25).setSeed(3),
            new TransverseFlip().setAxis("x").setSeed(4),
            new CartesianMomenta().setKeepOriginals(true),
            new TestTimeAugmentation().setVariants(8),
        };
        PipelineModel model = new Pipeline().setStages(stages).fit(ev);
        String path = tmp.resolve("pipeline").toString();
        model.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        List<Row> expected = model.transform(ev).orderBy("EventId", "aug_index").collectAsList();
        assertEquals(
                expected, loaded.transform(ev).orderBy("EventId", "aug_index").collectAsList());
        PipelineModel ours = SavedStages.loadPipelineModel(spark, path);
        assertEquals(
                expected, ours.transform(ev).orderBy("EventId", "aug_index").collectAsList());
        for (int i = 0; i < stages.length; i++) {
            assertEquals(
                    model.stages()[i].extractParamMap().toString(),
                    ours.stages()[i].extractParamMap().toString());
        }

        AzimuthalRotation rot = new AzimuthalRotation().setAngle(0.7);
        rot.save(tmp.resolve("rot").toString());
        AzimuthalRotation back = AzimuthalRotation.load(tmp.resolve("rot").toString());
        assertEquals(0.7, back.getAngle());
        assertEquals("fixed", back.getMode());
        assertEquals(rot.uid(), back.uid());
        ZFlip z = ZFlip.load(savePath(new ZFlip().setProbability(0.2).setSeed(8), "z"));
        assertEquals(0.2, z.getProbability());
        assertEquals(8L, z.getSeed());
        assertEquals(
                "x",
                TransverseFlip.load(savePath(new TransverseFlip().setAxis("x"), "t"))
                        .getAxis());
        assertEquals(
                true,
                CartesianMomenta.load(savePath(new CartesianMomenta().setKeepOriginals(true), "c"))
                        .getKeepOriginals());
        assertEquals(
                4,
                TestTimeAugmentation.load(savePath(new TestTimeAugmentation().setVariants(4), "a"))
                        .getVariants());
        assertEquals(
                "score",
                AugmentationAverage.load(savePath(new AugmentationAverage().setInputCol("score"), "g"))
                        .getInputCol());
        EventOrientation.load(savePath(new EventOrientation(), "o"));
    }

    private String savePath(org.apache.spark.ml.util.MLWritable stage, String name) throws Exception {
        String p = tmp.resolve(name).toString();
        stage.save(p);
        return p;
    }
}
