package org.hepml.jobs;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.dnn.LearningRateFinder;
import org.hepml.estimators.DnnEnsembleClassifier;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.event.io.EventParquet;
import org.hepml.jobs.cli.NetworkOptions;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml lr-find}: the learning-rate range test for the reference network on event Parquet. */
@Command(
        name = "lr-find",
        mixinStandardHelpOptions = true,
        header = "Learning-rate range test: loss against a geometrically growing learning rate.",
        description = "One pass over the events with the reference network (or the given width/depth/activation), the "
                + "learning rate growing from --lr-min to --lr-max; stops at divergence. Prints the curve "
                + "(every tenth point), "
                + "the suggested rate (at the smoothed loss's minimum, divided by 10) and writes the whole "
                + "curve as CSV.")
public final class LrFindJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    NetworkOptions network;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Labelled event Parquet.")
    String input;

    @Option(names = "--lr-min", defaultValue = "1e-5", description = "Start of the sweep (default: ${DEFAULT-VALUE}).")
    double lrMin;

    @Option(names = "--lr-max", defaultValue = "10", description = "End of the sweep (default: ${DEFAULT-VALUE}).")
    double lrMax;

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description = "Write the whole curve here (default: lr-find.csv).",
            defaultValue = "lr-find.csv")
    Path csv;

    public static void main(String[] args) {
        System.exit(
                Hepml.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), new LrFindJob(), args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Sessions.Handle s = Sessions.open("hepml lr-find", sparkOptions)) {
            Dataset<Row> events = EventParquet.read(s.spark(), input);
            DnnEnsembleClassifier dnn = network.classifier();
            PipelineModel prep = ReferencePipeline.features(false).fit(events);
            LearningRateFinder.Curve c =
                    ReferencePipeline.readingInputs(dnn).findLearningRate(prep.transform(events), lrMin, lrMax);
            TextTable t = new TextTable("learning rate", "batch loss", "smoothed loss");
            StringBuilder all = new StringBuilder("learning_rate,loss,smoothed_loss\n");
            for (int i = 0; i < c.learningRate().length; i++) {
                all.append(c.learningRate()[i])
                        .append(',')
                        .append(c.loss()[i])
                        .append(',')
                        .append(c.smoothedLoss()[i])
                        .append('\n');
                if (i % 10 == 0 || i == c.learningRate().length - 1) {
                    t.row(
                            String.format("%.3e", c.learningRate()[i]),
                            String.format("%.4f", c.loss()[i]),
                            String.format("%.4f", c.smoothedLoss()[i]));
                }
            }
            Files.writeString(csv, all.toString(), StandardCharsets.UTF_8);
            out.print(t);
            out.printf(
                    "%s after %d steps; suggested learning rate %.2e (smoothed-loss minimum / 10); curve -> %s%n",
                    c.diverged() ? "diverged" : "no divergence", c.learningRate().length, c.suggested(), csv);
        }
        return 0;
    }
}
