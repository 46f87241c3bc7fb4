package org.hepml.estimators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.PhysicsObject;
import org.hepml.generate.GeneratedEvents;
import org.hepml.persistence.SavedStages;
import org.hepml.testing.SparkTestSession;
import org.hepml.transformers.CartesianMomenta;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnnEnsembleClassifierTest {
    private static final SparkSession SPARK = SparkTestSession.get();
    private static Dataset<Row> train;
    private static Dataset<Row> test;
    private static DnnEnsembleModel model;

    @TempDir
    Path tmp;

    static Dataset<Row> prepared(Dataset<Row> events) {
        Dataset<Row> cart = new CartesianMomenta().transform(events);
        return new VectorAssembler()
                .setInputCols(ReferencePipeline.inputs())
                .setOutputCol("features")
                .setHandleInvalid("keep")
                .transform(cart);
    }

    static DnnEnsembleClassifier small() {
        return new DnnEnsembleClassifier()
                .setMembers(3)
                .setWidth(16)
                .setDepth(2)
                .setEpochs(12)
                .setBatchSize(128)
                .setSeed(5)
                .setTestTimeAugmentation(8);
    }

    @BeforeAll
    static void fitOnce() {
        Dataset<Row> all = prepared(GeneratedEvents.generate(SPARK, 4000, 21, 2));
        train = all.where(col("EventId").lt(103_000));
        test = all.where(col("EventId").geq(103_000));
        model = small().fit(train);
    }

    @Test
    void learnsAndWritesMllibColumns() {
        Dataset<Row> scored = model.transform(test);
        assertEquals(1000, scored.count());
        double auc = new BinaryClassificationEvaluator().evaluate(scored);
        assertTrue(auc > 0.83, "AUC " + auc); // 0.865 measured; 4 epochs instead of 12 gave 0.74 (underfit)
        Row r = scored.first();
        Vector p = (Vector) r.getAs("probability");
        assertEquals(1.0, p.apply(0) + p.apply(1), 1e-6);
        assertEquals(p.apply(1) >= 0.5 ? 1.0 : 0.0, (Double) r.getAs("prediction"));
        assertEquals(3, model.ensembleWeights().length);
        assertEquals(1.0, Arrays.stream(model.ensembleWeights()).sum(), 1e-12);
        assertEquals(3 * 12, model.trainingLog().size()); // every member, every epoch
        // the classifier's mini-batch size (128 here) is not the model's inference batch (it was, by copyValues)
        assertEquals(4096, model.getScoringBatchSize());
        // what Spark Connect's model cache budgets: the members' float parameters, plus the scaler and weights
        long params = new org.hepml.dnn.NetworkSpec(model.featureNames().size(), 16, 2, true, "swish", true, 5)
                .parameterCount();
        assertEquals(4 * 3 * params + 8 * (2 * model.featureNames().size() + 3 + 3), model.estimatedSize());
        for (int member = 0; member < 3; member++) {
            double best = Double.MAX_VALUE;
            for (double[] epoch : model.trainingLog()) {
                if (epoch[0] == member) {
                    best = Math.min(best, epoch[3]);
                }
            }
            assertEquals(model.validationLosses()[member], best, 0.0); // the kept state is the best epoch's
        }
    }

    /**
     * The same seed gives the same members whatever the partitioning (bit for bit: same validation losses, same
     * weights), and the same scores, bit for bit, however the scored events are partitioned and batched.
     */
    @Test
    void sameSeedSameModelWhateverThePartitioning() {
        DnnEnsembleModel again = small().fit(train.repartition(4));
        assertEquals(Arrays.toString(model.validationLosses()), Arrays.toString(again.validationLosses()));
        List<Row> a = model.transform(test)
                .select("EventId", "probability")
                .orderBy("EventId")
                .collectAsList();
        List<Row> b = again.transform(test.repartition(3))
                .select("EventId", "probability")
                .orderBy("EventId")
                .collectAsList();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getLong(0), b.get(i).getLong(0));
            assertEquals(((Vector) a.get(i).get(1)).apply(1), ((Vector) b.get(i).get(1)).apply(1), 0.0);
        }
        List<Row> c = again.setScoringBatchSize(77)
                .transform(test.repartition(5))
                .select("EventId", "probability")
                .orderBy("EventId")
                .collectAsList();
        assertEquals(b, c);
        assertEquals(
                model.provenance().get("trainingDataFingerprint"),
                again.provenance().get("trainingDataFingerprint"));
        DnnEnsembleModel otherSeed = small().setSeed(6).fit(train);
        assertTrue(!Arrays.equals(model.validationLosses(), otherSeed.validationLosses()));
    }

    @Test
    void saveLoadAloneAndInAPipeline() throws Exception {
        String p = tmp.resolve("model").toString();
        model.write().overwrite().save(p);
        DnnEnsembleModel back = DnnEnsembleModel.load(p);
        assertEquals(
                model.transform(test).select("probability").collectAsList(),
                back.transform(test).select("probability").collectAsList());
        assertEquals(8, back.getTestTimeAugmentation());
        assertEquals(model.provenance().toString(), back.provenance().toString());

        PipelineModel pm = new Pipeline()
                .setStages(new PipelineStage[] {
                    new CartesianMomenta(),
                    new VectorAssembler()
                            .setInputCols(ReferencePipeline.inputs())
                            .setOutputCol("features")
                            .setHandleInvalid("keep"),
                    small().setMembers(2).setEpochs(3)
                })
                .fit(GeneratedEvents.generate(SPARK, 1500, 3, 2));
        String pp = tmp.resolve("pipeline").toString();
        pm.write().overwrite().save(pp);
        Dataset<Row> events = GeneratedEvents.generate(SPARK, 300, 4, 2);
        List<Row> expected = pm.transform(events)
                .select("EventId", "probability")
                .orderBy("EventId")
                .collectAsList();
        assertEquals(
                expected,
                PipelineModel.load(pp)
                        .transform(events)
                        .select("EventId", "probability")
                        .orderBy("EventId")
                        .collectAsList());
        // hepml's loader (the CLI's: metadata read without Spark jobs) gives the same pipeline, Spark's stage included
        PipelineModel ours = SavedStages.loadPipelineModel(SPARK, pp);
        assertEquals(pm.uid(), ours.uid());
        assertTrue(ours.stages()[1] instanceof VectorAssembler);
        assertEquals(
                expected,
                ours.transform(events)
                        .select("EventId", "probability")
                        .orderBy("EventId")
                        .collectAsList());
    }

    /**
     * featuresCols reads what the assembled vector holds: trained on the columns, the members are the vector's bit for
     * bit; the scores are too, and so are those of the vector's model set to read the columns (missing values are null
     * in the columns, NaN in the vector); the param survives save and load.
     */
    @Test
    void featureColumnsReadWhatTheAssembledVectorHolds() throws Exception {
        assertTrue(test.where(col("PRI_jet_leading_px").isNull()).count() > 0, "the test events have missing jets");
        DnnEnsembleModel direct =
                small().setFeaturesCols(ReferencePipeline.inputs()).fit(train.drop("features"));
        assertEquals(model.featureNames(), direct.featureNames());
        assertEquals(Arrays.toString(model.validationLosses()), Arrays.toString(direct.validationLosses()));
        List<Row> expected = model.transform(test)
                .select("EventId", "probability", "rawPrediction")
                .orderBy("EventId")
                .collectAsList();
        Dataset<Row> columnsOnly = test.drop("features").repartition(3);
        assertEquals(
                expected,
                direct.transform(columnsOnly)
                        .select("EventId", "probability", "rawPrediction")
                        .orderBy("EventId")
                        .collectAsList());
        DnnEnsembleModel vectorModelOnColumns =
                model.copy(new org.apache.spark.ml.param.ParamMap()).setFeaturesCols(ReferencePipeline.inputs());
        assertEquals(
                expected,
                vectorModelOnColumns
                        .transform(columnsOnly)
                        .select("EventId", "probability", "rawPrediction")
                        .orderBy("EventId")
                        .collectAsList());
        String p = tmp.resolve("direct").toString();
        direct.write().overwrite().save(p);
        DnnEnsembleModel back = DnnEnsembleModel.load(p);
        assertEquals(List.of(ReferencePipeline.inputs()), List.of(back.getFeaturesCols()));
        assertEquals(
                expected,
                back.transform(columnsOnly)
                        .select("EventId", "probability", "rawPrediction")
                        .orderBy("EventId")
                        .collectAsList());
    }

    /** A wrong featuresCols is refused before any work, naming the column or the counts. */
    @Test
    void featureColumnsErrorsNameTheColumn() {
        String[] in = ReferencePipeline.inputs();
        String[] missing = in.clone();
        missing[3] = "nope";
        DnnEnsembleModel m = model.copy(new org.apache.spark.ml.param.ParamMap());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> m.setFeaturesCols(missing).transformSchema(test.schema()));
        assertTrue(e.getMessage().contains("column 'nope' not found"), e.getMessage());
        Dataset<Row> text = test.withColumn(in[2], lit("x"));
        e = assertThrows(
                IllegalArgumentException.class, () -> m.setFeaturesCols(in).transformSchema(text.schema()));
        assertTrue(
                e.getMessage().contains("feature column '" + in[2] + "' must be numeric, is string"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> m.setFeaturesCols(Arrays.copyOf(in, 29)).transformSchema(test.schema()));
        assertTrue(e.getMessage().contains("are 29, the model was trained on 30 features"), e.getMessage());
        String[] twice = in.clone();
        twice[1] = in[0];
        e = assertThrows(IllegalArgumentException.class, () -> m.setFeaturesCols(twice));
        assertTrue(
                e.getMessage().contains("param featuresCols must be distinct non-empty column names"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> small().setFeaturesCols(missing).fit(train));
        assertTrue(e.getMessage().contains("column 'nope' not found"), e.getMessage());
    }

    /** With every momentum zero, every symmetry leaves the input as it is: TTA must give the plain prediction. */
    @Test
    void testTimeAugmentationOfASymmetricInputIsThePlainPrediction() {
        Dataset<Row> events = GeneratedEvents.generate(SPARK, 200, 8, 1);
        Dataset<Row> cart = new CartesianMomenta().transform(events);
        for (PhysicsObject o : PhysicsObject.values()) {
            cart = cart.withColumn(o.pxColumn(), lit(0.0)).withColumn(o.pyColumn(), lit(0.0));
            if (o.hasEta()) {
                cart = cart.withColumn(o.pzColumn().get(), lit(0.0));
            }
        }
        Dataset<Row> in = new VectorAssembler()
                .setInputCols(ReferencePipeline.inputs())
                .setOutputCol("features")
                .setHandleInvalid("keep")
                .transform(cart);
        List<Row> plain = model.copy(new org.apache.spark.ml.param.ParamMap())
                .setTestTimeAugmentation(1)
                .transform(in)
                .select("probability")
                .collectAsList();
        List<Row> tta = model.copy(new org.apache.spark.ml.param.ParamMap())
                .setTestTimeAugmentation(32)
                .transform(in)
                .select("probability")
                .collectAsList();
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(
                    ((Vector) plain.get(i).get(0)).apply(1),
                    ((Vector) tta.get(i).get(0)).apply(1),
                    1e-6);
        }
        // on real (non-symmetric) momenta TTA does change the prediction
        assertTrue(!model.copy(new org.apache.spark.ml.param.ParamMap())
                .setTestTimeAugmentation(1)
                .transform(test)
                .select("probability")
                .collectAsList()
                .equals(model.transform(test).select("probability").collectAsList()));
    }

    /**
     * trainingMode = dataParallel: each member trained across the partitions with DL4J's parameter averaging, nothing
     * collected; it learns, records the same data fingerprint as the members mode, and saves and loads. Averaging
     * two workers' parameters moves about as far as one worker's steps, so it gets more epochs than the members mode
     * (12 epochs gave AUC 0.77 here, the members mode 0.865).
     */
    @Test
    void dataParallelModeLearnsAndRecordsItself() throws Exception {
        DnnEnsembleModel dp = small().setMembers(2)
                .setEpochs(24)
                .setTrainingMode("dataParallel")
                .setSwaStart(16)
                .fit(train.repartition(2));
        Dataset<Row> scored = dp.transform(test);
        double auc = new BinaryClassificationEvaluator().evaluate(scored);
        assertTrue(auc > 0.8, "AUC " + auc);
        assertEquals("dataParallel", dp.provenance().get("trainingMode"));
        assertEquals("members", model.provenance().get("trainingMode")); // auto picks members for small data
        assertEquals(
                model.provenance().get("trainingDataFingerprint"),
                dp.provenance().get("trainingDataFingerprint"));
        assertEquals(model.provenance().get("signalWeightSum"), dp.provenance().get("signalWeightSum"));
        assertEquals(2 * 24, dp.trainingLog().size());
        for (double[] epoch : dp.trainingLog()) {
            assertEquals(epoch[1] < 16, Double.isNaN(epoch[4]), Arrays.toString(epoch));
            assertTrue(epoch[3] > 0 && epoch[3] < 1, Arrays.toString(epoch));
        }
        String p = tmp.resolve("dp").toString();
        dp.write().overwrite().save(p);
        assertEquals(
                scored.select("probability").collectAsList(),
                DnnEnsembleModel.load(p).transform(test).select("probability").collectAsList());
        // the data-parallel mode reads the feature columns as the vector: the same members on the same partitions
        // (by EventId: a round-robin repartition sorts the rows it is given by their bytes first, and which columns
        // those are depends on what the training selects)
        DnnEnsembleClassifier short3 = small().setMembers(2).setEpochs(3).setTrainingMode("dataParallel");
        Dataset<Row> parts = train.repartition(2, col("EventId"));
        assertEquals(
                Arrays.toString(short3.fit(parts).validationLosses()),
                Arrays.toString(short3.copy(new org.apache.spark.ml.param.ParamMap())
                        .setFeaturesCols(ReferencePipeline.inputs())
                        .fit(parts)
                        .validationLosses()));
        assertMessage(
                () -> small().setTrainingMode("parallel").fit(train),
                "param trainingMode must be one of auto, members, dataParallel, got 'parallel'");
    }

    /** The provenance counts what the members were trained on, by hand from the training set. */
    @Test
    void provenanceRecordsTheTrainingData() throws Exception {
        List<Row> sums = train.groupBy("label")
                .agg(
                        org.apache.spark.sql.functions.count(lit(1)),
                        org.apache.spark.sql.functions.sum(
                                col("weight").cast("float").cast("double")))
                .orderBy("label")
                .collectAsList();
        java.util.Map<String, Object> p = model.provenance();
        assertEquals(train.count(), ((Number) p.get("trainingRows")).longValue());
        assertEquals(sums.get(1).getLong(1), ((Number) p.get("signalRows")).longValue());
        assertEquals(sums.get(0).getLong(1), ((Number) p.get("backgroundRows")).longValue());
        assertEquals(
                sums.get(1).getDouble(2),
                ((Number) p.get("signalWeightSum")).doubleValue(),
                1e-9 * sums.get(1).getDouble(2));
        assertEquals(
                sums.get(0).getDouble(2),
                ((Number) p.get("backgroundWeightSum")).doubleValue(),
                1e-9 * sums.get(0).getDouble(2));
        assertEquals(5L, ((Number) p.get("seed")).longValue());
        assertEquals("members", p.get("trainingMode"));
        assertEquals(SPARK.version(), p.get("sparkVersion"));
        assertTrue(p.get("hepmlVersion").toString().matches("\\d+\\.\\d+\\.\\d+.*"), p.toString());
        java.util.Properties dl4j = new java.util.Properties(); // the version of the DL4J jar on the classpath
        try (java.io.InputStream in = org.deeplearning4j.nn.graph.ComputationGraph.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            dl4j.load(in);
        }
        assertEquals(dl4j.getProperty("version"), p.get("dl4jVersion"));
        assertTrue(p.get("trainingDataFingerprint").toString().matches("[0-9a-f]{16}"), p.toString());
        // one changed weight changes the fingerprint
        DnnEnsembleModel shifted = small().setMembers(1)
                .setEpochs(1)
                .fit(train.withColumn(
                        "weight",
                        org.apache
                                .spark
                                .sql
                                .functions
                                .when(
                                        col("EventId").equalTo(100_000),
                                        col("weight").multiply(2))
                                .otherwise(col("weight"))));
        assertTrue(!shifted.provenance().get("trainingDataFingerprint").equals(p.get("trainingDataFingerprint")));
    }

    /** Each member's own probability, on request: their ensemble-weighted mean is the ensemble's probability. */
    @Test
    void perMemberProbabilities() {
        List<Row> rows = model.copy(new org.apache.spark.ml.param.ParamMap())
                .setMemberProbabilitiesCol("members")
                .transform(test)
                .select("probability", "members")
                .collectAsList();
        double[] w = model.ensembleWeights();
        double spread = 0;
        for (Row r : rows) {
            Vector members = (Vector) r.get(1);
            assertEquals(3, members.size());
            double mean = 0;
            for (int m = 0; m < 3; m++) {
                mean += w[m] * members.apply(m);
            }
            assertEquals(((Vector) r.get(0)).apply(1), mean, 1e-6);
            spread = Math.max(spread, Math.abs(members.apply(0) - members.apply(1)));
        }
        assertTrue(spread > 1e-3, "members differ: " + spread);
        assertTrue(!Arrays.asList(model.transform(test).columns()).contains("members"));
    }

    /**
     * The signal probability as a double is probability[1] bit for bit; outputs set to "" are not written; the param
     * survives save and load; two outputs of one name are an error.
     */
    @Test
    void signalProbabilityColumnAndSkippedOutputs() throws Exception {
        List<Row> both = model.copy(new org.apache.spark.ml.param.ParamMap())
                .setSignalProbabilityCol("p")
                .transform(test)
                .select("EventId", "probability", "p")
                .orderBy("EventId")
                .collectAsList();
        for (Row r : both) {
            assertEquals(
                    Double.doubleToRawLongBits(((Vector) r.get(1)).apply(1)),
                    Double.doubleToRawLongBits(r.getDouble(2)),
                    r.toString());
        }
        DnnEnsembleModel only = model.copy(new org.apache.spark.ml.param.ParamMap())
                .setSignalProbabilityCol("p")
                .setRawPredictionCol("")
                .setProbabilityCol("")
                .setPredictionCol("");
        Dataset<Row> out = only.transform(test);
        List<String> inputCols = Arrays.asList(test.columns());
        List<String> added =
                Arrays.stream(out.columns()).filter(c -> !inputCols.contains(c)).toList();
        assertEquals(List.of("p"), added);
        assertEquals(
                both.stream().map(r -> r.getDouble(2)).toList(),
                out.select("EventId", "p").orderBy("EventId").collectAsList().stream()
                        .map(r -> r.getDouble(1))
                        .toList());
        String path = tmp.resolve("signal-only").toString();
        only.write().overwrite().save(path);
        DnnEnsembleModel back = DnnEnsembleModel.load(path);
        assertEquals("p", back.getSignalProbabilityCol());
        assertEquals("", back.getProbabilityCol());
        String plain = tmp.resolve("plain").toString();
        model.write().overwrite().save(plain);
        assertEquals("", DnnEnsembleModel.load(plain).getSignalProbabilityCol());
        assertMessage(
                () -> model.copy(new org.apache.spark.ml.param.ParamMap())
                        .setSignalProbabilityCol("probability")
                        .transform(test),
                "two outputs are both named 'probability'");
    }

    @Test
    void badInputIsAClearError() {
        Dataset<Row> small = train.limit(200);
        assertMessage(() -> small().fit(small.withColumn("label", lit(0.0))), "all 200 events are background");
        assertMessage(
                () -> small().fit(small.withColumn("weight", lit(-1.0))), "weight must be finite and non-negative");
        assertMessage(() -> small().fit(small.withColumn("label", lit(Double.NaN))), "label must be 0 or 1");
        assertMessage(() -> small().fit(small.drop("weight")), "column 'weight' not found");
        Dataset<Row> narrow = new VectorAssembler()
                .setInputCols(new String[] {"DER_mass_vis", "DER_pt_h"})
                .setOutputCol("f2")
                .transform(test.limit(10))
                .drop("features")
                .withColumnRenamed("f2", "features");
        Exception e =
                assertThrows(Exception.class, () -> model.transform(narrow).count());
        Throwable c = e;
        while (c.getCause() != null && !(c instanceof IllegalArgumentException)) {
            c = c.getCause();
        }
        assertTrue(
                c.getMessage().contains("features vector of size 2, the model was trained on 30 features"),
                c.getMessage());
        // scoring never turns an impossible input into a score: a jet count outside 0-3, an infinite feature
        Dataset<Row> raw = GeneratedEvents.generate(SPARK, 20, 77, 1);
        assertTransformFails(
                prepared(raw).withColumn("PRI_jet_num", lit(7.0)),
                ": jet count PRI_jet_num = 7.0, it must be 0, 1, 2 or 3");
        assertTransformFails(
                prepared(raw.withColumn("DER_mass_vis", lit(Double.POSITIVE_INFINITY))),
                ": feature DER_mass_vis is Infinity; features must be finite");
    }

    private static void assertTransformFails(Dataset<Row> events, String part) {
        Exception e = assertThrows(
                Exception.class,
                () -> model.transform(events).orderBy("EventId").collectAsList());
        Throwable c = e;
        while (c.getCause() != null && !(c instanceof IllegalArgumentException)) {
            c = c.getCause();
        }
        assertTrue(
                c.getMessage().startsWith("DnnEnsembleModel: EventId ")
                        && c.getMessage().contains(part),
                c.getMessage());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
