package org.hepml.jobs.compare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.hepml.event.HiggsEventSchema;

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
    return pmod(xxhash64(lit(seed), lit("fold"), col(HiggsEventSchema.EVENT_ID)), lit((long) k)).cast("int");
  }
}
