package org.hepml.jobs.compare;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class FoldsTest {
    /** An event's fold depends only on (seed, EventId): the same across partitionings; folds are near equal. */
    @Test
    void foldsAreKeyedByEventIdAndBalanced() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> ids = spark.range(100_000, 120_000).withColumnRenamed("id", "EventId");
        List<Row> a = ids.withColumn("f", Folds.of(7, 5)).orderBy("EventId").collectAsList();
        List<Row> b = ids.repartition(7)
                .withColumn("f", Folds.of(7, 5))
                .orderBy("EventId")
                .collectAsList();
        assertEquals(a, b);
        List<Row> counts = ids.withColumn("f", Folds.of(7, 5))
                .groupBy("f")
                .count()
                .orderBy("f")
                .collectAsList();
        assertEquals(5, counts.size());
        for (int k = 0; k < 5; k++) {
            assertEquals(k, counts.get(k).getInt(0));
            assertEquals(4000, counts.get(k).getLong(1), 4 * Math.sqrt(4000)); // binomial spread
        }
        long moved = ids.withColumn("a", Folds.of(7, 5))
                .withColumn("b", Folds.of(8, 5))
                .where(col("a").notEqual(col("b")))
                .count();
        assertTrue(moved > 15_000, "another seed reshuffles the folds: " + moved);
    }
}
