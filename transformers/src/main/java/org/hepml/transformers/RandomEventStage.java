package org.hepml.transformers;

import java.util.Arrays;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.sql.types.StructType;
import org.hepml.event.HiggsEventSchema;
import org.hepml.params.HasEventIdCol;

/**
 * A stage whose choices are random per event: drawn from (seed, event id, draw), never from partition order, so
 * the output is the same whatever the partitioning. Change {@code draw} for a new, independent draw of the same
 * events (an epoch, an augmented copy).
 */
public abstract class RandomEventStage<T extends RandomEventStage<T>> extends EventStage implements HasEventIdCol<T> {
    private static final long serialVersionUID = 1L;

    private final LongParam seed = new LongParam(this, "seed", "random seed");
    private final LongParam draw =
            new LongParam(this, "draw", "index of the draw (epoch, copy): a new draw is independent");

    protected RandomEventStage(String uid) {
        super(uid);
        setDefault(seed, 42L);
        setDefault(eventIdCol(), HiggsEventSchema.EVENT_ID);
        setDefault(draw, 0L);
    }

    public LongParam seed() {
        return seed;
    }

    public LongParam draw() {
        return draw;
    }

    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    public long getDraw() {
        return (Long) getOrDefault(draw);
    }

    public T setSeed(long value) {
        set(seed, value);
        return self();
    }

    public T setDraw(long value) {
        set(draw, value);
        return self();
    }

    @SuppressWarnings("unchecked")
    protected T self() {
        return (T) this;
    }

    /** Fails before any job runs when random choices are needed and the event id column is absent. */
    protected void requireEventId(StructType schema) {
        if (!Arrays.asList(schema.fieldNames()).contains(getEventIdCol())) {
            throw new IllegalArgumentException(who() + ": event id column '" + getEventIdCol()
                    + "' not found (random choices are keyed by it; set eventIdCol); columns are "
                    + String.join(", ", schema.fieldNames()));
        }
    }
}
