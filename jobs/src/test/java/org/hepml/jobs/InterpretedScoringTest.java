package org.hepml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.estimators.DnnEnsembleClassifier;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.event.io.EventParquet;
import org.hepml.generate.GeneratedEvents;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small input scored with Spark's interpreted operators gets the very bits that generated code gives. */
class InterpretedScoringTest {
    @TempDir
    Path tmp;

    @Test
    void interpretedAndGeneratedPlansScoreTheSameBits() throws Exception {
        SparkSession spark = SparkTestSession.get();
        String events = tmp.resolve("events").toString();
        GeneratedEvents.generate(spark, 1500, 21, 3).write().parquet(events);
        Dataset<Row> in = EventParquet.read(spark, events);
        DnnEnsembleClassifier dnn = new DnnEnsembleClassifier()
                .setMembers(2)
                .setEpochs(1)
                .setWidth(8)
                .setDepth(2)
                .setTestTimeAugmentation(4)
                .setSeed(5);
        PipelineModel fitted = ReferencePipeline.build(dnn, false).fit(in);

        String interpreted = tmp.resolve("interpreted").toString();
        assertTrue(ScoreJob.scoreTo(spark, fitted, in, interpreted, false, "parquet"), "1,500 local rows: interpreted");
        String generated = tmp.resolve("generated").toString();
        spark.conf().set("spark.sql.codegen.wholeStage", "true"); // set by the session: left as it is
        try {
            assertFalse(ScoreJob.scoreTo(spark, fitted, in, generated, false, "parquet"));
        } finally {
            spark.conf().unset("spark.sql.codegen.wholeStage");
        }
        Dataset<Row> a = spark.read().parquet(interpreted);
        Dataset<Row> b = spark.read().parquet(generated);
        assertEquals(1500, a.count());
        assertEquals(1500, b.count());
        assertEquals(0, a.except(b).count(), "a row scored differently");
        assertEquals(0, b.except(a).count(), "a row scored differently");
        assertEquals(1500, a.select("score").where("score > 0 and score < 1").count());
    }
}
