package org.hepml.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.evaluation.AmsEvaluator;
import org.hepml.generate.GeneratedEvents;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference pipeline is a plain spark.ml Pipeline: MLlib's CrossValidator tunes it with the AMS evaluator. */
class ReferencePipelineTest {
    private static final SparkSession SPARK = SparkTestSession.get();

    @TempDir
    Path tmp;

    @Test
    void crossValidatorTunesThePipelineOnAms() throws Exception {
        Dataset<Row> events = GeneratedEvents.generate(SPARK, 3000, 12, 2).cache();
        DnnEnsembleClassifier dnn = new DnnEnsembleClassifier()
                .setMembers(2)
                .setEpochs(3)
                .setDepth(2)
                .setBatchSize(128)
                .setTestTimeAugmentation(1)
                .setSeed(3);
        ParamMap[] grid =
                new ParamGridBuilder().addGrid(dnn.width(), new int[] {4, 16}).build();
        // 2 folds of 1,500 events of the 250,000-event challenge scale: weights x 250000/1500 for the AMS
        AmsEvaluator ams = new AmsEvaluator().setWeightScale(250_000 / 1500.0);
        CrossValidatorModel cv = new CrossValidator()
                .setEstimator(ReferencePipeline.build(dnn, false))
                .setEstimatorParamMaps(grid)
                .setEvaluator(ams)
                .setNumFolds(2)
                .setSeed(5)
                .fit(events);
        double[] metrics = cv.avgMetrics();
        assertEquals(2, metrics.length);
        for (double m : metrics) {
            assertTrue(Double.isFinite(m) && m > 0, "AMS " + m);
        }
        assertTrue(cv.bestModel() instanceof PipelineModel);
        int best = metrics[0] >= metrics[1] ? 4 : 16;
        DnnEnsembleModel chosen = (DnnEnsembleModel) ((PipelineModel) cv.bestModel()).stages()[1];
        assertEquals(best, ((DnnEnsembleClassifier) chosen.parent()).getOrDefault(dnn.width()));

        String path = tmp.resolve("cv").toString();
        cv.write().overwrite().save(path);
        CrossValidatorModel back = CrossValidatorModel.load(path);
        assertArrayEquals(metrics, back.avgMetrics(), 0.0);
        assertEquals(
                cv.transform(events).select("probability").collectAsList(),
                back.transform(events).select("probability").collectAsList());
    }
}
