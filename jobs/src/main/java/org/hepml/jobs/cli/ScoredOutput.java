package org.hepml.jobs.cli;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.evaluation.ScoreColumn;
import org.hepml.event.HiggsEventSchema;

/** What scoring writes: EventId, the bookkeeping columns the events have, and {@code score} = probability[1]. */
public final class ScoredOutput {
    private ScoredOutput() {}

    public static Dataset<Row> of(Dataset<Row> transformed) {
        Dataset<Row> scored =
                transformed.withColumn("score", ScoreColumn.of(transformed.schema(), "probability", "hepml score"));
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
