package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hepml.event.io.BadRowPolicy;
import org.hepml.event.io.EventFileFormat;
import org.hepml.event.io.EventIngest;
import org.hepml.event.io.IngestReport;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml ingest}: HiggsML CSV (CERN Open Data, Kaggle training or test; plain or .gz) to event Parquet. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        header = "HiggsML CSV (CERN Open Data, Kaggle training or test; plain or .gz) to event Parquet.",
        description = "Reads the CERN Open Data file (35 columns), Kaggle training.csv (33) or test.csv (31), plain "
                + "or gzip, one file or a directory, and writes event Parquet: EventId, the 30 features as double "
                + "(-999.0 becomes null), label (1.0 signal, 0.0 background), weight (KaggleWeight where present, else "
                + "Weight), original_weight (the file's Weight) and KaggleSet. Columns are found by header name. No "
                + "line "
                + "is dropped silently: a bad line stops the ingest with file, line and column, or goes to "
                + "DIR/_quarantine with its reason.")
public final class IngestJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH",
            description = "CSV file, .csv.gz file, or directory of them.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Parquet output directory.")
    String output;

    @Option(
            names = "--format",
            defaultValue = "auto",
            paramLabel = "FORMAT",
            description =
                    "auto, cern, kaggle-train or kaggle-test (default: ${DEFAULT-VALUE}: detected from the header).")
    String format;

    @Option(
            names = "--mode",
            defaultValue = "error",
            paramLabel = "MODE",
            description = "error or overwrite, when the output exists (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--bad-rows",
            defaultValue = "fail",
            paramLabel = "POLICY",
            description = "fail: stop at the first bad line, naming file, line and column; quarantine: write good "
                    + "lines, put bad ones with their reason in DIR/_quarantine (default: ${DEFAULT-VALUE}).")
    String badRows;

    public static void main(String[] args) {
        System.exit(
                Hepml.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), new IngestJob(), args));
    }

    @Override
    public Integer call() {
        EventFileFormat fmt = format.equalsIgnoreCase("auto") ? null : EventFileFormat.fromCliName(format);
        boolean overwrite = JobArgs.overwrite(mode);
        BadRowPolicy policy = BadRowPolicy.fromCliName(badRows);
        PrintWriter out = spec.commandLine().getOut();
        try (Sessions.Handle s = Sessions.open("hepml ingest", sparkOptions)) {
            IngestReport r = EventIngest.from(input)
                    .to(output)
                    .format(fmt)
                    .overwrite(overwrite)
                    .badRows(policy)
                    .run(s.spark());
            out.printf(
                    "ingested %,d events from %d file(s), format %s, in %.1f s -> %s%n",
                    r.events(), r.files().size(), r.format().cliName(), r.seconds(), r.output());
            if (r.format().labelled()) {
                out.printf("  signal %,d, background %,d%n", r.signal(), r.background());
            }
            if (policy == BadRowPolicy.QUARANTINE) {
                out.printf(
                        "  quarantined %,d bad line(s)%s%n",
                        r.quarantined(),
                        r.quarantined() > 0
                                ? " -> " + r.quarantinePath() + " (JSON lines: file, line, column, reason, raw)"
                                : "");
            }
            if (!r.unusedColumns().isEmpty()) {
                out.println("  note: columns not used by the " + r.format().cliName() + " format were left out: "
                        + String.join(", ", r.unusedColumns()));
            }
        }
        return 0;
    }
}
