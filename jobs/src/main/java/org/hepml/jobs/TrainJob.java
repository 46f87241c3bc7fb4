package org.hepml.jobs;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.hepml.dnn.LearningRateFinder;
import org.hepml.estimators.DnnEnsembleClassifier;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.io.EventInputException;
import org.hepml.event.io.EventParquet;
import org.hepml.event.io.OutputPaths;
import org.hepml.jobs.cli.NetworkOptions;
import org.hepml.jobs.cli.ScoredOutput;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.report.HtmlReport;
import org.hepml.jobs.report.ReportSections;
import org.hepml.random.RandomColumns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml train}: fits the reference pipeline and DNN ensemble on event Parquet, saves the PipelineModel. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        header = "Trains the DNN ensemble (the reference pipeline) on event Parquet and saves it.",
        description = "Holds out --holdout of the events (by a hash of EventId) for validation scores, fits "
                + "CartesianMomenta -> DnnEnsembleClassifier on the rest, saves the "
                + "PipelineModel to "
                + "--model (members as parameter files with their SHA-256, training-log.csv under stages/), writes "
                + "the hold-out scores to "
                + "MODEL/validation-scores and their AUC and bootstrap AMS (with the mean cut that 'score "
                + "--submission' uses) "
                + "to MODEL/holdout-evaluation.json. Members train in parallel, one Spark "
                + "task each; progress per member and epoch goes to the console.")
public final class TrainJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    NetworkOptions network;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "DIR",
            description = "Labelled event Parquet (ingest or generate).")
    String input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Where to save the model.")
    String model;

    @Option(names = "--members", defaultValue = "10", description = "Ensemble members (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--epochs", defaultValue = "15", description = "Epochs per member (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--lr",
            defaultValue = "0.01",
            description = "Peak (1cycle) or constant learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--schedule",
            defaultValue = "onecycle",
            description = "onecycle, constant or cosine (annealing with warm restarts) (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(
            names = "--restart-period",
            defaultValue = "1",
            paramLabel = "EPOCHS",
            description = "cosine: length of the first cycle in epochs (default: ${DEFAULT-VALUE}).")
    double restartPeriod;

    @Option(
            names = "--restart-multiplier",
            defaultValue = "2",
            description = "cosine: each cycle this many times longer than the last (default: ${DEFAULT-VALUE}).")
    double restartMultiplier;

    @Option(
            names = "--swa-start",
            defaultValue = "-1",
            paramLabel = "EPOCH",
            description =
                    "Stochastic weight averaging from this 0-based epoch, -1 for none (default: ${DEFAULT-VALUE}).")
    int swaStart;

    @Option(
            names = "--swa-renewal",
            defaultValue = "0",
            paramLabel = "EPOCHS",
            description = "SWA: try a fresh average every this many epochs, 0 for never (default: ${DEFAULT-VALUE}).")
    int swaRenewal;

    @Option(
            names = "--training-mode",
            defaultValue = "auto",
            paramLabel = "MODE",
            description = "members (one Spark task per member, data broadcast), dataParallel (each member across the "
                    + "executors with synchronous parameter averaging, nothing collected) or auto (by data "
                    + "size) (default: ${DEFAULT-VALUE}).")
    String trainingMode;

    @Option(
            names = "--averaging-steps",
            defaultValue = "8",
            paramLabel = "STEPS",
            description = "dataParallel: mini-batch steps each partition runs between two averagings (default: "
                    + "${DEFAULT-VALUE}).")
    int averagingSteps;

    @Option(names = "--no-augment", description = "Train without random rotations and flips.")
    boolean noAugment;

    @Option(names = "--orient", description = "Fix each event's orientation first (the alternative to augmentation).")
    boolean orient;

    @Option(
            names = "--tta",
            defaultValue = "32",
            description = "Test-time augmentation variants when scoring: 1, 8, 32 (default: ${DEFAULT-VALUE}).")
    int tta;

    @Option(
            names = "--holdout",
            defaultValue = "0.2",
            description = "Share of events held out for validation scores, 0 for none (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description =
                    "Also write an HTML report: the learning-rate range test on the training events, loss per epoch "
                            + "per "
                            + "member, and (with a hold-out) its AMS table, ROC curve, score distributions and AMS "
                            + "against the cut.")
    Path report;

    @Option(
            names = "--where",
            paramLabel = "SQL",
            description = "Only the events that pass this Spark SQL condition, e.g. \"KaggleSet = 't'\".")
    String where;

    @Option(
            names = "--mode",
            defaultValue = "error",
            paramLabel = "MODE",
            description = "error or overwrite, when the model exists (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--checkpoints",
            paramLabel = "DIR",
            description =
                    "Where finished members are kept while training (default: MODEL.checkpoints, beside the model; "
                            + "removed once the model is written). On a cluster, a file system the executors share, "
                            + "such as HDFS.")
    String checkpoints;

    @Option(
            names = "--resume",
            description = "Continue an interrupted training from its checkpoints: finished members "
                    + "are read back, not trained again. Refused when the checkpoints belong to other data "
                    + "or settings.")
    boolean resume;

    public static void main(String[] args) {
        System.exit(
                Hepml.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), new TrainJob(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (!(holdout >= 0 && holdout < 1)) {
            throw new IllegalArgumentException("--holdout must be in [0, 1), got " + holdout);
        }
        boolean overwrite = JobArgs.overwrite(mode);
        PrintWriter out = spec.commandLine().getOut();
        try (Sessions.Handle s = Sessions.open("hepml train", sparkOptions)) {
            SparkSession spark = s.spark();
            OutputPaths.checkWritable(spark.sparkContext().hadoopConfiguration(), model, overwrite);
            Dataset<Row> events =
                    JobArgs.labelled(JobArgs.where(EventParquet.read(spark, input), where), input, "training");
            long seed = network.seed();
            Dataset<Row> fitSet = holdout > 0
                    ? events.where(RandomColumns.holdout(seed, HiggsEventSchema.EVENT_ID)
                            .geq(holdout))
                    : events;
            DnnEnsembleClassifier dnn = network.classifier()
                    .setMembers(members)
                    .setEpochs(epochs)
                    .setLearningRate(lr)
                    .setSchedule(schedule)
                    .setRestartPeriod(restartPeriod)
                    .setRestartMultiplier(restartMultiplier)
                    .setSwaStart(swaStart)
                    .setSwaRenewal(swaRenewal)
                    .setTrainingMode(trainingMode)
                    .setAveragingSteps(averagingSteps)
                    .setAugment(!noAugment)
                    .setTestTimeAugmentation(tta);
            LearningRateFinder.Curve lrCurve = null;
            if (report != null) {
                spark.sparkContext().setJobDescription("hepml train: learning-rate range test for the report");
                Dataset<Row> features =
                        ReferencePipeline.features(orient).fit(fitSet).transform(fitSet);
                lrCurve = ReferencePipeline.readingInputs(dnn).findLearningRate(features, 1e-5, 10);
            }
            String checkpointDir = checkpoints != null ? checkpoints : model + ".checkpoints";
            org.apache.hadoop.fs.Path cp = new org.apache.hadoop.fs.Path(checkpointDir);
            org.apache.hadoop.fs.FileSystem cfs =
                    cp.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (cfs.exists(cp) && !resume) {
                throw new EventInputException("checkpoints of an interrupted training exist in " + checkpointDir
                        + ": pass --resume to continue it, or delete that directory to start over");
            }
            if (!cfs.exists(cp) && resume) {
                out.println("nothing to resume in " + checkpointDir + ": training every member");
            }
            dnn.setCheckpointDir(checkpointDir);
            long t0 = System.nanoTime();
            PipelineModel fitted = ReferencePipeline.build(dnn, orient).fit(fitSet);
            double seconds = (System.nanoTime() - t0) / 1e9;
            DnnEnsembleModel ensemble = (DnnEnsembleModel) fitted.stages()[fitted.stages().length - 1];
            Object resumed = ensemble.provenance().get("resumedMembers");
            out.printf(
                    "trained %d members x %d epochs (%s) in %.1f s -> %s%s%n",
                    members,
                    epochs,
                    ensemble.provenance().get("trainingMode"),
                    seconds,
                    model,
                    resumed instanceof java.util.List<?> l && !l.isEmpty()
                            ? " (members " + l + " read back from " + checkpointDir + ", not trained again)"
                            : "");
            out.printf(
                    "  member validation losses %s, ensemble weights %s%n",
                    fmt(ensemble.validationLosses()), fmt(ensemble.ensembleWeights()));
            // the model directory, with its hold-out scores and figures, appears at MODEL only once complete
            HoldoutEvaluation.Figures held =
                    OutputPaths.commitReturning(spark.sparkContext().hadoopConfiguration(), model, overwrite, dir -> {
                        fitted.write().save(dir);
                        return holdout > 0 ? evaluateHoldout(spark, events, fitted, dir, seed, out) : null;
                    });
            cfs.delete(cp, true);
            if (report != null) {
                HtmlReport html = new HtmlReport(report, "hepml train: " + model);
                ReportSections.learningRate(html, lrCurve);
                ReportSections.training(
                        html,
                        ensemble.trainingLog(),
                        String.format(
                                "%d members x %d epochs (%s) in %.1f s on %s; " + "member validation losses %s.",
                                members,
                                epochs,
                                ensemble.provenance().get("trainingMode"),
                                seconds,
                                input,
                                fmt(ensemble.validationLosses())));
                if (held != null) {
                    ReportSections.evaluation(
                            html,
                            String.format("hold-out %.0f %% of the events", holdout * 100),
                            held.sample(),
                            held.bootstrap());
                }
                out.println("  report written to " + html.write());
            }
        }
        return 0;
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("%.4f", v[i]));
        }
        return sb.append(']').toString();
    }

    /** Scores the hold-out with the fitted pipeline into DIR/validation-scores and DIR/holdout-evaluation.json. */
    private HoldoutEvaluation.Figures evaluateHoldout(
            SparkSession spark, Dataset<Row> events, PipelineModel fitted, String dir, long seed, PrintWriter out)
            throws Exception {
        Dataset<Row> heldOut = events.where(
                RandomColumns.holdout(seed, HiggsEventSchema.EVENT_ID).lt(holdout));
        String scoresPath = dir + "/validation-scores";
        ScoredOutput.of(fitted, heldOut).write().mode(SaveMode.Overwrite).parquet(scoresPath);
        HoldoutEvaluation.Figures f = HoldoutEvaluation.evaluate(spark.read().parquet(scoresPath), 1.0 / holdout, seed);
        out.println("  " + f.line() + " -> " + model + "/validation-scores");
        HoldoutEvaluation.write(spark, dir, f.json());
        return f;
    }
}
