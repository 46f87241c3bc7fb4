package org.hepml.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.ams.BootstrapResult;
import org.hepml.evaluation.BootstrapAmsEvaluator;
import org.hepml.evaluation.WeightedRoc;
import org.hepml.event.io.EventInputException;
import org.hepml.event.io.EventParquet;
import org.hepml.jobs.cli.JsonText;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.TextTable;
import org.hepml.jobs.report.HtmlReport;
import org.hepml.jobs.report.ReportSections;
import org.hepml.jobs.report.ScoredSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml evaluate}: AMS (overall, bootstrap mean cut, per group) and weighted AUC of scored events. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        header = "AMS with the bootstrap mean cut, and weighted AUC, of scored events.",
        description = "Reads scored events (Parquet or CSV with a header) and prints: the overall maximal AMS and its "
                + "cut, the mean AMS of R bootstrap resamples (each at its own optimal cut) with its spread, the "
                + "mean cut, "
                + "the AMS at the mean cut, and the weighted ROC AUC. With --by COL, the AMS of each group at the "
                + "mean cut, "
                + "each with its own weights as they are (on the CERN file KaggleWeight is normalised within each "
                + "KaggleSet, so --by KaggleSet --cut-from t gives the public (b) and private (v) AMS).")
public final class EvaluateJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH",
            description = "Scored events: Parquet, or CSV with a header.")
    String input;

    @Option(
            names = "--score-col",
            defaultValue = "score",
            paramLabel = "COL",
            description =
                    "Signal score: numeric, or a vector such as probability (element 1) (default: ${DEFAULT-VALUE}).")
    String scoreCol;

    @Option(
            names = "--label-col",
            defaultValue = "label",
            paramLabel = "COL",
            description = "1 signal, 0 background (default: ${DEFAULT-VALUE}).")
    String labelCol;

    @Option(
            names = "--weight-col",
            defaultValue = "weight",
            paramLabel = "COL",
            description = "Event weights (default: ${DEFAULT-VALUE}).")
    String weightCol;

    @Option(
            names = "--weight-scale",
            paramLabel = "F",
            description = "Multiply all weights by F (N/n for a uniform subset of n of N).")
    Double weightScale;

    @Option(
            names = "--class-totals",
            arity = "2",
            paramLabel = "TOTAL",
            description = "Rescale signal and background weights to these sums, e.g. 691.99 410999.85.")
    double[] classTotals;

    @Option(
            names = "--resamples",
            defaultValue = "512",
            paramLabel = "R",
            description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cut", paramLabel = "C", description = "Also report the AMS at this cut.")
    Double cut;

    @Option(
            names = "--by",
            paramLabel = "COL",
            description = "Report the AMS of each group of this column at the mean cut.")
    String by;

    @Option(
            names = "--cut-from",
            paramLabel = "VALUE",
            description = "With --by: find the mean cut on this group only (e.g. t).")
    String cutFrom;

    @Option(
            names = "--mode",
            defaultValue = "auto",
            paramLabel = "MODE",
            description =
                    "auto, memory or distributed bootstrap (default: ${DEFAULT-VALUE}: memory up to 5 million events).")
    String mode;

    @Option(names = "--any-score", description = "Accept scores outside [0, 1] (margins rather than probabilities).")
    boolean anyScore;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure to this JSON file.")
    Path json;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Also write an HTML report (index.html: the AMS table, ROC curve, score distributions, AMS "
                    + "against the cut).")
    Path report;

    public static void main(String[] args) {
        System.exit(Hepml.run(
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), new EvaluateJob(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (weightScale != null && classTotals != null) {
            throw new IllegalArgumentException("give --weight-scale or --class-totals, not both");
        }
        if (cutFrom != null && by == null) {
            throw new IllegalArgumentException("--cut-from needs --by");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Sessions.Handle s = Sessions.open("hepml evaluate", sparkOptions)) {
            SparkSession spark = s.spark();
            Dataset<Row> all = read(spark, input);
            if (by != null && !Arrays.asList(all.columns()).contains(by)) {
                throw new IllegalArgumentException(
                        "--by column '" + by + "' not found; columns are " + String.join(", ", all.columns()));
            }
            Dataset<Row> fit =
                    cutFrom == null ? all : all.where(col(by).cast("string").equalTo(cutFrom));
            BootstrapAmsEvaluator ev = new BootstrapAmsEvaluator()
                    .setScoreCol(scoreCol)
                    .setLabelCol(labelCol)
                    .setWeightCol(weightCol)
                    .setResamples(resamples)
                    .setSeed(seed)
                    .setMode(mode)
                    .setScoreIsProbability(!anyScore);
            if (weightScale != null) {
                ev.setWeightScale(weightScale);
            }
            if (classTotals != null) {
                ev.setClassTotals(classTotals[0], classTotals[1]);
            }
            spark.sparkContext().setJobDescription("hepml evaluate: bootstrap of " + resamples + " resamples");
            long t0 = System.nanoTime();
            BootstrapResult r = ev.bootstrap(fit);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double auc = WeightedRoc.of(fit, scoreCol, labelCol, weightCol).auc();
            long events = fit.count();

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("events", events);
            figures.put("ams_max", r.amsMax());
            figures.put("cut_at_max", r.cutAtMax());
            figures.put("ams_mean", r.amsMean());
            figures.put("ams_std", r.amsStd());
            figures.put("mean_cut", r.meanCut());
            figures.put("cut_std", r.cutStd());
            figures.put("ams_at_mean_cut", r.amsAtMeanCut());
            figures.put("auc", auc);
            figures.put("resamples", resamples);
            figures.put("seed", seed);
            TextTable t = new TextTable("figure", "value");
            t.row("events" + (cutFrom == null ? "" : " (" + by + " = " + cutFrom + ")"), String.format("%,d", events));
            t.row("overall max AMS (at cut " + f(r.cutAtMax()) + ")", f(r.amsMax()));
            t.row("bootstrap AMS, mean ± std of " + resamples, f(r.amsMean()) + " ± " + f(r.amsStd()));
            t.row("mean cut ± std", f(r.meanCut()) + " ± " + f(r.cutStd()));
            t.row("AMS at the mean cut", f(r.amsAtMeanCut()));
            t.row("weighted ROC AUC", f(auc));
            if (cut != null) {
                double atCut = ev.amsAt(fit, cut);
                figures.put("cut", cut);
                figures.put("ams_at_cut", atCut);
                t.row("AMS at cut " + f(cut), f(atCut));
            }
            out.printf("%s: bootstrap in %.1f s%n", input, seconds);
            out.print(t);
            if (by != null) {
                Map<String, Object> groups = new LinkedHashMap<>();
                TextTable g = new TextTable(by, "events", "AMS at mean cut " + f(r.meanCut()));
                BootstrapAmsEvaluator asIs = new BootstrapAmsEvaluator()
                        .setScoreCol(scoreCol)
                        .setLabelCol(labelCol)
                        .setWeightCol(weightCol)
                        .setScoreIsProbability(!anyScore);
                List<Row> keys = all.select(col(by).cast("string"))
                        .distinct()
                        .orderBy(col(by).cast("string"))
                        .collectAsList();
                for (Row k : keys) {
                    String key = k.isNullAt(0) ? "null" : k.getString(0);
                    Dataset<Row> part = all.where(col(by).cast("string").equalTo(key));
                    long n = part.count();
                    Map<String, Object> gf = new LinkedHashMap<>();
                    gf.put("events", n);
                    String value;
                    try {
                        double a = asIs.amsAt(part, r.meanCut());
                        gf.put("ams_at_mean_cut", a);
                        value = f(a);
                    } catch (IllegalArgumentException e) {
                        gf.put("ams_at_mean_cut", null);
                        gf.put("note", e.getMessage());
                        value = "- (" + e.getMessage().replaceFirst("^\\w+: ", "") + ")";
                    }
                    groups.put(key, gf);
                    g.row(key, String.format("%,d", n), value);
                }
                figures.put("by", by);
                figures.put("groups", groups);
                out.println();
                out.print(g);
            }
            if (json != null) {
                Files.writeString(json, JsonText.of(figures), StandardCharsets.UTF_8);
                out.println("figures written to " + json);
            }
            if (report != null) {
                HtmlReport html = new HtmlReport(report, "hepml evaluate: " + input);
                ReportSections.evaluation(
                        html,
                        input + (cutFrom == null ? "" : " (" + by + " = " + cutFrom + ")"),
                        ScoredSample.of(fit, scoreCol, labelCol, weightCol, ScoredSample.DEFAULT_MAX, seed),
                        r);
                out.println("report written to " + html.write());
            }
        }
        return 0;
    }

    private static String f(double v) {
        return String.format("%.4f", v);
    }

    /** Parquet when the path holds Parquet, else CSV with a header. */
    static Dataset<Row> read(SparkSession spark, String path) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        try {
            if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
                throw new EventInputException("input not found: " + path);
            }
        } catch (java.io.IOException e) {
            throw new EventInputException("cannot access " + path + ": " + e.getMessage(), e);
        }
        if (EventParquet.isParquetPath(spark, path)) {
            return spark.read().parquet(path);
        }
        return spark.read().option("header", true).option("inferSchema", true).csv(path);
    }
}
