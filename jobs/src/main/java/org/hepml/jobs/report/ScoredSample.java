package org.hepml.jobs.report;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scores, labels and weights of scored events on the driver, for plots: all of them up to {@code max}, else a
 * seeded uniform sample of about {@code max} (the report says so).
 */
public record ScoredSample(double[] score, double[] label, double[] weight, long total, boolean sampled) {
    public static final long DEFAULT_MAX = 2_000_000;

    public static ScoredSample of(
            Dataset<Row> scored, String scoreCol, String labelCol, String weightCol, long max, long seed) {
        long total = scored.count();
        Dataset<Row> picked = total > max ? scored.sample(false, max / (double) total, seed) : scored;
        List<Row> rows = picked.select(
                        col(scoreCol).cast("double"),
                        col(labelCol).cast("double"),
                        col(weightCol).cast("double"))
                .collectAsList();
        int n = rows.size();
        double[] s = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            s[i] = r.getDouble(0);
            y[i] = r.getDouble(1);
            w[i] = r.getDouble(2);
        }
        return new ScoredSample(s, y, w, total, total > max);
    }

    public String note() {
        return sampled
                ? String.format("plots from a uniform sample of %,d of the %,d events", score.length, total)
                : String.format("plots from all %,d events", total);
    }
}
