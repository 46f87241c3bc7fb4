package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hepml.ams.BootstrapMeanCut;
import org.hepml.ams.BootstrapResult;
import org.hepml.ams.Resampling;
import org.hepml.ams.SortedScores;
import org.hepml.evaluation.BootstrapAmsEvaluator;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The bootstrap mean cut's cost: R resamples of N scored events, by each path. Goal: 512 × 550,000 in ≤ 10 s. */
@Command(
        name = "ams",
        mixinStandardHelpOptions = true,
        header = "Bootstrap AMS: R resamples of N scored events, in memory and distributed.",
        description = "Draws N synthetic scored events (signal scores around 0.65, background around 0.35, "
                + "challenge-like weights) and times: the in-memory core on arrays (one sort + R scans), the "
                + "BootstrapAmsEvaluator on a DataFrame in memory mode (adds the validation pass and the collect), "
                + "and the "
                + "distributed path (Poisson resamples, 100,000 bins; skip it with --no-distributed).")
final class AmsBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(
            names = "--events",
            defaultValue = "550000",
            paramLabel = "N",
            description = "Scored events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(
            names = "--resamples",
            defaultValue = "512",
            paramLabel = "R",
            description = "Resamples (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--no-distributed", description = "Skip the distributed path.")
    boolean noDistributed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SplittableRandom r = new SplittableRandom(1);
        double[] scores = new double[events];
        double[] labels = new double[events];
        double[] weights = new double[events];
        long[] ids = new long[events];
        List<Row> rows = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            labels[i] = r.nextDouble() < 0.34 ? 1 : 0;
            double x = labels[i] == 1 ? 0.65 + 0.2 * r.nextGaussian() : 0.35 + 0.2 * r.nextGaussian();
            scores[i] = Math.min(1, Math.max(0, x));
            weights[i] = labels[i] == 1 ? 0.002 : 1.5 * r.nextDouble();
            ids[i] = i;
            rows.add(RowFactory.create((long) i, scores[i], labels[i], weights[i]));
        }
        TextTable t = new TextTable("path", "events", "resamples", "seconds", "mean cut", "AMS at mean cut");
        long t0 = System.nanoTime();
        BootstrapResult core = new BootstrapMeanCut(resamples, 42, 10, Resampling.MULTINOMIAL)
                .run(SortedScores.of(scores, labels, weights, ids), 1, 1);
        row(t, "in-memory core (arrays; sort + scans)", t0, core);
        try (Sessions.Handle s = Sessions.open("hepml benchmark ams", sparkOptions)) {
            SparkSession spark = s.spark();
            StructType schema = DataTypes.createStructType(List.of(
                    DataTypes.createStructField("EventId", DataTypes.LongType, false),
                    DataTypes.createStructField("score", DataTypes.DoubleType, false),
                    DataTypes.createStructField("label", DataTypes.DoubleType, false),
                    DataTypes.createStructField("weight", DataTypes.DoubleType, false)));
            Dataset<Row> df = spark.createDataFrame(rows, schema).cache();
            df.count();
            BootstrapAmsEvaluator ev = new BootstrapAmsEvaluator()
                    .setScoreCol("score")
                    .setResamples(resamples)
                    .setSeed(42);
            t0 = System.nanoTime();
            row(
                    t,
                    "BootstrapAmsEvaluator, memory (DataFrame)",
                    t0,
                    ev.setMode("memory").bootstrap(df));
            if (!noDistributed) {
                t0 = System.nanoTime();
                row(
                        t,
                        "BootstrapAmsEvaluator, distributed",
                        t0,
                        ev.setMode("distributed").bootstrap(df));
            }
            out.print(t);
            out.printf(
                    "%nmachine: %d cores, Spark master %s, Java %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    spark.sparkContext().master(),
                    System.getProperty("java.version"));
        }
        return 0;
    }

    private void row(TextTable t, String path, long t0, BootstrapResult r) {
        t.row(
                path,
                String.format("%,d", events),
                String.valueOf(r.resamples()),
                String.format("%.2f", (System.nanoTime() - t0) / 1e9),
                String.format("%.4f", r.meanCut()),
                String.format("%.4f", r.amsAtMeanCut()));
    }
}
