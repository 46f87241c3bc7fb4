package org.hepml.transformers;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;
import org.hepml.params.Check;
import org.hepml.random.RandomColumns;

/**
 * A flip applied to each event with a probability: 1 always, 0 never (no event id needed), in between a coin
 * per event from (seed, EventId, draw).
 */
public abstract class RandomFlip<T extends RandomFlip<T>> extends RandomEventStage<T> {
    private static final long serialVersionUID = 1L;
    private final DoubleParam probability = new DoubleParam(
            this,
            "probability",
            "probability to flip each event",
            Check.of(
                    this, "probability", "in [0, 1] (1 = always, 0 = never)", v -> (Double) v >= 0 && (Double) v <= 1));

    protected RandomFlip(String uid) {
        super(uid);
        setDefault(probability, 0.5);
    }

    public DoubleParam probability() {
        return probability;
    }

    public double getProbability() {
        return (Double) getOrDefault(probability);
    }

    public T setProbability(double p) {
        set(probability, p);
        return self();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        EventObjectColumns.of(schema).requireSome(who(), schema);
        double p = getProbability();
        if (p > 0 && p < 1) {
            requireEventId(schema);
        }
        return schema;
    }

    /** The per-row flip decision, from the given independent stream. */
    protected Column decision(int stream) {
        double p = getProbability();
        if (p >= 1) {
            return lit(true);
        }
        if (p <= 0) {
            return lit(false);
        }
        return RandomColumns.stageDraw(getSeed(), getEventIdCol(), getDraw(), stream)
                .lt(p);
    }
}
