package org.hepml.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.io.OutputPaths;
import org.hepml.generate.GeneratedEvents;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml generate}: toy HiggsML-schema events (a toy, not ATLAS simulation) to event Parquet. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        header = "Toy HiggsML-schema events (a toy, not ATLAS simulation) to event Parquet.",
        description = "Writes toy events in the HiggsML schema: H(125)->tautau signal against Z(91)->tautau and "
                + "W+fake-tau background, 0-3 jets, isotropic in phi and symmetric in eta, derived features computed "
                + "from the primary ones. A TOY for demos and tests, not a simulation of ATLAS. The same seed gives "
                + "the "
                + "same events whatever the number of partitions; weights sum to the challenge training totals "
                + "(signal 691.99, background 410,999.85).")
public final class GenerateJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(
            names = "--events",
            defaultValue = "100000",
            paramLabel = "N",
            description = "Number of events (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--output",
            defaultValue = "generated-events",
            paramLabel = "DIR",
            description = "Parquet output directory (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(
            names = "--partitions",
            paramLabel = "P",
            description = "Output partitions (default: one per 250,000 events, at least Spark's parallelism).")
    Integer partitions;

    @Option(
            names = "--mode",
            defaultValue = "error",
            paramLabel = "MODE",
            description = "error or overwrite, when the output exists (default: ${DEFAULT-VALUE}).")
    String mode;

    public static void main(String[] args) {
        System.exit(Hepml.run(
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), new GenerateJob(), args));
    }

    @Override
    public Integer call() throws IOException {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1, got " + events);
        }
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        boolean overwrite = JobArgs.overwrite(mode);
        PrintWriter out = spec.commandLine().getOut();
        try (Sessions.Handle s = Sessions.open("hepml generate", sparkOptions)) {
            SparkSession spark = s.spark();
            OutputPaths.checkWritable(spark.sparkContext().hadoopConfiguration(), output, overwrite);
            long start = System.nanoTime();
            spark.sparkContext().setJobDescription("hepml generate: " + events + " toy events -> " + output);
            (partitions == null
                            ? GeneratedEvents.generate(spark, events, seed)
                            : GeneratedEvents.generate(spark, events, seed, partitions))
                    .write()
                    .mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
                    .parquet(output);
            double seconds = (System.nanoTime() - start) / 1e9;
            Row c = spark.read()
                    .parquet(output)
                    .agg(
                            count(lit(1)),
                            sum(col(HiggsEventSchema.LABEL)),
                            sum(col(HiggsEventSchema.WEIGHT).multiply(col(HiggsEventSchema.LABEL))),
                            sum(col(HiggsEventSchema.WEIGHT).multiply(lit(1.0).minus(col(HiggsEventSchema.LABEL)))))
                    .first();
            long n = c.getLong(0);
            long signal = Math.round(c.getDouble(1));
            out.printf("generated %,d toy events (seed %d) in %.1f s -> %s%n", n, seed, seconds, output);
            out.printf(
                    "  signal %,d (weight sum %.2f), background %,d (weight sum %.2f)%n",
                    signal, c.getDouble(2), n - signal, c.getDouble(3));
        }
        return 0;
    }
}
