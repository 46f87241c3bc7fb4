package org.hepml.estimators;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.HiggsEventSchema;
import org.hepml.generate.GeneratedEvents;
import org.hepml.onnx.OnnxGraph;
import org.hepml.onnx.OnnxWriter;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exported ONNX file, run by ONNX Runtime on 10,000 generated events (missing jets and an undefined
 * DER_mass_MMC among them, given as -999 for some events and NaN for others), gives the model's probabilities to
 * 1e-5, with and without the 32-variant test-time grid; ONNX Runtime loads it (its graph checks pass) and reads its
 * input order from the metadata.
 */
class OnnxExportTest {
    private static final SparkSession SPARK = SparkTestSession.get();
    private static final int EVENTS = 10_000;
    private static DnnEnsembleModel model;
    private static PipelineModel pipeline;
    private static Dataset<Row> events;

    @BeforeAll
    static void fit() {
        events = GeneratedEvents.generate(SPARK, EVENTS, 31, 2).cache();
        DnnEnsembleClassifier dnn = new DnnEnsembleClassifier()
                .setMembers(3)
                .setEpochs(2)
                .setWidth(12)
                .setDepth(3)
                .setSeed(4);
        pipeline = ReferencePipeline.build(dnn, false)
                .fit(events.where(col("EventId").lt(100_000 + 6000)));
        model = (DnnEnsembleModel) pipeline.stages()[pipeline.stages().length - 1];
    }

    /** The raw features in the ONNX input's order, row-major; missing as -999 in even events, NaN in odd ones. */
    private static float[] inputs(List<Row> rows) {
        List<String> cols = EnsembleOnnx.INPUT_COLUMNS;
        float[] x = new float[rows.size() * cols.size()];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            boolean even = row.getLong(row.fieldIndex(HiggsEventSchema.EVENT_ID)) % 2 == 0;
            for (int c = 0; c < cols.size(); c++) {
                int i = row.fieldIndex(cols.get(c));
                x[r * cols.size() + c] = row.isNullAt(i) ? (even ? -999f : Float.NaN) : (float) row.getDouble(i);
            }
        }
        return x;
    }

    private static double maxDifference(int variants, int opset) throws Exception {
        byte[] onnx = model.toOnnx(variants, opset);
        assertEquals(0x08, onnx[0]); // field 1 (ir_version), varint
        assertEquals((byte) OnnxWriter.IR_VERSION, onnx[1]);
        model.setTestTimeAugmentation(variants);
        List<Row> scored = pipeline.transform(events)
                .select("EventId", "probability")
                .orderBy("EventId")
                .collectAsList();
        List<Row> raw = events.orderBy("EventId").collectAsList();
        float[] x = inputs(raw);
        long missing = raw.stream()
                .filter(r -> r.isNullAt(r.fieldIndex("PRI_jet_leading_pt")))
                .count();
        assertTrue(missing > 1000, "events without jets: " + missing);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx, new OrtSession.SessionOptions())) {
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            assertEquals(String.join(",", HiggsEventSchema.features()), meta.get("hepml.input_columns"));
            assertEquals(Integer.toString(variants), meta.get("hepml.test_time_augmentation"));
            assertEquals(model.provenance().get("trainingDataFingerprint"), meta.get("hepml.trainingDataFingerprint"));
            assertEquals("hepml-spark", s.getMetadata().getProducerName());
            NodeInfo in = s.getInputInfo().get("features");
            long[] shape = ((TensorInfo) in.getInfo()).getShape();
            assertEquals(-1, shape[0]);
            assertEquals(30, shape[1]);
            try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {scored.size(), 30});
                    OrtSession.Result r = s.run(Map.of("features", t))) {
                float[][] p = (float[][]) r.get("probability").get().getValue();
                double worst = 0;
                for (int i = 0; i < scored.size(); i++) {
                    assertEquals(raw.get(i).getLong(0), scored.get(i).getLong(0));
                    double want = ((Vector) scored.get(i).getAs("probability")).apply(1);
                    worst = Math.max(worst, Math.abs(want - p[i][0]));
                }
                System.out.printf(
                        "ONNX export, %d variants, opset %d: max |ONNX - model| = %.3g over %,d events%n",
                        variants, opset, worst, scored.size());
                return worst;
            }
        } finally {
            model.setTestTimeAugmentation(32);
        }
    }

    @Test
    void withoutTestTimeAugmentationItIsTheModel() throws Exception {
        double d = maxDifference(1, 17);
        assertTrue(d <= 1e-5, "max |ONNX − model| " + d);
    }

    @Test
    void withTheFullGridItIsTheModel() throws Exception {
        double d = maxDifference(32, 17);
        assertTrue(d <= 1e-5, "max |ONNX − model| " + d);
    }

    @Test
    void aNewerOperatorSetIsTheSame() throws Exception {
        double d = maxDifference(8, 21);
        assertTrue(d <= 1e-5, "max |ONNX − model| " + d);
    }

    @Test
    void badRequestsAreRefused() {
        IllegalArgumentException tta = assertThrows(IllegalArgumentException.class, () -> model.toOnnx(5, 17));
        assertTrue(tta.getMessage().contains("testTimeAugmentation"), tta.getMessage());
        IllegalArgumentException opset = assertThrows(IllegalArgumentException.class, () -> model.toOnnx(1, 12));
        assertTrue(opset.getMessage().contains("opset must be 17 to 21"), opset.getMessage());
        IllegalStateException empty =
                assertThrows(IllegalStateException.class, () -> new DnnEnsembleModel("x").toOnnx(1, 17));
        assertTrue(empty.getMessage().contains("no trained members"), empty.getMessage());
    }

    /** The builder's graph checks: what the ONNX checker would refuse is refused when the graph is built. */
    @Test
    void theGraphChecksItself() {
        OnnxGraph g = new OnnxGraph("t");
        String x = g.input("x", -1, 2);
        assertThrows(IllegalStateException.class, () -> g.op("Relu", "undefined"));
        assertThrows(IllegalArgumentException.class, () -> g.op("Softplus", x));
        assertThrows(IllegalStateException.class, () -> g.input("x", 1));
        assertThrows(IllegalArgumentException.class, () -> g.constant("c", new float[] {1, 2, 3}, 2, 2));
        g.output("y", g.op("Relu", x), -1, 2);
        IllegalArgumentException old =
                assertThrows(IllegalArgumentException.class, () -> OnnxWriter.model(g, 12, "v", Map.of()));
        assertTrue(old.getMessage().contains("needs opset 16"), old.getMessage());
    }
}
