package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.event.EventSummary;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.io.EventParquet;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml inspect}: what to check before training — schema, counts, weight sums, missing values. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        header = "Schema, counts, weight sums and missing values of event Parquet.",
        description = "Shows what to check before training: the schema, the number of events, events and weight "
                + "sums per label and per KaggleSet, and null (missing) counts per column, flagging nulls in columns "
                + "that are never missing in the challenge data.")
public final class InspectJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "DIR",
            description = "Event Parquet (from ingest or generate).")
    String input;

    public static void main(String[] args) {
        System.exit(Hepml.run(
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), new InspectJob(), args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Sessions.Handle s = Sessions.open("hepml inspect", sparkOptions)) {
            s.spark().sparkContext().setJobDescription("hepml inspect: " + input);
            Dataset<Row> events = EventParquet.read(s.spark(), input);
            EventSummary sum = EventSummary.of(events);
            out.println(input);
            out.print(events.schema().treeString());
            out.printf("%nevents: %,d%n", sum.events());
            print(out, "per label", sum.byLabel());
            print(out, "per KaggleSet", sum.byKaggleSet());
            TextTable nulls = new TextTable("column", "nulls", "fraction");
            int clean = 0;
            for (Map.Entry<String, Long> e : sum.nullCounts().entrySet()) {
                if (e.getValue() == 0) {
                    clean++;
                    continue;
                }
                String note = HiggsEventSchema.isFeature(e.getKey()) && !HiggsEventSchema.mayBeMissing(e.getKey())
                        ? "  (never missing in the challenge data!)"
                        : "";
                nulls.row(
                        e.getKey(),
                        String.format("%,d", e.getValue()),
                        String.format("%.4f", e.getValue() / (double) Math.max(1, sum.events())) + note);
            }
            out.printf("%nmissing values (null):%n");
            if (!nulls.isEmpty()) {
                out.print(nulls);
            }
            out.printf(
                    "%d of %d columns have no missing values%n",
                    clean, sum.nullCounts().size());
        }
        return 0;
    }

    private static void print(PrintWriter out, String title, java.util.List<EventSummary.Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        TextTable t = new TextTable(title, "events", "weight sum");
        for (EventSummary.Group g : groups) {
            t.row(
                    g.key(),
                    String.format("%,d", g.events()),
                    Double.isNaN(g.weightSum()) ? "-" : String.format("%,.3f", g.weightSum()));
        }
        out.println();
        out.print(t);
    }
}
