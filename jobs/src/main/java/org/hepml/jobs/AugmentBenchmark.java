package org.hepml.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.hepml.generate.GeneratedEvents;
import org.hepml.jobs.cli.ScratchDirectory;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.TextTable;
import org.hepml.transformers.AugmentationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Throughput of the symmetry transformers (random rotation + z flip + transverse flip + Cartesian conversion)
 * against a plain Parquet read + write of the same events, in one run: the two alternate, repeated, and each
 * side's best time is compared. Goal: augmented / plain at most 1.5.
 */
@Command(
        name = "augment",
        mixinStandardHelpOptions = true,
        header = "Symmetry transformers vs a plain Parquet read+write of the same events.",
        description = "Generates N toy events to Parquet (not timed), then alternates, --repeat times: (a) read + "
                + "write of the events as they are; (b) read + random rotation + z flip + transverse flip + Cartesian "
                + "conversion + write. Prints the best time of each, events/s and the ratio b/a.")
final class AugmentBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(
            names = "--events",
            defaultValue = "10000000",
            paramLabel = "N",
            description = "Events (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--repeat",
            defaultValue = "2",
            paramLabel = "R",
            description = "Repetitions of each timing (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ScratchDirectory scratch;

    @Override
    public Integer call() throws IOException {
        if (events < 1 || repeat < 1) {
            throw new IllegalArgumentException("--events and --repeat must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        String dir = scratch.path();
        try (Sessions.Handle s = Sessions.open("hepml benchmark augment", sparkOptions)) {
            SparkSession spark = s.spark();
            FileSystem fs = new Path(dir).getFileSystem(spark.sparkContext().hadoopConfiguration());
            String input = dir + "/events";
            long t0 = System.nanoTime();
            spark.sparkContext().setJobDescription("benchmark: generating " + events + " events");
            GeneratedEvents.generate(spark, events, seed)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(input);
            out.printf(
                    "generated %,d events in %.1f s (not timed below) -> %s%n",
                    events, (System.nanoTime() - t0) / 1e9, input);

            AugmentationPlan plan = new AugmentationPlan(false, "random", "random", "random", true, 1, seed);
            double plain = Double.MAX_VALUE;
            double augmented = Double.MAX_VALUE;
            for (int r = 1; r <= repeat; r++) {
                plain = Math.min(plain, time(spark, fs, "plain", spark.read().parquet(input), dir + "/plain"));
                augmented = Math.min(
                        augmented,
                        time(spark, fs, "augmented", plan.apply(spark.read().parquet(input)), dir + "/augmented"));
                out.printf("  repetition %d of %d done%n", r, repeat);
                out.flush();
            }
            TextTable t = new TextTable("step", "events", "best of " + repeat + " (s)", "events/s", "ratio");
            t.row(
                    "Parquet read + write",
                    String.format("%,d", events),
                    String.format("%.2f", plain),
                    String.format("%,.0f", events / plain),
                    "1.00");
            t.row(
                    "read + rotate + flip z + flip T + Cartesian + write",
                    String.format("%,d", events),
                    String.format("%.2f", augmented),
                    String.format("%,.0f", events / augmented),
                    String.format("%.2f", augmented / plain));
            out.println();
            out.print(t);
            out.printf(
                    "%nmachine: %d cores, JVM max heap %.1f GiB, Spark master %s, Java %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / 1073741824.0,
                    spark.sparkContext().master(),
                    System.getProperty("java.version"));
            out.printf("goal: ratio <= 1.5: %s%n", augmented / plain <= 1.5 ? "met" : "NOT met");
            scratch.cleanUp(fs);
        }
        return 0;
    }

    private static double time(SparkSession spark, FileSystem fs, String what, Dataset<Row> df, String output)
            throws IOException {
        spark.sparkContext().setJobDescription("benchmark: " + what);
        long t = System.nanoTime();
        df.write().mode(SaveMode.Overwrite).parquet(output);
        double seconds = (System.nanoTime() - t) / 1e9;
        fs.delete(new Path(output), true);
        return seconds;
    }
}
