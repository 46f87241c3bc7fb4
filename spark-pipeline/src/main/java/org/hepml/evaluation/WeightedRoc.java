package org.hepml.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The weighted ROC curve of scored events: for each distinct score, from the highest down, the background and
 * signal weight fractions above or at it (false- and true-positive rates), and the area under the curve (the
 * weighted probability that a signal event outscores a background event, ties counting one half). Exact, not binned:
 * the one AUC every figure of the project comes from.
 */
public final class WeightedRoc {
    private final double[] fpr;
    private final double[] tpr;
    private final double auc;

    private WeightedRoc(double[] fpr, double[] tpr, double auc) {
        this.fpr = fpr;
        this.tpr = tpr;
        this.auc = auc;
    }

    /** The curve of scores, labels (1 signal, else background) and non-negative weights. */
    public static WeightedRoc of(double[] score, double[] label, double[] weight) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        double sTotal = 0;
        double bTotal = 0;
        for (int i = 0; i < n; i++) {
            if (label[i] == 1) {
                sTotal += weight[i];
            } else {
                bTotal += weight[i];
            }
        }
        if (!(sTotal > 0) || !(bTotal > 0)) {
            throw new IllegalArgumentException(
                    "a ROC curve needs signal and background weight, got " + sTotal + " and " + bTotal);
        }
        double[] fp = new double[n + 1];
        double[] tp = new double[n + 1];
        int points = 1;
        double s = 0;
        double b = 0;
        double area = 0;
        int i = 0;
        while (i < n) {
            double ds = 0;
            double db = 0;
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) {
                if (label[order[j]] == 1) {
                    ds += weight[order[j]];
                } else {
                    db += weight[order[j]];
                }
                j++;
            }
            // trapezoid: the tied block's signal against the background above it, and half of the tied background
            area += ds * (bTotal - b - db) + ds * db / 2;
            s += ds;
            b += db;
            fp[points] = b / bTotal;
            tp[points] = s / sTotal;
            points++;
            i = j;
        }
        return new WeightedRoc(Arrays.copyOf(fp, points), Arrays.copyOf(tp, points), area / (sTotal * bTotal));
    }

    /**
     * The curve of a scored DataFrame: the score (numeric, or a probability vector's element 1), label and weight
     * columns. The signal and background weights are summed per distinct score where the rows lie and only those sums
     * reach the driver; ties stay ties, so the AUC is exact.
     */
    public static WeightedRoc of(Dataset<?> data, String scoreCol, String labelCol, String weightCol) {
        Dataset<Row> d = data.toDF();
        List<Row> perScore = d.select(
                        ScoreColumn.of(d.schema(), scoreCol, "weighted ROC").as("s"),
                        col(labelCol).cast("double").as("y"),
                        col(weightCol).cast("double").as("w"))
                .groupBy("s")
                .agg(
                        sum(when(col("y").equalTo(1.0), col("w")).otherwise(0.0)),
                        sum(when(col("y").equalTo(1.0), 0.0).otherwise(col("w"))))
                .collectAsList();
        int n = perScore.size();
        double[] score = new double[2 * n];
        double[] label = new double[2 * n];
        double[] weight = new double[2 * n];
        for (int i = 0; i < n; i++) {
            Row r = perScore.get(i);
            if (r.isNullAt(0)) {
                throw new IllegalArgumentException("weighted ROC: column '" + scoreCol + "' has null scores");
            }
            score[2 * i] = score[2 * i + 1] = r.getDouble(0);
            label[2 * i] = 1;
            weight[2 * i] = r.getDouble(1);
            weight[2 * i + 1] = r.getDouble(2);
        }
        return of(score, label, weight);
    }

    public double auc() {
        return auc;
    }

    /** False-positive rates, from 0 to 1. */
    public double[] falsePositiveRate() {
        return fpr.clone();
    }

    /** True-positive rates, from 0 to 1. */
    public double[] truePositiveRate() {
        return tpr.clone();
    }

    /** At most {@code max} points of the curve, evenly spread over its indices, ends kept (for plots). */
    public double[][] thinned(int max) {
        int n = fpr.length;
        if (n <= max) {
            return new double[][] {fpr.clone(), tpr.clone()};
        }
        double[] x = new double[max];
        double[] y = new double[max];
        for (int k = 0; k < max; k++) {
            int idx = (int) Math.round(k * (n - 1) / (double) (max - 1));
            x[k] = fpr[idx];
            y[k] = tpr[idx];
        }
        return new double[][] {x, y};
    }
}
