package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.estimators.KernelWarmUp;
import org.hepml.event.io.EventInputException;
import org.hepml.event.io.EventParquet;
import org.hepml.event.io.OutputPaths;
import org.hepml.jobs.cli.JitDirectives;
import org.hepml.jobs.cli.ScoredOutput;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
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
    private static final long WARM_UP_BUDGET_MILLIS = 5000;

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Event Parquet.")
    String input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model saved by 'hepml train'.")
    String model;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--tta", description = "Test-time augmentation variants (default: the model's).")
    Integer tta;

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
        if (sparkOptions.local()) {
            // the tasks run in this JVM, briefly: Spark's generated code to C1 (-Dhepml.noJitDirectives=true turns it
            // off), and the kernel compiled while Spark starts and the model loads (-Dhepml.noWarmUp=true)
            if (!Boolean.getBoolean("hepml.noJitDirectives")) {
                String answer = JitDirectives.addOnce();
                if (sparkOptions.verbose()) {
                    spec.commandLine().getErr().println("hepml: compiler directives: " + answer);
                }
            }
            if (!Boolean.getBoolean("hepml.noWarmUp")) {
                KernelWarmUp.start(WARM_UP_BUDGET_MILLIS);
            }
        }
        try (Sessions.Handle s = Sessions.open("hepml score", sparkOptions)) {
            SparkSession spark = s.spark();
            OutputPaths.checkWritable(spark.sparkContext().hadoopConfiguration(), output, overwrite);
            Path mp = new Path(model);
            if (!mp.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(new Path(mp, "metadata"))) {
                throw new EventInputException(
                        "not a model directory: " + model + " (no metadata/; train one with 'hepml train')");
            }
            PipelineModel pm = PipelineModel.load(model);
            Transformer last = pm.stages()[pm.stages().length - 1];
            if (tta != null) {
                if (!(last instanceof DnnEnsembleModel)) {
                    throw new IllegalArgumentException("--tta needs a DNN ensemble model; " + model + " ends with "
                            + last.getClass().getSimpleName());
                }
                ((DnnEnsembleModel) last).setTestTimeAugmentation(tta);
            }
            double submissionCut =
                    submission == null ? Double.NaN : cut != null ? cut : HoldoutEvaluation.meanCut(spark, model);
            Dataset<Row> events = JobArgs.where(EventParquet.read(spark, input), where);
            long t0 = System.nanoTime();
            spark.sparkContext().setJobDescription("hepml score: " + input + " -> " + output);
            Dataset<Row> scored = ScoredOutput.of(pm.transform(events));
            // written under a hidden sibling and renamed into place when complete: a killed job leaves no partial
            // output
            OutputPaths.commit(spark.sparkContext().hadoopConfiguration(), output, overwrite, tmp -> {
                DataFrameWriter<Row> w = scored.write().mode(SaveMode.ErrorIfExists);
                if (fmt.equals("csv")) {
                    w.option("header", true).csv(tmp);
                } else {
                    w.parquet(tmp);
                }
            });
            double seconds = (System.nanoTime() - t0) / 1e9;
            long n = fmt.equals("csv")
                    ? spark.read().option("header", true).csv(output).count()
                    : spark.read().parquet(output).count();
            out.printf(
                    "scored %,d events in %.1f s (test-time augmentation %s) -> %s (%s)%n",
                    n,
                    seconds,
                    last instanceof DnnEnsembleModel d ? d.getTestTimeAugmentation() + "x" : "n/a",
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
}
