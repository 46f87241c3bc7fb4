package org.hepml.jobs;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.evaluation.WeightedRoc;
import org.hepml.event.io.EventParquet;
import org.hepml.event.weights.ClassTotals;
import org.hepml.jobs.cli.Hardware;
import org.hepml.jobs.cli.JsonText;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.TextTable;
import org.hepml.jobs.compare.ComparisonTable;
import org.hepml.jobs.compare.CrossValidation;
import org.hepml.jobs.compare.FoldMetrics;
import org.hepml.jobs.compare.Method;
import org.hepml.jobs.compare.Methods;
import org.hepml.jobs.compare.PairedDiagnostics;
import org.hepml.jobs.compare.ScoresFile;
import org.hepml.jobs.report.HtmlReport;
import org.hepml.jobs.report.Plots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hepml benchmark}: with {@code --input}, the methods compared on the same K folds of labelled events; its
 * subcommands time the library's own parts. Measurements are printed as tables, never timed assertions in tests.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        header = "Compares classifiers on the same folds (--input), or times parts: 'augment', 'ams', 'scoring', "
                + "'score-job', 'training'.",
        description = "With --input: K-fold cross-validation of each method in --methods on labelled event Parquet "
                + "(from ingest or generate): weighted AUC, mean bootstrap AMS and AMS at the bootstrap mean cut "
                + "(test-fold "
                + "weights rescaled per class to the challenge totals), weighted log-loss, train and score seconds; "
                + "mean ± std "
                + "over folds, printed and, with --output, written as results.md and results.json.",
        subcommands = {
            AugmentBenchmark.class,
            AmsBenchmark.class,
            ScoringBenchmark.class,
            ScoreJobBenchmark.class,
            TrainingBenchmark.class
        })
public final class BenchmarkJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--input", paramLabel = "DIR", description = "Labelled event Parquet to cross-validate on.")
    String input;

    @Option(names = "--folds", defaultValue = "5", description = "Folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(
            names = "--methods",
            defaultValue = "single-relu,ensemble",
            paramLabel = "LIST",
            description = "Comma-separated methods (default: ${DEFAULT-VALUE}); known: ${COMPLETION-CANDIDATES}.",
            completionCandidates = MethodNames.class)
    String methods;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the folds and the methods (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", defaultValue = "0", description = "Override every DNN's epochs (0: each method's own).")
    int epochs;

    @Option(
            names = "--members",
            defaultValue = "0",
            description = "Override every ensemble's members (0: each method's own).")
    int members;

    @Option(
            names = "--iterations",
            defaultValue = "0",
            description = "Override the peers' trees (GBT) or iterations (MLP) (0: their own).")
    int iterations;

    @Option(
            names = "--reference",
            paramLabel = "NAME",
            description =
                    "Method the others are paired against, fold by fold (default: ensemble when compared, else the "
                            + "first).")
    String reference;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description =
                    "Write results.md, results.json and scores.csv.gz (every method's out-of-fold score per event) "
                            + "here.")
    Path output;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description =
                    "Also write an HTML report: the table and every method's ROC curve (test folds pooled) on one "
                            + "plot.")
    Path report;

    /** The known method names, for the help text. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Methods.names().iterator();
        }
    }

    public static void main(String[] args) {
        System.exit(Hepml.run(
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), new BenchmarkJob(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (input == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
        List<Method> chosen = Methods.parse(methods, new Methods.Common(seed, epochs, members, iterations));
        PrintWriter out = spec.commandLine().getOut();
        try (Sessions.Handle s = Sessions.open("hepml benchmark", sparkOptions)) {
            Dataset<Row> events = JobArgs.labelled(EventParquet.read(s.spark(), input), input, "the comparison");
            long n = events.count();
            String hardware = Hardware.describe(s.spark().sparkContext().master());
            out.printf("%d-fold comparison of %s on %,d events (%s)%n", folds, methods, n, input);
            out.println(hardware);
            out.flush();
            CrossValidation.Result cv = CrossValidation.run(
                    s.spark(), events, chosen, folds, seed, spec.commandLine().getErr());
            Map<String, List<FoldMetrics>> results = cv.folds();
            Map<String, String> descriptions = new LinkedHashMap<>();
            chosen.forEach(m -> descriptions.put(m.name(), m.description()));
            ComparisonTable table = new ComparisonTable(results, descriptions, hardware);
            out.print(table.text());
            String ref = reference != null
                    ? reference
                    : results.containsKey("ensemble")
                            ? "ensemble"
                            : chosen.get(0).name();
            PairedDiagnostics paired = PairedDiagnostics.of(cv, ref, seed);
            TextTable pt = new TextTable(PairedDiagnostics.HEADER);
            paired.cells().forEach(r -> pt.row((Object[]) r));
            out.print(pt);
            out.println(paired.note());
            List<String> args = spec.commandLine().getParseResult().originalArgs();
            String command = "hepml " + (args.isEmpty() || !args.get(0).equals("benchmark") ? "benchmark " : "")
                    + String.join(" ", args);
            if (output != null) {
                Files.createDirectories(output);
                StringBuilder md = new StringBuilder(
                        table.markdown(String.format("%d-fold comparison on %,d events", folds, n), command));
                md.append("\n### Paired against ")
                        .append(ref)
                        .append(" and pooled\n\n")
                        .append(pt.markdown());
                md.append('\n').append(paired.note()).append('\n');
                Files.writeString(output.resolve("results.md"), md, StandardCharsets.UTF_8);
                Map<String, Object> json = table.json(command);
                json.put("paired", paired.json());
                Files.writeString(output.resolve("results.json"), JsonText.of(json), StandardCharsets.UTF_8);
                ScoresFile.write(output.resolve("scores.csv.gz"), cv);
                out.printf("-> %s (results.md, results.json, scores.csv.gz)%n", output);
            }
            if (report != null) {
                HtmlReport html = new HtmlReport(
                        report, String.format("hepml benchmark: %d-fold comparison on %,d events", folds, n));
                html.paragraph(command).paragraph(hardware);
                html.table(table.rows(true));
                html.paragraph("Mean ± standard deviation over folds. " + ComparisonTable.NOTE);
                descriptions.forEach((name, d) -> html.paragraph(name + ": " + d));
                Map<String, WeightedRoc> rocs = new LinkedHashMap<>();
                cv.pooled().forEach((name, a) -> rocs.put(name, WeightedRoc.of(a[0], a[1], a[2])));
                html.plot(Plots.roc(rocs), "roc");
                html.heading("Paired against " + ref + ", and pooled");
                List<String[]> prows = new java.util.ArrayList<>();
                prows.add(PairedDiagnostics.HEADER.clone());
                prows.addAll(paired.cells());
                html.table(prows).paragraph(paired.note());
                html.plot(
                        Plots.amsVsSelected(
                                cv.pooled(),
                                ClassTotals.CHALLENGE_TRAINING.signal(),
                                ClassTotals.CHALLENGE_TRAINING.background(),
                                0.4),
                        "ams-vs-selected");
                out.println("report written to " + html.write());
            }
        }
        return 0;
    }
}
