package org.hepml.jobs.cli;

import java.io.IOException;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.io.ParquetFooters;

/**
 * Spark's interpreted operators instead of its generated code, while a small input is scored in this JVM (a local
 * master): {@code spark.sql.codegen.wholeStage=false} and {@code spark.sql.codegen.factoryMode=NO_CODEGEN} (Spark's
 * own switch between its generated and interpreted projections; internal, in Spark 3.5 and 4.x alike).
 *
 * <p>Why: in a fresh JVM, generating and compiling a scoring plan's code costs about 0.6 s before the first row
 * (Janino's compiler itself still interpreted, then C2 compiling what it wrote), and that does not depend on the
 * input's size. Interpreted operators cost more per row instead. Measured on the 2-core machine kind, {@code hepml
 * score} job time, alternating runs with and without: 100 events with 32× TTA 1.3–1.4 s against 1.9–2.1 s; 5,889
 * events with 32× TTA 2.1–2.4 s against 2.8–3.1 s; 100,000 events without TTA 3.0–3.1 s against 3.3–3.4 s, and
 * 2.8–3.3 s against 2.9–3.7 s another time; 250,000 and 400,000 within the noise either way; 550,000 events
 * 6.7–8.1 s against 5.9–7.1 s. Hence the default bound of {@value #DEFAULT_ROWS} input rows, counted from the
 * Parquet footers (no Spark job).
 *
 * <p>Only for a local master: executors of a cluster are long-lived and compile a plan's code once for many tasks.
 * Scores are the same bits either way (the network computes them, not Spark's expressions; tested). Nothing is
 * changed where the session already sets either key (say {@code --conf} or {@code -Dspark.sql.codegen.wholeStage=...}
 * in {@code HEPML_JAVA_OPTS}); {@code -Dhepml.interpretedRows=N} moves the bound, 0 turns this off.
 */
public final class InterpretedPlans implements AutoCloseable {
    static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
    static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
    static final long DEFAULT_ROWS = 200_000;

    private final RuntimeConfig conf;
    private final boolean interpreted;

    private InterpretedPlans(RuntimeConfig conf, boolean interpreted) {
        this.conf = conf;
        this.interpreted = interpreted;
        if (interpreted) {
            conf.set(WHOLE_STAGE, "false");
            conf.set(FACTORY_MODE, "NO_CODEGEN");
        }
    }

    /**
     * Interpreted plans until {@link #close()} where the session's master is local, neither key is set, and {@code
     * input} reads Parquet files of at most {@code -Dhepml.interpretedRows} ({@value #DEFAULT_ROWS}) rows in all; else
     * a scope that changes nothing.
     */
    public static InterpretedPlans forInput(SparkSession spark, Dataset<?> input) {
        return forInput(spark, input, Long.getLong("hepml.interpretedRows", DEFAULT_ROWS));
    }

    static InterpretedPlans forInput(SparkSession spark, Dataset<?> input, long bound) {
        RuntimeConfig conf = spark.conf();
        boolean small = spark.sparkContext().isLocal()
                && bound > 0
                && !conf.contains(WHOLE_STAGE)
                && !conf.contains(FACTORY_MODE)
                && rows(spark, input, bound) <= bound;
        return new InterpretedPlans(conf, small);
    }

    /** Whether this scope runs Spark's interpreted operators. */
    public boolean interpreted() {
        return interpreted;
    }

    /** Takes both keys back out of the session: what comes after plans with generated code again. */
    @Override
    public void close() {
        if (interpreted) {
            conf.unset(WHOLE_STAGE);
            conf.unset(FACTORY_MODE);
        }
    }

    /**
     * The input's rows from its files' footers, as far as needed to pass {@code bound}; above it where the input is
     * not Parquet files (a generated or cached Dataset has no input files): nothing tells its size cheaply.
     */
    private static long rows(SparkSession spark, Dataset<?> input, long bound) {
        String[] files = input.inputFiles();
        if (files.length == 0) {
            return Long.MAX_VALUE;
        }
        try {
            return ParquetFooters.rows(spark.sparkContext().hadoopConfiguration(), Arrays.asList(files), bound);
        } catch (IOException e) { // not Parquet (CSV, say): the job reads it as it is, and reports what is wrong
            return Long.MAX_VALUE;
        }
    }
}
