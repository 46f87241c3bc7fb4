package org.hepml.random;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * The Spark-side random streams (see {@link RandomStreams}) as SQL expressions: a hash of the seed, a stream key
 * and the event id, so an event's value never depends on partitioning, task or order.
 */
public final class RandomColumns {
    /** The symmetry stages' independent choices within one draw. */
    public static final int ROTATION = 1;

    public static final int Z_FLIP = 2;
    public static final int TRANSVERSE_FLIP = 3;
    private static final String HOLDOUT = "holdout";
    private static final String FOLD = "fold";

    private RandomColumns() {}

    private static Column unit(Column hash) {
        return shiftrightunsigned(hash, 11).cast("double").multiply(0x1.0p-53);
    }

    /** Uniform in [0, 1) per event: the hold-out split of 'train' and 'demo' (held out below the share). */
    public static Column holdout(long seed, String eventIdCol) {
        return unit(xxhash64(lit(seed), lit(HOLDOUT), col(eventIdCol)));
    }

    /** The cross-validation fold (0..k−1) of each event. */
    public static Column fold(long seed, int k, String eventIdCol) {
        return pmod(xxhash64(lit(seed), lit(FOLD), col(eventIdCol)), lit((long) k))
                .cast("int");
    }

    /** Uniform in [0, 1) per event: a symmetry stage's {@code stream} choice in draw {@code draw} (epoch, copy). */
    public static Column stageDraw(long seed, String eventIdCol, long draw, int stream) {
        return unit(xxhash64(lit(seed), col(eventIdCol).cast("long"), lit(draw), lit(stream)));
    }
}
