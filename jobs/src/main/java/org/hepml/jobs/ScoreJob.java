package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.event.io.EventParquet;
import org.hepml.event.io.OutputPaths;
import org.hepml.jobs.cli.InterpretedPlans;
import org.hepml.jobs.cli.LocalTasks;
import org.hepml.jobs.cli.ScoredOutput;
import org.hepml.jobs.cli.ScoringInputs;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.WrittenRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml score}: applies a trained model to event Parquet. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        header = "Scores event Parquet with a trained model (from 'hepml train').",
        description =
                "Writes EventId, the label, weight and KaggleSet columns where the input has them, and score (the "
                        + "signal probability), as Parquet (partitioned like the input) or CSV with a header. --tta "
                        + "overrides the "
                        + "model's test-time augmentation (1: none; 8; 32). The output is written under a hidden "
                        + "sibling "
                        + "(.NAME.hepml-incomplete-*) and renamed into place when complete: a killed job leaves no "
                        + "output at all.")
public final class ScoreJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    ScoringInputs scoring;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--where",
            paramLabel = "SQL",
            description = "Only the events that pass this Spark SQL condition, e.g. \"KaggleSet = 't'\".")
    String where;

    @Option(
            names = "--mode",
            defaultValue = "error",
            paramLabel = "MODE",
            description = "error or overwrite (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--submission",
            paramLabel = "FILE",
            description =
                    "Also write the challenge's submission file (EventId,RankOrder,Class) at the cut: the bootstrap "
                            + "mean cut that 'train' found on its hold-out, or --cut.")
    java.nio.file.Path submission;

    @Option(names = "--cut", paramLabel = "C", description = "With --submission: classify as signal at score >= C.")
    Double cut;

    public static void main(String[] args) {
        System.exit(
                Hepml.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), new ScoreJob(), args));
    }

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("parquet") && !fmt.equals("csv")) {
            throw new IllegalArgumentException("--format takes parquet or csv, got '" + format + "'");
        }
        boolean overwrite = JobArgs.overwrite(mode);
        PrintWriter out = spec.commandLine().getOut();
        LocalTasks.prepareScoring(sparkOptions, spec.commandLine().getErr());
        try (Sessions.Handle s = Sessions.open("hepml score", sparkOptions)) {
            SparkSession spark = s.spark();
            OutputPaths.checkWritable(spark.sparkContext().hadoopConfiguration(), output, overwrite);
            long l0 = System.nanoTime();
            PipelineModel pm = scoring.load(spark);
            double loadSeconds = (System.nanoTime() - l0) / 1e9;
            Transformer last = pm.stages()[pm.stages().length - 1];
            double submissionCut = submission == null
                    ? Double.NaN
                    : cut != null ? cut : HoldoutEvaluation.meanCut(spark, scoring.model);
            Dataset<Row> events = JobArgs.where(EventParquet.read(spark, scoring.input), where);
            long t0 = System.nanoTime();
            spark.sparkContext().setJobDescription("hepml score: " + scoring.input + " -> " + output);
            boolean interpreted = scoreTo(spark, pm, events, output, overwrite, fmt);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (interpreted && sparkOptions.verbose()) {
                spec.commandLine()
                        .getErr()
                        .println("hepml: a small input scored with Spark's interpreted operators, not generated code"
                                + " (-Dhepml.interpretedRows=0 turns that off)");
            }
            long n = WrittenRows.count(spark, output, fmt);
            out.printf(
                    "scored %,d events in %.1f s (test-time augmentation %s; model loaded in %.2f s) -> %s (%s)%n",
                    n,
                    seconds,
                    last instanceof DnnEnsembleModel d ? d.getTestTimeAugmentation() + "x" : "n/a",
                    loadSeconds,
                    output,
                    fmt);
            if (submission != null) {
                spark.sparkContext().setJobDescription("hepml score: submission file " + submission);
                Dataset<Row> scores = fmt.equals("csv")
                        ? spark.read()
                                .option("header", true)
                                .option("inferSchema", true)
                                .csv(output)
                        : spark.read().parquet(output);
                long[] written = KaggleSubmission.write(scores, submissionCut, submission);
                out.printf(
                        "submission: %,d events, %,d classified signal at cut %.4f -> %s%n",
                        written[0], written[1], submissionCut, submission);
            }
            spark.sparkContext().setJobDescription(null);
        }
        return 0;
    }

    /**
     * The timed part of {@code hepml score} (and of {@code hepml benchmark score-job}): the model's transform, the
     * output columns, written as {@code fmt} under a hidden sibling and renamed into place when complete, so that a
     * killed job leaves no partial output. A small input scored in this JVM runs Spark's interpreted operators
     * ({@link InterpretedPlans}): returns whether it did.
     */
    static boolean scoreTo(
            SparkSession spark, PipelineModel pm, Dataset<Row> events, String output, boolean overwrite, String fmt)
            throws Exception {
        // around the transform too: the model plans its input's physical plan (and Spark generates its code) there
        try (InterpretedPlans plans = InterpretedPlans.forInput(spark, events)) {
            Dataset<Row> scored = ScoredOutput.of(pm, events);
            OutputPaths.commit(spark.sparkContext().hadoopConfiguration(), output, overwrite, tmp -> {
                DataFrameWriter<Row> w = scored.write().mode(SaveMode.ErrorIfExists);
                if (fmt.equals("csv")) {
                    w.option("header", true).csv(tmp);
                } else {
                    ScoredOutput.parquetOptions(scored.columns()).forEach(w::option);
                    w.parquet(tmp);
                }
            });
            return plans.interpreted();
        }
    }
}
