package org.hepml.event.weights;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scales the weights of a subset of events so it stands for the full sample, as the AMS needs: either each class
 * to given totals (the challenge training totals by default), or all weights by the uniform factor N/n of a
 * uniform subset of n of N events (validation = 20 % of training: factor 5).
 */
public final class SubsetWeights {
    private SubsetWeights() {}

    /** N / n: the factor for a uniform subset of n events out of N. */
    public static double uniformFactor(long fullSize, long subsetSize) {
        if (fullSize <= 0 || subsetSize <= 0 || subsetSize > fullSize) {
            throw new IllegalArgumentException(
                    "need 0 < subset size <= full size, got subset " + subsetSize + " of " + fullSize);
        }
        return (double) fullSize / subsetSize;
    }

    /** Per-class factors {signal, background} that bring the given weight sums to the totals. */
    public static double[] classFactors(double signalSum, double backgroundSum, ClassTotals totals) {
        if (!(signalSum > 0)) {
            throw new IllegalArgumentException("cannot rescale signal weights: they sum to " + signalSum
                    + " (no signal events, or non-positive weights)");
        }
        if (!(backgroundSum > 0)) {
            throw new IllegalArgumentException("cannot rescale background weights: they sum to " + backgroundSum
                    + " (no background events, or non-positive weights)");
        }
        return new double[] {totals.signal() / signalSum, totals.background() / backgroundSum};
    }

    /** In place on arrays: weights of label 1 scaled to the signal total, of label 0 to the background total. */
    public static double[] rescaleToClassTotals(double[] labels, double[] weights, ClassTotals totals) {
        if (labels.length != weights.length) {
            throw new IllegalArgumentException(
                    "labels and weights differ in length: " + labels.length + " vs " + weights.length);
        }
        double s = 0;
        double b = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1.0) {
                s += weights[i];
            } else {
                b += weights[i];
            }
        }
        double[] f = classFactors(s, b, totals);
        double[] out = Arrays.copyOf(weights, weights.length);
        for (int i = 0; i < out.length; i++) {
            out[i] *= labels[i] == 1.0 ? f[0] : f[1];
        }
        return out;
    }

    /**
     * Adds (or replaces) {@code outputCol}: {@code weightCol} scaled per class so that signal (label 1.0) sums to
     * {@code totals.signal()} and background (label 0.0) to {@code totals.background()}. One aggregation pass.
     */
    public static Dataset<Row> rescaleToClassTotals(
            Dataset<Row> events, String labelCol, String weightCol, String outputCol, ClassTotals totals) {
        requireColumn(events, labelCol);
        requireColumn(events, weightCol);
        Row sums = events.agg(
                        sum(when(col(labelCol).equalTo(1.0), col(weightCol)).otherwise(0.0)),
                        sum(when(col(labelCol).equalTo(0.0), col(weightCol)).otherwise(0.0)))
                .first();
        double s = sums.isNullAt(0) ? 0.0 : sums.getDouble(0);
        double b = sums.isNullAt(1) ? 0.0 : sums.getDouble(1);
        double[] f = classFactors(s, b, totals);
        return events.withColumn(
                outputCol,
                when(col(labelCol).equalTo(1.0), col(weightCol).multiply(f[0]))
                        .otherwise(col(weightCol).multiply(f[1])));
    }

    /** Adds (or replaces) {@code outputCol} = {@code weightCol} × factor. */
    public static Dataset<Row> scale(Dataset<Row> events, String weightCol, String outputCol, double factor) {
        requireColumn(events, weightCol);
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("weight scale factor must be positive and finite, got " + factor);
        }
        return events.withColumn(outputCol, col(weightCol).multiply(lit(factor)));
    }

    private static void requireColumn(Dataset<Row> events, String column) {
        if (!Arrays.asList(events.columns()).contains(column)) {
            throw new IllegalArgumentException(
                    "column '" + column + "' not found; columns are " + String.join(", ", events.columns()));
        }
    }
}
