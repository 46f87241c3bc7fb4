package org.hepml.jobs.compare;

import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A classifier under comparison: fitted on event Parquet as ingest writes it, it gives a Transformer whose output
 * holds MLlib's {@code probability} column ([1 − p, p]).
 */
public interface Method {
    /** Short name, as given to {@code --methods}. */
    String name();

    /** What it is, for the table (settings; what it ignores, such as weights). */
    String description();

    Transformer fit(Dataset<Row> train);

    /**
     * Methods with the same key share one fit per fold (a peer and its TTA variant): the comparison fits once and
     * scores the model through each method's {@link #forScoring}.
     */
    default String fitKey() {
        return name();
    }

    /** The fitted model as this method scores with it (the default: as fitted). */
    default Transformer forScoring(Transformer fitted) {
        return fitted;
    }
}
