package org.hepml.jobs;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.hepml.ams.BootstrapResult;
import org.hepml.dnn.LearningRateFinder;
import org.hepml.estimators.DnnEnsembleClassifier;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.event.HiggsEventSchema;
import org.hepml.generate.GeneratedEvents;
import org.hepml.jobs.cli.ScoringInputs;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.report.HtmlReport;
import org.hepml.jobs.report.ReportSections;
import org.hepml.jobs.report.ScoredSample;
import org.hepml.random.RandomColumns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml demo}: the whole path on toy events, from generation to an HTML report, in a few minutes. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Generates toy events, trains a small ensemble, scores, evaluates and writes an HTML report.",
        description =
                "Generates --events toy events (WORK/events), holds out --holdout of them, runs the learning-rate "
                        + "range test, fits the reference pipeline (CartesianMomenta -> "
                        + "DnnEnsembleClassifier with "
                        + "--members members x --epochs epochs, augmentation, 1cycle) and saves it (WORK/model), "
                        + "scores the hold-out with the model as saved "
                        + "with test-time augmentation (WORK/scores), computes its AUC and bootstrap AMS, and "
                        + "writes the report "
                        + "(WORK/report/index.html).")
public final class DemoJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--events", defaultValue = "60000", description = "Toy events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--members", defaultValue = "5", description = "Ensemble members (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs per member (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--tta",
            defaultValue = "32",
            description = "Test-time augmentation variants (default: ${DEFAULT-VALUE}).")
    int tta;

    @Option(
            names = "--holdout",
            defaultValue = "0.25",
            description = "Share held out for the evaluation (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--work",
            defaultValue = "${java.io.tmpdir}/hepml-demo",
            paramLabel = "DIR",
            description = "Working directory, replaced if it exists (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--report", paramLabel = "DIR", description = "Where to write the report (default: WORK/report).")
    Path report;

    public static void main(String[] args) {
        System.exit(
                Hepml.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), new DemoJob(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (!(holdout > 0 && holdout < 1)) {
            throw new IllegalArgumentException("--holdout must be in (0, 1), got " + holdout);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path reportDir = report != null ? report : work.resolve("report");
        long start = System.nanoTime();
        try (Sessions.Handle s = Sessions.open("hepml demo", sparkOptions)) {
            SparkSession spark = s.spark();
            String eventsPath = work.resolve("events").toString();
            step(out, start, "generating %,d toy events -> %s", events, eventsPath);
            spark.sparkContext().setJobDescription("hepml demo: generating toy events");
            GeneratedEvents.generate(spark, events, seed)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(eventsPath);
            Dataset<Row> all = spark.read().parquet(eventsPath);
            Dataset<Row> train = all.where(
                    RandomColumns.holdout(seed, HiggsEventSchema.EVENT_ID).geq(holdout));
            Dataset<Row> held = all.where(
                    RandomColumns.holdout(seed, HiggsEventSchema.EVENT_ID).lt(holdout));

            DnnEnsembleClassifier dnn = new DnnEnsembleClassifier()
                    .setMembers(members)
                    .setEpochs(epochs)
                    .setSeed(seed)
                    .setTestTimeAugmentation(tta);
            step(out, start, "learning-rate range test");
            spark.sparkContext().setJobDescription("hepml demo: learning-rate range test");
            Dataset<Row> features = ReferencePipeline.features(false).fit(train).transform(train);
            LearningRateFinder.Curve lr = ReferencePipeline.readingInputs(dnn).findLearningRate(features, 1e-5, 10);
            out.printf("  suggested learning rate %.2e (the default 1cycle peak is 1e-2)%n", lr.suggested());

            step(out, start, "training %d members x %d epochs (progress per member and epoch below)", members, epochs);
            out.flush();
            long t0 = System.nanoTime();
            PipelineModel model = ReferencePipeline.build(dnn, false).fit(train);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            String modelPath = work.resolve("model").toString();
            model.write().overwrite().save(modelPath);
            DnnEnsembleModel ensemble = (DnnEnsembleModel) model.stages()[model.stages().length - 1];

            String scoresPath = work.resolve("scores").toString();
            step(out, start, "scoring the hold-out with %dx test-time augmentation -> %s", tta, scoresPath);
            spark.sparkContext().setJobDescription("hepml demo: scoring the hold-out");
            // the model as saved, loaded and written as 'hepml score' does: the demo checks the round trip, and it is
            // the one run that bin/hepml's class-data archive records (bin/lib/class-cache.sh)
            ScoreJob.scoreTo(spark, ScoringInputs.loadModel(spark, modelPath), held, scoresPath, true, "parquet");
            Dataset<Row> scored = spark.read().parquet(scoresPath);

            step(out, start, "evaluating");
            spark.sparkContext().setJobDescription("hepml demo: bootstrap AMS");
            HoldoutEvaluation.Figures f = HoldoutEvaluation.evaluate(scored, 1 / holdout, seed);
            BootstrapResult r = f.bootstrap();
            ScoredSample sample = f.sample();
            out.println("  " + f.line() + String.format(", bootstrap AMS %.3f ± %.3f", r.amsMean(), r.amsStd()));

            HtmlReport html = new HtmlReport(reportDir, "hepml demo");
            html.paragraph(String.format(
                    "%,d toy events (seed %d); %,d held out for evaluation; model in %s. Toy events "
                            + "are not the challenge: these figures show the machinery, not physics performance.",
                    events, seed, sample.total(), modelPath));
            ReportSections.learningRate(html, lr);
            ReportSections.training(
                    html,
                    ensemble.trainingLog(),
                    String.format(
                            "%d members x %d epochs in %.1f s; ensemble " + "weights ∝ 1 / validation loss.",
                            members, epochs, trainSeconds));
            ReportSections.evaluation(
                    html, String.format("hold-out, %dx TTA, weights x %.2f for the AMS", tta, 1 / holdout), sample, r);
            Path index = html.write();
            step(out, start, "report written to %s", index);
            spark.sparkContext().setJobDescription(null);
        }
        if (!Files.exists(reportDir.resolve("index.html"))) {
            throw new IllegalStateException("the report was not written to " + reportDir);
        }
        return 0;
    }

    private static void step(PrintWriter out, long start, String fmt, Object... args) {
        out.printf("[%5.1f s] %s%n", (System.nanoTime() - start) / 1e9, String.format(fmt, args));
        out.flush();
    }
}
