package org.hepml.jobs.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class FoldMetricsTest {
    /** Signal 0.4 (w 2) and 0.8 (w 1); background 0.1 (w 1) and 0.4 (w 3): pairs above 2 + 4, the tie 3 / 2. */
    @Test
    void weightedAucByHand() {
        double auc = FoldMetrics.weightedAuc(
                new double[] {0.1, 0.4, 0.4, 0.8}, new double[] {0, 1, 0, 1}, new double[] {1, 2, 3, 1});
        assertEquals((2 + 1.5 * 2 + 4) / (3.0 * 4), auc, 1e-15);
        assertEquals(1.0, FoldMetrics.weightedAuc(new double[] {0.1, 0.9}, new double[] {0, 1}, new double[] {1, 1}));
        assertEquals(0.0, FoldMetrics.weightedAuc(new double[] {0.9, 0.1}, new double[] {0, 1}, new double[] {1, 1}));
    }

    /** Without ties, the weighted AUC is the one MLlib's BinaryClassificationEvaluator computes. */
    @Test
    void weightedAucAgreesWithMllib() {
        SparkSession spark = SparkTestSession.get();
        SplittableRandom r = new SplittableRandom(3);
        int n = 2000;
        double[] s = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.3 ? 1 : 0;
            s[i] = r.nextDouble() * 0.7 + 0.3 * y[i];
            w[i] = y[i] == 1 ? 0.01 + r.nextDouble() : 2 * r.nextDouble() + 0.1;
            rows.add(RowFactory.create(s[i], y[i], w[i]));
        }
        Dataset<Row> df = spark.createDataFrame(
                rows,
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("score", DataTypes.DoubleType, false),
                        DataTypes.createStructField("label", DataTypes.DoubleType, false),
                        DataTypes.createStructField("weight", DataTypes.DoubleType, false))));
        double mllib = new BinaryClassificationEvaluator()
                .setRawPredictionCol("score")
                .setWeightCol("weight")
                .setNumBins(0)
                .evaluate(df);
        assertEquals(mllib, FoldMetrics.weightedAuc(s, y, w), 1e-9);
    }

    /** Each class's weights sum to 1, so the loss is the mean of the two classes' weighted losses. */
    @Test
    void logLossByHand() {
        double l = FoldMetrics.logLoss(new double[] {0.8, 0.4}, new double[] {1, 0}, new double[] {2, 5}, 2, 5);
        assertEquals((-Math.log(0.8) - Math.log(0.6)) / 2, l, 1e-15);
        assertEquals(
                -Math.log(1e-7) / 2,
                FoldMetrics.logLoss(new double[] {0, 0}, new double[] {1, 0}, new double[] {1, 1}, 1, 1),
                1e-6);
    }

    @Test
    void meanAndSampleStandardDeviation() {
        List<FoldMetrics> folds = List.of(
                new FoldMetrics(0, 1, 0.8, 0, 0, 0, 0, 0, 0, 0),
                new FoldMetrics(1, 1, 0.9, 0, 0, 0, 0, 0, 0, 0),
                new FoldMetrics(2, 1, 1.0, 0, 0, 0, 0, 0, 0, 0));
        double[] ms = FoldMetrics.meanStd(folds, FoldMetrics::auc);
        assertEquals(0.9, ms[0], 1e-15);
        assertEquals(0.1, ms[1], 1e-15);
    }

    @Test
    void unknownMethodNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Methods.parse("ensemble,xgb", new Methods.Common(1, 0, 0, 0)));
        assertTrue(e.getMessage().contains("unknown method 'xgb'; known: single-relu, ensemble"), e.getMessage());
    }
}
