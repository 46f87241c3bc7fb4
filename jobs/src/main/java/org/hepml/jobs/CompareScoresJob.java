package org.hepml.jobs;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.evaluation.ScoreColumn;
import org.hepml.event.HiggsEventSchema;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hepml compare-scores}: are two or more scorings of the same events the same, event by event? */
@Command(
        name = "compare-scores",
        mixinStandardHelpOptions = true,
        header = "Compares scored outputs (from 'score') event by event: identical, or how far apart.",
        description = "Joins each output with the first on EventId and reports events missing on either side, events "
                + "whose score differs in any bit, and the largest absolute difference. The score is the 'score' "
                + "column, or "
                + "element 1 of a 'probability' vector (a model's own output). Exits with 1 unless all are identical.")
public final class CompareScoresJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Parameters(arity = "2..*", paramLabel = "SCORED", description = "Scored outputs (Parquet, or CSV with a header).")
    List<String> inputs;

    public static void main(String[] args) {
        System.exit(Hepml.run(
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), new CompareScoresJob(), args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean identical = true;
        try (Sessions.Handle s = Sessions.open("hepml compare-scores", sparkOptions)) {
            SparkSession spark = s.spark();
            Dataset<Row> first = scores(spark, inputs.get(0), "a");
            for (String other : inputs.subList(1, inputs.size())) {
                Dataset<Row> b = scores(spark, other, "b");
                Row r = first.join(b, first.col("id").equalTo(b.col("id")), "full_outer")
                        .agg(
                                count(when(col("a").isNull(), 1)),
                                count(when(col("b").isNull(), 1)),
                                sum(when(
                                                col("a").isNotNull()
                                                        .and(col("b").isNotNull())
                                                        .and(col("a").notEqual(col("b"))),
                                                1)
                                        .otherwise(0)),
                                max(abs(col("a").minus(col("b")))),
                                count(when(col("a").isNotNull().and(col("b").isNotNull()), 1)))
                        .first();
                long onlyRight = r.getLong(0);
                long onlyLeft = r.getLong(1);
                long differ = r.isNullAt(2) ? 0 : r.getLong(2);
                double maxDiff = r.isNullAt(3) ? 0 : r.getDouble(3);
                boolean same = onlyLeft == 0 && onlyRight == 0 && differ == 0;
                identical &= same;
                out.printf(
                        "%s vs %s: %,d events in both, %,d only in the first, %,d only in the second, %,d scores "
                                + "differ "
                                + "(largest difference %.3g): %s%n",
                        inputs.get(0),
                        other,
                        r.getLong(4),
                        onlyLeft,
                        onlyRight,
                        differ,
                        maxDiff,
                        same ? "identical" : "DIFFERENT");
            }
        }
        return identical ? 0 : 1;
    }

    /** EventId as id, the score (the score column, else the probability vector's signal element) as {@code as}. */
    private static Dataset<Row> scores(SparkSession spark, String path, String as) {
        Dataset<Row> d = EvaluateJob.read(spark, path);
        String c = Arrays.asList(d.columns()).contains("score")
                        || !Arrays.asList(d.columns()).contains("probability")
                ? "score"
                : "probability";
        return d.select(
                col(HiggsEventSchema.EVENT_ID).cast("long").as("id"),
                ScoreColumn.of(d.schema(), c, "hepml compare-scores: " + path).as(as));
    }
}
