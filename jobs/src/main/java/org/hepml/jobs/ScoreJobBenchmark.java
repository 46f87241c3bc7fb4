package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.io.EventParquet;
import org.hepml.jobs.cli.LocalTasks;
import org.hepml.jobs.cli.ScoringInputs;
import org.hepml.jobs.cli.ScratchDirectory;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.TextTable;
import org.hepml.jobs.cli.WrittenRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hepml score}'s timed part run again and again in one JVM: the first run is what a one-shot command pays (a
 * cold JVM compiling Spark's and the kernel's code as it goes), the later ones what a notebook, a Spark Connect server
 * or a long reprocessing job pays once the JVM is warm. The same code as {@code hepml score} ({@code
 * ScoreJob.scoreTo}), the same JVM settings ({@link LocalTasks}).
 */
@Command(
        name = "score-job",
        mixinStandardHelpOptions = true,
        header = "Times 'hepml score' (model load, then transform + write) --repeat times in one JVM: cold, then warm.",
        description = "Each run loads the model and reads the input's schema (timed apart), then scores and writes "
                + "Parquet to a scratch directory (the job time 'hepml score' prints). Prints one row per run and the "
                + "first run against the best of the others.")
final class ScoreJobBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    ScoringInputs scoring;

    @Option(names = "--repeat", defaultValue = "5", paramLabel = "R", description = "Runs (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Mixin
    ScratchDirectory scratch;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalTasks.prepareScoring(sparkOptions, spec.commandLine().getErr());
        String dir = scratch.path();
        try (Sessions.Handle s = Sessions.open("hepml benchmark score-job", sparkOptions)) {
            SparkSession spark = s.spark();
            FileSystem fs = new Path(dir).getFileSystem(spark.sparkContext().hadoopConfiguration());
            TextTable t = new TextTable("run", "load + schema (s)", "score + write (s)", "events/s");
            double first = 0;
            double bestWarm = Double.MAX_VALUE;
            long n = 0;
            int variants = 0;
            for (int r = 1; r <= repeat; r++) {
                long t0 = System.nanoTime();
                PipelineModel pm = scoring.load(spark);
                variants = scoring.ensemble(pm).getTestTimeAugmentation();
                Dataset<Row> events = EventParquet.read(spark, scoring.input);
                long t1 = System.nanoTime();
                spark.sparkContext().setJobDescription("benchmark score-job: run " + r);
                String output = dir + "/scored";
                ScoreJob.scoreTo(spark, pm, events, output, true, "parquet");
                double seconds = (System.nanoTime() - t1) / 1e9;
                if (n == 0) {
                    n = WrittenRows.count(spark, output, "parquet");
                }
                fs.delete(new Path(output), true);
                if (r == 1) {
                    first = seconds;
                } else {
                    bestWarm = Math.min(bestWarm, seconds);
                }
                t.row(
                        r == 1 ? "1 (cold)" : Integer.toString(r),
                        String.format("%.2f", (t1 - t0) / 1e9),
                        String.format("%.2f", seconds),
                        String.format("%,.0f", n / seconds));
                out.printf("  run %d of %d: %.2f s%n", r, repeat, seconds);
                out.flush();
            }
            out.printf(
                    "%n%,d events of %s, %s, test-time augmentation %dx%n", n, scoring.input, scoring.model, variants);
            out.print(t);
            if (repeat > 1) {
                out.printf("first (cold JVM) %.2f s; best warm %.2f s (%.2fx)%n", first, bestWarm, first / bestWarm);
            }
            out.printf(
                    "machine: %d cores, JVM max heap %.1f GiB, Spark master %s, Java %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / 1073741824.0,
                    spark.sparkContext().master(),
                    System.getProperty("java.version"));
            scratch.cleanUp(fs);
        }
        return 0;
    }
}
