package org.hepml.generate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.weights.ClassTotals;
import org.hepml.physics.DerivedFeatures;
import org.hepml.physics.PrimaryFeatures;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class ToyHiggsGeneratorTest {
    private final SparkSession spark = SparkTestSession.get();

    @Test
    void sameSeedSameEventsWhateverThePartitioning() {
        List<Row> one =
                GeneratedEvents.generate(spark, 3000, 11, 1).orderBy("EventId").collectAsList();
        List<Row> seven =
                GeneratedEvents.generate(spark, 3000, 11, 7).orderBy("EventId").collectAsList();
        assertEquals(3000, one.size());
        assertEquals(one, seven);
        List<Row> other =
                GeneratedEvents.generate(spark, 3000, 12, 1).orderBy("EventId").collectAsList();
        assertTrue(!one.get(0).equals(other.get(0)));
    }

    @Test
    void weightsSumExactlyToTheChallengeTotals() {
        for (long n : new long[] {1, 7, 100, 12_345}) {
            ToyHiggsGenerator g = new ToyHiggsGenerator(5, n);
            double s = 0;
            double b = 0;
            long signal = 0;
            for (long i = 0; i < n; i++) {
                Object[] row = g.row(i);
                double label = (Double) row[31];
                double w = (Double) row[32];
                assertTrue(w > 0 || n < 3, "positive weight");
                if (label == 1.0) {
                    s += w;
                    signal++;
                } else {
                    b += w;
                }
            }
            if (signal > 0) {
                assertEquals(ClassTotals.CHALLENGE_TRAINING.signal(), s, 1e-9 * n);
            }
            if (signal < n) {
                assertEquals(ClassTotals.CHALLENGE_TRAINING.background(), b, 1e-6 * n);
            }
            if (n == 12_345) {
                assertEquals(123 * 34 + countSignal(g, 45), signal); // 34 per full cycle of 100, plus the partial cycle
            }
        }
    }

    private static long countSignal(ToyHiggsGenerator g, int firstSlots) {
        long c = 0;
        for (int i = 0; i < firstSlots; i++) {
            c += g.process(i).isSignal() ? 1 : 0;
        }
        return c;
    }

    @Test
    void eventsAreConsistent() {
        ToyHiggsGenerator g = new ToyHiggsGenerator(3, 5000);
        int[] jets = new int[4];
        for (long i = 0; i < 5000; i++) {
            Object[] row = g.row(i);
            double[] pri = new double[17];
            for (int k = 0; k < 17; k++) {
                pri[k] = row[14 + k] == null ? Double.NaN : (Double) row[14 + k];
            }
            int nj = (int) pri[9];
            jets[nj]++;
            assertEquals(nj < 1, Double.isNaN(pri[10]), "leading jet present iff PRI_jet_num >= 1");
            assertEquals(nj < 2, Double.isNaN(pri[13]), "subleading jet present iff PRI_jet_num >= 2");
            assertTrue(pri[0] >= 20 && pri[3] >= 20 && Math.abs(pri[1]) <= 2.5 && Math.abs(pri[4]) <= 2.5, "selection");
            if (nj >= 2) {
                assertTrue(pri[10] >= pri[13], "jets ordered by pT");
            }
            double[] der = DerivedFeatures.compute(PrimaryFeatures.fromArray(pri));
            for (int k = 0; k < der.length; k++) {
                Double stored = (Double) row[1 + k];
                assertEquals(Double.isNaN(der[k]), stored == null);
                if (stored != null) {
                    assertEquals(der[k], stored, 0.0);
                }
            }
        }
        for (int j = 0; j < 4; j++) {
            assertTrue(jets[j] > 250, "every jet count occurs: " + java.util.Arrays.toString(jets));
        }
    }

    /** φ uniform and η symmetric, so the detector symmetries hold: checked on 40,000 events. */
    @Test
    void phiIsUniformAndEtaSymmetric() {
        ToyHiggsGenerator g = new ToyHiggsGenerator(9, 40_000);
        int[][] phiBins = new int[3][8];
        double[] etaSum = new double[2];
        int[] etaPositive = new int[2];
        int n = 40_000;
        for (long i = 0; i < n; i++) {
            Object[] row = g.row(i);
            double[] phis = {(Double) row[14 + 2], (Double) row[14 + 5], (Double) row[14 + 7]}; // tau, lep, met
            for (int k = 0; k < 3; k++) {
                assertTrue(phis[k] > -Math.PI && phis[k] <= Math.PI);
                phiBins[k][(int) Math.min(7, Math.floor((phis[k] + Math.PI) / (2 * Math.PI) * 8))]++;
            }
            double[] etas = {(Double) row[14 + 1], (Double) row[14 + 4]};
            for (int k = 0; k < 2; k++) {
                etaSum[k] += etas[k];
                etaPositive[k] += etas[k] > 0 ? 1 : 0;
            }
        }
        double expected = n / 8.0;
        for (int[] bins : phiBins) {
            for (int b : bins) {
                assertEquals(expected, b, 5 * Math.sqrt(expected), "phi bins " + java.util.Arrays.toString(bins));
            }
        }
        for (int k = 0; k < 2; k++) {
            assertEquals(0.5, etaPositive[k] / (double) n, 5 * 0.5 / Math.sqrt(n));
            assertEquals(0.0, etaSum[k] / n, 5 * 1.3 / Math.sqrt(n));
        }
    }

    /**
     * The classes are separable, but not trivially: a small gradient-boosted tree model separates them well,
     * while a linear model does clearly worse (the signal mass lies between the Z peak and the continuum).
     */
    @Test
    void classesAreSeparable() {
        Dataset<Row> ev = GeneratedEvents.generate(spark, 20_000, 21, 2).na().fill(0.0);
        String[] inputs = HiggsEventSchema.derivedFeatures().toArray(new String[0]);
        Dataset<Row> data = new VectorAssembler()
                .setInputCols(inputs)
                .setOutputCol("features")
                .transform(ev);
        Dataset<Row>[] split = data.randomSplit(new double[] {0.7, 0.3}, 1);
        BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator().setMetricName("areaUnderROC");
        double gbt = auc.evaluate(new GBTClassifier()
                .setMaxIter(20)
                .setMaxDepth(4)
                .setSeed(1)
                .fit(split[0])
                .transform(split[1]));
        double linear = auc.evaluate(
                new LogisticRegression().setMaxIter(50).fit(split[0]).transform(split[1]));
        assertTrue(gbt > 0.85, "GBT AUC " + gbt);
        assertTrue(gbt < 0.995, "GBT AUC " + gbt + ": too easy to be an interesting toy");
        assertTrue(gbt > linear + 0.03, "GBT AUC " + gbt + " vs linear " + linear);
        assertEquals(0, ev.where(col("weight").leq(0)).count());
    }

    @Test
    void derivedFeaturesMatchTheSchemaOrder() {
        Dataset<Row> ev = GeneratedEvents.generate(spark, 10, 1, 1);
        assertArrayEquals(HiggsEventSchema.parquetSchema(true, false).fieldNames(), ev.columns());
    }
}
