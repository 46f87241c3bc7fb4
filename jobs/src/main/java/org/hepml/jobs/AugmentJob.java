package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.io.EventParquet;
import org.hepml.event.io.OutputPaths;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.WrittenRows;
import org.hepml.transformers.AugmentationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml augment}: applies the detector symmetries to a whole dataset. */
@Command(
        name = "augment",
        mixinStandardHelpOptions = true,
        header = "Rotates, flips, orients or converts events by the detector symmetries; grows a sample by copies.",
        description = "Applies, in this order: fixed orientation (--orient), rotation in phi, flip in z, flip in the "
                + "transverse plane, conversion to Cartesian momenta (--cartesian). Random choices come from (seed, "
                + "EventId, copy), so the output does not depend on partitioning. With --copies K every event is "
                + "written "
                + "K times, independently augmented; copy c gets EventId = EventId*K + c and keeps the original in "
                + "source_EventId. The DER_ features and scalars are untouched (they are invariant); absent jets stay "
                + "absent.")
public final class AugmentJob implements Callable<Integer> {
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

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(
            names = "--rotate",
            defaultValue = "random",
            paramLabel = "HOW",
            description = "random (uniform per event), none, or an angle in radians (default: ${DEFAULT-VALUE}).")
    String rotate;

    @Option(
            names = "--flip-z",
            defaultValue = "random",
            paramLabel = "HOW",
            description = "random (a fair coin per event), always or never (default: ${DEFAULT-VALUE}).")
    String flipZ;

    @Option(
            names = "--flip-transverse",
            defaultValue = "random",
            paramLabel = "HOW",
            description = "random, always or never: phi -> -phi (default: ${DEFAULT-VALUE}).")
    String flipTransverse;

    @Option(names = "--orient", description = "First turn each event to lepton phi = 0, tau phi >= 0, lepton eta >= 0.")
    boolean orient;

    @Option(
            names = "--cartesian",
            description = "Write (px, py, pz) instead of (pt, eta, phi); PRI_met (met pT) is kept.")
    boolean cartesian;

    @Option(
            names = "--copies",
            defaultValue = "1",
            paramLabel = "K",
            description = "Independently augmented copies of every event (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--format",
            defaultValue = "parquet",
            paramLabel = "FMT",
            description =
                    "parquet or csv (CSV keeps the input's column names, with a header, and writes missing values "
                            + "as -999.0) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--mode",
            defaultValue = "error",
            paramLabel = "MODE",
            description = "error or overwrite, when the output exists (default: ${DEFAULT-VALUE}).")
    String mode;

    public static void main(String[] args) {
        System.exit(Hepml.run(
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), new AugmentJob(), args));
    }

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("parquet") && !fmt.equals("csv")) {
            throw new IllegalArgumentException("--format takes parquet or csv, got '" + format + "'");
        }
        AugmentationPlan plan = new AugmentationPlan(
                orient,
                rotate.toLowerCase(Locale.ROOT),
                flipZ.toLowerCase(Locale.ROOT),
                flipTransverse.toLowerCase(Locale.ROOT),
                cartesian,
                copies,
                seed);
        boolean overwrite = JobArgs.overwrite(mode);
        PrintWriter out = spec.commandLine().getOut();
        try (Sessions.Handle s = Sessions.open("hepml augment", sparkOptions)) {
            SparkSession spark = s.spark();
            OutputPaths.checkWritable(spark.sparkContext().hadoopConfiguration(), output, overwrite);
            Dataset<Row> events = EventParquet.read(spark, input);
            long start = System.nanoTime();
            spark.sparkContext().setJobDescription("hepml augment: " + input + " x" + copies + " -> " + output);
            DataFrameWriter<Row> w =
                    plan.apply(events).write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
            if (fmt.equals("csv")) {
                w.option("header", true).option("nullValue", "-999.0").csv(output);
            } else {
                w.parquet(output);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long n = WrittenRows.count(spark, output, fmt);
            out.printf(
                    "augmented %,d events (%d cop%s) in %.1f s -> %s (%s)%n",
                    n, copies, copies == 1 ? "y" : "ies", seconds, output, fmt);
            out.println("  stages: "
                    + String.join(
                            " -> ",
                            plan.stages(0).stream()
                                    .map(t -> t.getClass().getSimpleName())
                                    .toList()));
        }
        return 0;
    }
}
