package org.hepml.transformers;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.persistence.ParamsReader;
import org.hepml.random.RandomColumns;

/**
 * Mirrors events in z (η → −η, pz → −pz), each event with the given probability: 1 always, 0 never, 0.5 (the
 * default) a fair coin per event from (seed, EventId, draw).
 */
public final class ZFlip extends RandomFlip<ZFlip> {
    private static final long serialVersionUID = 1L;

    public ZFlip(String uid) {
        super(uid);
    }

    public ZFlip() {
        this(Identifiable$.MODULE$.randomUID("zFlip"));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Column flip = decision(RandomColumns.Z_FLIP);
        return SymmetryColumns.apply(
                dataset.toDF(), EventObjectColumns.of(dataset.schema()), lit(0.0), flip, lit(false));
    }

    public static MLReader<ZFlip> read() {
        return new ParamsReader<>();
    }

    public static ZFlip load(String path) {
        return read().load(path);
    }
}
