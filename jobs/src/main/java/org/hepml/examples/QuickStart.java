package org.hepml.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.ams.BootstrapResult;
import org.hepml.estimators.DnnEnsembleClassifier;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.evaluation.BootstrapAmsEvaluator;
import org.hepml.evaluation.WeightedRoc;

/**
 * The calls a notebook makes, as plain Java: the notebooks under {@code examples/} (Zeppelin, Databricks) mirror
 * this class line for line, and a test runs it. Read event Parquet (from {@code hepml ingest} or {@code generate}),
 * hold out a quarter by EventId, fit the reference pipeline, score, evaluate, save.
 */
public final class QuickStart {
    private QuickStart() {}

    /** What the example measures on its hold-out. */
    public record Result(long heldOut, double auc, double amsAtMeanCut, double meanCut) {}

    public static Result run(SparkSession spark, String eventsPath, String modelPath, int members, int epochs)
            throws java.io.IOException {
        Dataset<Row> events = spark.read().parquet(eventsPath);
        // a quarter held out, chosen by EventId: the same events whatever the partitioning
        Dataset<Row> test = events.where(pmod(xxhash64(col("EventId")), lit(4L)).equalTo(0));
        Dataset<Row> train =
                events.where(pmod(xxhash64(col("EventId")), lit(4L)).notEqual(0));

        DnnEnsembleClassifier dnn = new DnnEnsembleClassifier()
                .setMembers(members)
                .setEpochs(epochs)
                .setSeed(42)
                .setTestTimeAugmentation(8);
        PipelineModel model = ReferencePipeline.build(dnn, false).fit(train);
        model.write().overwrite().save(modelPath);

        Dataset<Row> scored = model.transform(test).cache();
        double auc = WeightedRoc.of(scored, "probability", "label", "weight").auc();
        // the hold-out is a quarter of the events: weights x 4 for the AMS
        BootstrapResult ams = new BootstrapAmsEvaluator().setWeightScale(4.0).bootstrap(scored);
        return new Result(scored.count(), auc, ams.amsAtMeanCut(), ams.meanCut());
    }
}
