package org.hepml.jobs.compare;

import org.apache.spark.sql.Column;
import org.hepml.event.HiggsEventSchema;
import org.hepml.random.RandomColumns;

/**
 * K folds keyed by (seed, EventId): an event's fold depends on nothing else, so every method, run and
 * partitioning sees the same folds.
 */
public final class Folds {
    private Folds() {}

    /** The fold (0..k−1) of each event. */
    public static Column of(long seed, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        return RandomColumns.fold(seed, k, HiggsEventSchema.EVENT_ID);
    }
}
