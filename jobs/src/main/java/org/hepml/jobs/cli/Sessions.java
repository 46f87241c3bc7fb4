package org.hepml.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The SparkSession a job runs in: spark-submit's settings when present, local[*] otherwise; quiet logs. */
public final class Sessions {
    /** The Parquet row group size the jobs write (Hadoop's parquet.block.size), unless spark.hadoop.* sets one. */
    public static final long ROW_GROUP_BYTES = 8L << 20;

    private static final String[] NOISY = {
        "org.apache.spark",
        "org.sparkproject",
        "org.apache.hadoop",
        "org.apache.parquet",
        "org.nd4j",
        "org.deeplearning4j",
        "org.bytedeco",
        "io.netty"
    };

    /** Loggers that print a failed task's stack trace again on its way to the driver. */
    private static final String[] TASK_FAILURE_REPORTERS = {
        "org.apache.spark.executor.Executor",
        "org.apache.spark.scheduler.TaskSetManager",
        "org.apache.spark.util.Utils",
        "org.apache.spark.sql.execution.datasources.FileFormatWriter",
        "org.apache.spark.internal.io.SparkHadoopWriter",
        "org.apache.spark.ml.util.Instrumentation"
    };

    private Sessions() {}

    /**
     * A session for a job; closing it stops Spark only if this call started it (a notebook's or a test's
     * session stays up).
     */
    public static Handle open(String appName, SparkOptions options) {
        boolean existed = SparkSession.getDefaultSession().isDefined()
                || SparkSession.getActiveSession().isDefined();
        return new Handle(create(appName, options), !existed);
    }

    /** A job's session and whether closing it should stop Spark. */
    public record Handle(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }

    public static SparkSession create(String appName, SparkOptions options) {
        quietLogs(options.verbose());
        SparkConf conf = new SparkConf(true);
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (options.master() != null) {
            b.master(options.master());
        } else if (!conf.contains("spark.master")) {
            b.master("local[*]");
        }
        if (!conf.contains("spark.ui.showConsoleProgress")) {
            // Spark's progress bar on the console, when a person is watching
            b.config("spark.ui.showConsoleProgress", System.console() != null);
        }
        if (!conf.contains("spark.sql.debug.maxToStringFields")) {
            // event tables have 35+ columns; the default of 25 makes Spark warn on every plan it prints
            b.config("spark.sql.debug.maxToStringFields", 200);
        }
        if (!conf.contains("spark.hadoop.parquet.block.size")) {
            // row groups of 8 MB (about 45,000 events) instead of Parquet's 128 MB: Spark splits a file only at row
            // groups, so one file of a few hundred thousand events could keep only one core busy
            b.config("spark.hadoop.parquet.block.size", ROW_GROUP_BYTES);
        }
        SparkSession spark = b.getOrCreate();
        if (!conf.contains("spark.sql.files.minPartitionNum")) {
            // at least three splits per core: three files on two cores would otherwise leave one core idle for a
            // third of the job (Spark aims at one split per core, and packs whole files smaller than that)
            spark.conf()
                    .set(
                            "spark.sql.files.minPartitionNum",
                            3L * spark.sparkContext().defaultParallelism());
        }
        quietLogs(options.verbose());
        if (!options.verbose() && spark.sparkContext().isLocal()) {
            // in local mode every task failure reaches the driver, which reports it in one line: no duplicate traces
            for (String reporter : TASK_FAILURE_REPORTERS) {
                Configurator.setLevel(reporter, Level.OFF);
            }
        }
        return spark;
    }

    /** Spark, Hadoop and ND4J at WARN (INFO with --verbose); Hadoop's native-library notice hidden. */
    public static void quietLogs(boolean verbose) {
        Level level = verbose ? Level.INFO : Level.WARN;
        for (String logger : NOISY) {
            Configurator.setLevel(logger, level);
        }
        Configurator.setLevel("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);
    }
}
