package org.hepml.testing;

import org.apache.spark.sql.SparkSession;

/** One local Spark session per test JVM (surefire keeps one JVM per module), started on first use. */
public final class SparkTestSession {
    private static SparkSession spark;

    private SparkTestSession() {}

    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("hepml-tests")
                    .config("spark.ui.enabled", false)
                    .config("spark.sql.shuffle.partitions", 4)
                    .config("spark.default.parallelism", 2)
                    .config("spark.sql.debug.maxToStringFields", 200)
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
        }
        return spark;
    }
}
