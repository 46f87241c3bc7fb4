package org.hepml.jobs.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.evaluation.ScoreColumn;
import org.hepml.event.HiggsEventSchema;

/** What scoring writes: EventId, the bookkeeping columns the events have, and {@code score}, the signal probability. */
public final class ScoredOutput {
    private ScoredOutput() {}

    /**
     * {@code model} applied to {@code events}, as scoring writes it. A pipeline that ends with a DNN ensemble writes
     * the score straight as a double (its {@code signalProbabilityCol}; the vector outputs, which only this would
     * read, are not built): no vector per event and no {@code vector_to_array} UDF per row (550,000 events without
     * TTA: 5.6-6.0 s of job time against 6.9-7.1 s). Any other pipeline's
     * score is its {@code probability}[1]. The model itself is not changed (the params go in {@code transform}'s map).
     */
    public static Dataset<Row> of(PipelineModel model, Dataset<Row> events) {
        Transformer last = model.stages()[model.stages().length - 1];
        if (last instanceof DnnEnsembleModel d
                && !Arrays.asList(events.columns()).contains("score")) {
            ParamMap direct = new ParamMap()
                    .put(d.signalProbabilityCol(), "score")
                    .put(d.rawPredictionCol(), "")
                    .put(d.probabilityCol(), "")
                    .put(d.predictionCol(), "")
                    .put(d.memberProbabilitiesCol(), "");
            return select(model.transform(events, direct));
        }
        Dataset<Row> transformed = model.transform(events);
        return select(
                transformed.withColumn("score", ScoreColumn.of(transformed.schema(), "probability", "hepml score")));
    }

    /**
     * Parquet writer options for the {@code columns} scoring writes: no dictionary for {@code score} and
     * {@code EventId}, whose values are all distinct. Parquet's writer would otherwise hash every value of a
     * column's first page (here often the whole column chunk) into a dictionary, find it no smaller than the plain
     * values and encode the page again plain; in a short job C2 also compiled that fallback three times
     * ({@code DictionaryValuesWriter.getBytes}). 550,000 events without TTA, alternating with and without: job time
     * 6.30 s against 6.85 s (medians of 8), the tasks' CPU 6.47 s against 6.97 s. The label, the weights and
     * KaggleSet keep Parquet's default: their values repeat (7,091 distinct weights in the 17,000 real events).
     */
    public static Map<String, String> parquetOptions(String[] columns) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String c : columns) {
            if (c.equals("score") || c.equals(HiggsEventSchema.EVENT_ID)) {
                options.put("parquet.enable.dictionary#" + c, "false");
            }
        }
        return options;
    }

    private static Dataset<Row> select(Dataset<Row> scored) {
        return scored.select(Arrays.stream(new String[] {
                    HiggsEventSchema.EVENT_ID,
                    HiggsEventSchema.LABEL,
                    HiggsEventSchema.WEIGHT,
                    HiggsEventSchema.ORIGINAL_WEIGHT,
                    HiggsEventSchema.KAGGLE_SET,
                    "score"
                })
                .filter(c -> Arrays.asList(scored.columns()).contains(c))
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
    }
}
