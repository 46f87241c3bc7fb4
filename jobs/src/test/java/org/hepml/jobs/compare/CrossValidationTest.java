package org.hepml.jobs.compare;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossValidationTest {
    /** Scores the column {@code x} as the signal probability: a "model" whose figures are known in advance. */
    static final class ColumnScore extends Transformer {
        private final String column;

        ColumnScore(String column) {
            this.column = column;
        }

        @Override
        public Dataset<Row> transform(Dataset<?> d) {
            return d.withColumn(
                    "probability",
                    org.apache.spark.ml.functions.array_to_vector(array(lit(1.0).minus(col(column)), col(column))));
        }

        @Override
        public StructType transformSchema(StructType schema) {
            return schema;
        }

        @Override
        public Transformer copy(ParamMap extra) {
            return this;
        }

        @Override
        public String uid() {
            return "columnScore";
        }
    }

    private static Dataset<Row> events(SparkSession spark) {
        // 2,000 events: label alternates; x separates the classes partly, y is x reversed (a worse score)
        return spark.range(1000, 3000)
                .withColumnRenamed("id", "EventId")
                .withColumn("Label", when(col("EventId").mod(2).equalTo(0), 1.0).otherwise(0.0))
                .withColumn("Weight", when(col("Label").equalTo(1), 0.01).otherwise(1.0))
                .withColumn(
                        "x",
                        col("Label").multiply(0.3).plus(col("EventId").mod(97).divide(97.0 / 0.7)))
                .withColumn("y", lit(1.0).minus(col("x")));
    }

    /** A method and its TTA-like variant share one fit per fold; scores are aligned by fold then EventId. */
    @Test
    void sharedFitsOncePerFoldAndAlignsScores(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        AtomicInteger fits = new AtomicInteger();
        Method base = new Methods.Named("x", "scores x", train -> {
            fits.incrementAndGet();
            return new ColumnScore("x");
        });
        Method variant = new Methods.Named(
                "x-again",
                "the same fit, scored through a wrapper",
                base::fit,
                base.fitKey(),
                UnaryOperator.identity());
        AtomicInteger otherFits = new AtomicInteger();
        Method worse = new Methods.Named("y", "scores 1 - x", train -> {
            otherFits.incrementAndGet();
            return new ColumnScore("y");
        });
        CrossValidation.Result cv = CrossValidation.run(
                spark, events(spark), List.of(base, variant, worse), 3, 5, new PrintWriter(new StringWriter()));
        assertEquals(3, fits.get(), "one fit per fold for x and x-again");
        assertEquals(3, otherFits.get());
        assertEquals(2000, cv.ids().length);
        for (int i = 1; i < cv.ids().length; i++) {
            assertTrue(
                    cv.fold()[i] > cv.fold()[i - 1]
                            || (cv.fold()[i] == cv.fold()[i - 1] && cv.ids()[i] > cv.ids()[i - 1]),
                    "sorted by fold, then EventId at " + i);
        }
        assertArrayEquals(cv.pooled().get("x")[0], cv.pooled().get("x-again")[0]);
        for (int i = 0; i < cv.ids().length; i++) {
            long id = cv.ids()[i];
            double x = (id % 2 == 0 ? 0.3 : 0) + (id % 97) / (97.0 / 0.7);
            assertEquals(x, cv.pooled().get("x")[0][i], 1e-12, "score of EventId " + id);
            assertEquals(1 - x, cv.pooled().get("y")[0][i], 1e-12);
        }
        assertEquals(
                cv.folds().get("x").get(1).trainSeconds(),
                cv.folds().get("x-again").get(1).trainSeconds());

        PairedDiagnostics p = PairedDiagnostics.of(cv, "x", 5);
        PairedDiagnostics.Row y = p.rows().get(2);
        assertEquals("y", y.method());
        assertEquals(0, y.aucWins(), "1 - x ranks every pair the other way: never better");
        assertEquals(1 - p.rows().get(0).pooledAuc(), y.pooledAuc(), 1e-9);
        assertTrue(y.deltaAuc()[0] < -0.5, "ΔAUC " + y.deltaAuc()[0]);
        assertEquals(0.0, p.rows().get(1).deltaAuc()[0]);
        assertEquals("(reference)", p.cells().get(0)[4]);

        Path file = dir.resolve("scores.csv.gz");
        ScoresFile.write(file, cv);
        List<String> lines;
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            lines = r.lines().collect(Collectors.toList());
        }
        assertEquals("EventId,fold,label,weight,x,x-again,y", lines.get(0));
        assertEquals(2001, lines.size());
        String[] row = lines.get(1).split(",");
        assertEquals(cv.ids()[0], Long.parseLong(row[0]));
        assertEquals(cv.pooled().get("y")[0][0], Double.parseDouble(row[6]));
        assertTrue(Files.list(dir).noneMatch(f -> f.toString().endsWith(".tmp")));
    }

    /** Per-fold differences: mean and sample std by hand; wins are strict. */
    @Test
    void pairedDifferencesByHand() {
        List<FoldMetrics> ref = List.of(fm(0, 0.80, 2.0), fm(1, 0.90, 3.0), fm(2, 0.85, 4.0));
        List<FoldMetrics> m = List.of(fm(0, 0.82, 1.0), fm(1, 0.90, 5.0), fm(2, 0.86, 4.0));
        double[] d = PairedDiagnostics.delta(m, ref, FoldMetrics::amsAtMeanCut);
        assertEquals(1.0 / 3, d[0], 1e-12); // differences -1, 2, 0
        assertEquals(
                Math.sqrt(((-4.0 / 3) * (-4.0 / 3) + (5.0 / 3) * (5.0 / 3) + (1.0 / 3) * (1.0 / 3)) / 2), d[1], 1e-12);
        assertEquals(1, PairedDiagnostics.wins(m, ref, FoldMetrics::amsAtMeanCut));
        assertEquals(2, PairedDiagnostics.wins(m, ref, FoldMetrics::auc));
    }

    private static FoldMetrics fm(int fold, double auc, double ams) {
        return new FoldMetrics(fold, 1, auc, 0, ams, 0, 0, 0, 0, 0);
    }
}
