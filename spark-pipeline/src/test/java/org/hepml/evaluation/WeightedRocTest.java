package org.hepml.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class WeightedRocTest {
    /** Signal 0.4 (w 2) and 0.8 (w 1); background 0.1 (w 1) and 0.4 (w 3): the curve point by point and its area. */
    @Test
    void curveAndAreaByHand() {
        WeightedRoc roc =
                WeightedRoc.of(new double[] {0.1, 0.4, 0.4, 0.8}, new double[] {0, 1, 0, 1}, new double[] {1, 2, 3, 1});
        assertArrayEquals(new double[] {0, 0, 0.75, 1}, roc.falsePositiveRate(), 1e-15);
        assertArrayEquals(new double[] {0, 1 / 3.0, 1, 1}, roc.truePositiveRate(), 1e-15);
        // trapezoids: (0 → 0.75) × (1/3 + 1)/2 + (0.75 → 1) × 1 = 0.5 + 0.25
        assertEquals(0.75, roc.auc(), 1e-15);
        assertEquals(3, roc.thinned(3)[0].length);
        assertArrayEquals(new double[] {0, 0.75, 1}, roc.thinned(3)[0], 1e-15);
        assertThrows(
                IllegalArgumentException.class,
                () -> WeightedRoc.of(new double[] {1}, new double[] {1}, new double[] {1}));
    }

    /**
     * On a DataFrame (per-score sums where the rows lie) the AUC is the exact one of the same events on the driver,
     * ties
     * and all; MLlib's binned AUC (1,000 bins), which 'hepml evaluate' printed before, is not.
     */
    @Test
    void onADataFrameItIsTheExactAuc() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 6000;
        double[] score = new double[n];
        double[] label = new double[n];
        double[] weight = new double[n];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            label[i] = r.nextDouble() < 0.3 ? 1 : 0;
            // many ties (4 decimals) and more distinct scores than MLlib's bins
            score[i] = Math.rint(1e4 / (1 + Math.exp(-(label[i] == 1 ? 0.8 : -0.8) - r.nextGaussian()))) / 1e4;
            weight[i] = label[i] == 1 ? 0.002 : 0.5 + r.nextDouble();
            rows.add(RowFactory.create(score[i], label[i], weight[i]));
        }
        StructType schema = new StructType()
                .add("score", DataTypes.DoubleType)
                .add("label", DataTypes.DoubleType)
                .add("weight", DataTypes.DoubleType);
        Dataset<Row> df = SparkTestSession.get().createDataFrame(rows, schema).repartition(3);
        double exact = WeightedRoc.of(score, label, weight).auc();
        assertEquals(exact, WeightedRoc.of(df, "score", "label", "weight").auc(), 1e-12);
        double binned = new BinaryClassificationEvaluator()
                .setRawPredictionCol("score")
                .setWeightCol("weight")
                .setNumBins(1000)
                .evaluate(df);
        assertTrue(Math.abs(binned - exact) > 1e-6, "binned " + binned + " exact " + exact);
    }
}
