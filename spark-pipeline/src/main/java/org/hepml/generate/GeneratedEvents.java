package org.hepml.generate;

import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.HiggsEventSchema;

/** Toy HiggsML events ({@link ToyHiggsGenerator}) as a Spark DataFrame in the event Parquet schema. */
public final class GeneratedEvents {
    /** Events per partition when the caller does not choose. */
    public static final long EVENTS_PER_PARTITION = 250_000L;

    private GeneratedEvents() {}

    /** N events from the seed, in a number of partitions chosen from N and the cluster's parallelism. */
    public static Dataset<Row> generate(SparkSession spark, long events, long seed) {
        int parts = (int) Math.max(
                spark.sparkContext().defaultParallelism(),
                Math.min(100_000, (events + EVENTS_PER_PARTITION - 1) / EVENTS_PER_PARTITION));
        return generate(spark, events, seed, parts);
    }

    /** N events from the seed in the given number of partitions; the events do not depend on it. */
    public static Dataset<Row> generate(SparkSession spark, long events, long seed, int partitions) {
        ToyHiggsGenerator gen = new ToyHiggsGenerator(seed, events);
        JavaRDD<Row> rows = spark.range(0, events, 1, partitions)
                .toJavaRDD()
                .mapPartitions((Iterator<Long> indices) -> new Iterator<Row>() {
                    @Override
                    public boolean hasNext() {
                        return indices.hasNext();
                    }

                    @Override
                    public Row next() {
                        return RowFactory.create(gen.row(indices.next()));
                    }
                });
        return spark.createDataFrame(rows, HiggsEventSchema.parquetSchema(true, false));
    }
}
