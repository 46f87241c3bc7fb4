package org.hepml.event.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class SubsetWeightsTest {
    // signal weights 1 + 3 = 4, background 2 + 2 + 4 = 8; to totals (10, 40): factors 2.5 and 5
    private static final double[] LABELS = {1, 1, 0, 0, 0};
    private static final double[] WEIGHTS = {1, 3, 2, 2, 4};
    private static final ClassTotals TOTALS = new ClassTotals(10, 40);

    @Test
    void classTotalsByHand() {
        assertArrayEquals(
                new double[] {2.5, 7.5, 10, 10, 20},
                SubsetWeights.rescaleToClassTotals(LABELS, WEIGHTS, TOTALS),
                1e-12);
        assertArrayEquals(new double[] {2.5, 5}, SubsetWeights.classFactors(4, 8, TOTALS), 1e-12);
    }

    @Test
    void challengeTotalsAndUniformFactor() {
        assertEquals(691.99, ClassTotals.CHALLENGE_TRAINING.signal());
        assertEquals(410_999.85, ClassTotals.CHALLENGE_TRAINING.background());
        assertEquals(5.0, SubsetWeights.uniformFactor(250_000, 50_000)); // validation = 20 % of training
        assertEquals(250_000 / 17_000.0, SubsetWeights.uniformFactor(250_000, 17_000));
        assertThrows(IllegalArgumentException.class, () -> SubsetWeights.uniformFactor(10, 11));
        assertThrows(IllegalArgumentException.class, () -> SubsetWeights.uniformFactor(10, 0));
    }

    @Test
    void singleClassCannotBeRescaled() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SubsetWeights.rescaleToClassTotals(new double[] {0, 0}, new double[] {1, 1}, TOTALS));
        assertEquals(true, e.getMessage().contains("no signal events"));
        assertThrows(IllegalArgumentException.class, () -> new ClassTotals(-1, 5));
    }

    @Test
    void sparkRescaleMatchesHandValues() {
        SparkSession spark = SparkTestSession.get();
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("label", DataTypes.DoubleType, false),
                DataTypes.createStructField("weight", DataTypes.DoubleType, false)));
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < LABELS.length; i++) {
            rows.add(RowFactory.create(LABELS[i], WEIGHTS[i]));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        List<Row> out = SubsetWeights.rescaleToClassTotals(df, "label", "weight", "w2", TOTALS)
                .collectAsList();
        double[] got = out.stream().mapToDouble(r -> r.getDouble(2)).toArray();
        assertArrayEquals(new double[] {2.5, 7.5, 10, 10, 20}, got, 1e-12);
        double[] scaled = SubsetWeights.scale(df, "weight", "w5", 5.0).collectAsList().stream()
                .mapToDouble(r -> r.getDouble(2))
                .toArray();
        assertArrayEquals(new double[] {5, 15, 10, 10, 20}, scaled, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SubsetWeights.scale(df, "nope", "x", 2));
    }
}
