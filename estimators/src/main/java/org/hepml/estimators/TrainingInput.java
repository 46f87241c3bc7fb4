package org.hepml.estimators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What a training reads from its data set, as the classifier's params name it: the features, the label, weight, jet
 * count and event id columns (the jet count and id may be '': no embedding, ids made up), and the stage's name for
 * the errors. Both training modes and the learning-rate range test read their rows through it.
 */
record TrainingInput(FeatureInput features, String label, String weight, String jet, String id, String who) {

    static TrainingInput of(DnnEnsembleClassifier c) {
        return new TrainingInput(
                FeatureInput.of(c),
                c.getLabelCol(),
                c.getWeightCol(),
                c.getJetCountCol(),
                c.getEventIdCol(),
                "DnnEnsembleClassifier");
    }

    boolean hasJets() {
        return jet != null && !jet.isEmpty();
    }

    /**
     * Fails early, naming the column, when a column is missing or not numeric (the event id may be missing: ids are
     * then made up).
     */
    void check(StructType schema) {
        TrainingRows.checkSchema(schema, features, label, weight, jet, null, who);
    }

    /** The feature names in network input order. */
    List<String> names(StructType schema) {
        return features.names(schema);
    }

    /** The columns {@link EventRow#of} reads, in order: features, jet count, label, weight, id. */
    Dataset<Row> select(Dataset<?> data) {
        Column j = hasJets() ? col(jet).cast("double") : lit(0.0);
        Column i = id == null || id.isEmpty() || !Arrays.asList(data.columns()).contains(id)
                ? org.apache.spark.sql.functions.monotonically_increasing_id()
                : col(id).cast("long");
        return data.toDF()
                .select(
                        features.column(),
                        j,
                        col(label).cast("double"),
                        col(weight).cast("double"),
                        i);
    }
}
