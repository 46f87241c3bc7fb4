package org.hepml.transformers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * Per-event random numbers as Spark SQL expressions: a hash of (seed, event id, draw, stream), so the value of an
 * event never depends on partitioning, task or order. {@code draw} separates epochs or copies; {@code stream}
 * separates the independent choices of one draw (angle, z flip, transverse flip).
 */
final class EventRandomColumns {
  /** Streams of independent choices within one draw. */
  static final int ROTATION = 1;
  static final int Z_FLIP = 2;
  static final int TRANSVERSE_FLIP = 3;

  private EventRandomColumns() {}

  /** Uniform in [0, 1): the top 53 bits of xxhash64(seed, id, draw, stream) over 2^53. */
  static Column uniform(long seed, String eventIdCol, long draw, int stream) {
    Column h = xxhash64(lit(seed), col(eventIdCol).cast("long"), lit(draw), lit(stream));
    return shiftrightunsigned(h, 11).cast("double").multiply(0x1.0p-53);
  }
}
