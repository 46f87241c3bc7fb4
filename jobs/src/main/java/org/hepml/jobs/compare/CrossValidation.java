package org.hepml.jobs.compare;

import static org.apache.spark.sql.functions.col;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.HiggsEventSchema;

/**
 * Runs every method on the same K folds: fit on K − 1 folds, score the held-out one, compute its
 * {@link FoldMetrics}. Progress (method, fold, figures, ETA) goes to {@code progress}.
 */
public final class CrossValidation {
    private CrossValidation() {}

    /**
     * Every method's figures per fold, and its test scores of all folds pooled: {score, label, weight}, in the order
     * of {@code ids} and {@code fold} (by fold, then EventId), the same for every method.
     */
    public record Result(
            Map<String, List<FoldMetrics>> folds, Map<String, double[][]> pooled, long[] ids, int[] fold) {}

    public static Result run(
            SparkSession spark, Dataset<Row> events, List<Method> methods, int k, long seed, PrintWriter progress) {
        Dataset<Row> withFold = events.withColumn("_fold", Folds.of(seed, k)).cache();
        Map<String, List<FoldMetrics>> results = new LinkedHashMap<>();
        Map<String, List<double[][]>> parts = new LinkedHashMap<>();
        methods.forEach(m -> {
            results.put(m.name(), new ArrayList<>());
            parts.put(m.name(), new ArrayList<>());
        });
        List<long[]> foldIds = new ArrayList<>();
        long start = System.nanoTime();
        int done = 0;
        int total = k * methods.size();
        for (int fold = 0; fold < k; fold++) {
            Dataset<Row> train = withFold.where(col("_fold").notEqual(fold)).drop("_fold");
            Dataset<Row> test = withFold.where(col("_fold").equalTo(fold)).drop("_fold");
            Map<String, Fitted> fitted = new LinkedHashMap<>();
            for (Method m : methods) {
                spark.sparkContext()
                        .setJobDescription("hepml benchmark: " + m.name() + ", fold " + (fold + 1) + "/" + k);
                Fitted fit = fitted.get(m.fitKey());
                if (fit == null) {
                    long t0 = System.nanoTime();
                    fit = new Fitted(m.fit(train), (System.nanoTime() - t0) / 1e9);
                    fitted.put(m.fitKey(), fit);
                }
                long t1 = System.nanoTime();
                List<Row> rows = m.forScoring(fit.model())
                        .transform(test)
                        .select(
                                col(HiggsEventSchema.EVENT_ID),
                                org.apache
                                        .spark
                                        .ml
                                        .functions
                                        .vector_to_array(col("probability"), "float64")
                                        .getItem(1),
                                col(HiggsEventSchema.LABEL),
                                col(HiggsEventSchema.WEIGHT))
                        .collectAsList();
                long t2 = System.nanoTime();
                rows = new ArrayList<>(rows);
                rows.sort(java.util.Comparator.comparingLong(r -> r.getLong(0)));
                int n = rows.size();
                long[] ids = new long[n];
                double[] score = new double[n];
                double[] label = new double[n];
                double[] weight = new double[n];
                for (int i = 0; i < n; i++) {
                    Row r = rows.get(i);
                    ids[i] = r.getLong(0);
                    score[i] = r.getDouble(1);
                    label[i] = r.getDouble(2);
                    weight[i] = r.getDouble(3);
                }
                if (foldIds.size() == fold) {
                    foldIds.add(ids);
                } else if (!java.util.Arrays.equals(foldIds.get(fold), ids)) {
                    throw new IllegalStateException(m.name() + " scored other events than "
                            + methods.get(0).name() + " on fold " + (fold + 1) + " (" + n + " vs "
                            + foldIds.get(fold).length + " rows)");
                }
                FoldMetrics f = FoldMetrics.of(fold, score, label, weight, ids, seed, fit.seconds(), (t2 - t1) / 1e9);
                results.get(m.name()).add(f);
                parts.get(m.name()).add(new double[][] {score, label, weight});
                done++;
                double elapsed = (System.nanoTime() - start) / 1e9;
                progress.printf(
                        "[%d/%d] %s fold %d/%d: AUC %.4f, AMS at mean cut %.3f, train %.1f s, score %.1f s; ETA "
                                + "%.0f s%n",
                        done,
                        total,
                        m.name(),
                        fold + 1,
                        k,
                        f.auc(),
                        f.amsAtMeanCut(),
                        f.trainSeconds(),
                        f.scoreSeconds(),
                        elapsed / done * (total - done));
                progress.flush();
            }
        }
        spark.sparkContext().setJobDescription(null);
        withFold.unpersist();
        Map<String, double[][]> pooled = new LinkedHashMap<>();
        parts.forEach((name, list) -> {
            int n = list.stream().mapToInt(a -> a[0].length).sum();
            double[][] all = new double[3][n];
            int at = 0;
            for (double[][] a : list) {
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(a[c], 0, all[c], at, a[c].length);
                }
                at += a[0].length;
            }
            pooled.put(name, all);
        });
        int n = foldIds.stream().mapToInt(a -> a.length).sum();
        long[] ids = new long[n];
        int[] foldOf = new int[n];
        int at = 0;
        for (int f = 0; f < foldIds.size(); f++) {
            System.arraycopy(foldIds.get(f), 0, ids, at, foldIds.get(f).length);
            java.util.Arrays.fill(foldOf, at, at + foldIds.get(f).length, f);
            at += foldIds.get(f).length;
        }
        return new Result(results, pooled, ids, foldOf);
    }

    /** A model fitted on one fold's training part, and how long its fit took. */
    private record Fitted(Transformer model, double seconds) {}
}
