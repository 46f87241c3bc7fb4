package org.hepml.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hepml.ams.AmsScan;
import org.hepml.ams.BootstrapMeanCut;
import org.hepml.ams.BootstrapResult;
import org.hepml.ams.Resampling;
import org.hepml.ams.SortedScores;
import org.hepml.generate.GeneratedEvents;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmsEvaluatorTest {
    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path tmp;

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("EventId", DataTypes.LongType, false),
            DataTypes.createStructField("score", DataTypes.DoubleType, true),
            DataTypes.createStructField("label", DataTypes.DoubleType, true),
            DataTypes.createStructField("weight", DataTypes.DoubleType, true)));

    /** n events: signal scores around 0.65, background around 0.35, challenge-like weights. */
    private Dataset<Row> scored(int n, long seed, int partitions) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double label = r.nextDouble() < 0.34 ? 1 : 0;
            double x = label == 1 ? 0.65 + 0.2 * r.nextGaussian() : 0.35 + 0.2 * r.nextGaussian();
            rows.add(RowFactory.create(
                    100_000L + i, Math.min(1, Math.max(0, x)), label, label == 1 ? 0.002 : 1.5 * r.nextDouble()));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    }

    private static SortedScores sorted(Dataset<Row> df) {
        List<Row> rows = df.collectAsList();
        int n = rows.size();
        double[] s = new double[n];
        double[] l = new double[n];
        double[] w = new double[n];
        long[] id = new long[n];
        for (int i = 0; i < n; i++) {
            id[i] = rows.get(i).getLong(0);
            s[i] = rows.get(i).getDouble(1);
            l[i] = rows.get(i).getDouble(2);
            w[i] = rows.get(i).getDouble(3);
        }
        return SortedScores.of(s, l, w, id);
    }

    @Test
    void amsEvaluatorMatchesTheCore() {
        Dataset<Row> df = scored(3000, 1, 3);
        SortedScores ev = sorted(df);
        AmsEvaluator e = new AmsEvaluator().setScoreCol("score").setWeightScale(5);
        assertEquals(AmsScan.best(ev, 5, 5, 10, null).ams(), e.evaluate(df), 1e-12);
        assertEquals(AmsScan.at(ev, 0.6, 5, 5, 10), e.setCut(0.6).evaluate(df), 1e-12);
        double s = ev.totalSignal();
        double b = ev.totalBackground();
        AmsEvaluator totals = new AmsEvaluator().setScoreCol("score").setClassTotals(691.99, 410_999.85);
        assertEquals(AmsScan.best(ev, 691.99 / s, 410_999.85 / b, 10, null).ams(), totals.evaluate(df), 1e-12);
        assertTrue(e.isLargerBetter());
    }

    @Test
    void probabilityVectorsUseElementOne() {
        Dataset<Row> df = scored(1000, 2, 2).withColumn("bkg", lit(1.0).minus(col("score")));
        Dataset<Row> withVec = new VectorAssembler()
                .setInputCols(new String[] {"bkg", "score"})
                .setOutputCol("probability")
                .transform(df);
        assertEquals(new AmsEvaluator().setScoreCol("score").evaluate(df), new AmsEvaluator().evaluate(withVec), 1e-12);
    }

    @Test
    void badInputIsAClearError() {
        Dataset<Row> df = scored(200, 3, 1);
        AmsEvaluator e = new AmsEvaluator().setScoreCol("score");
        assertMessage(
                () -> e.evaluate(df.withColumn(
                        "weight", when(col("EventId").equalTo(100_007L), -1.0).otherwise(col("weight")))),
                "1 row(s) with column 'weight': null, NaN or negative weights (e.g. event id 100007)");
        assertMessage(
                () -> e.evaluate(df.withColumn(
                        "label",
                        when(col("EventId").equalTo(100_003L), lit(null)).otherwise(col("label")))),
                "column 'label': labels must be 1 (signal) or 0 (background)");
        assertMessage(() -> e.evaluate(df.withColumn("score", col("score").multiply(3))), "scores outside [0, 1]");
        new AmsEvaluator()
                .setScoreCol("score")
                .setScoreIsProbability(false)
                .evaluate(df.withColumn("score", col("score").multiply(3)));
        assertMessage(() -> e.evaluate(df.drop("weight")), "column 'weight' not found");
        assertMessage(() -> e.evaluate(df.withColumn("label", lit(0.0))), "all 200 events are background");
        assertMessage(() -> e.evaluate(df.where("EventId < 0")), "no events to evaluate");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }

    @Test
    void bootstrapInMemoryMatchesTheCoreAndReproduces() {
        Dataset<Row> df = scored(4000, 4, 3);
        BootstrapAmsEvaluator e = new BootstrapAmsEvaluator()
                .setScoreCol("score")
                .setResamples(64)
                .setSeed(9)
                .setWeightScale(5);
        BootstrapResult a = e.bootstrap(df);
        BootstrapResult core = new BootstrapMeanCut(64, 9, 10, Resampling.MULTINOMIAL).run(sorted(df), 5, 5);
        assertEquals(core.meanCut(), a.meanCut(), 0.0);
        assertArrayEquals(core.resampleAms(), a.resampleAms(), 0.0);
        BootstrapResult again = e.bootstrap(df.repartition(7));
        assertEquals(a.meanCut(), again.meanCut(), 0.0);
        assertEquals(a.amsAtMeanCut(), e.evaluate(df), 0.0);
        assertEquals(a.amsAtMeanCut(), e.amsAt(df, a.meanCut()), 1e-12);
    }

    /** Same Poisson resamples in both paths; the distributed one differs only by its binning. */
    @Test
    void memoryAndDistributedPathsAgree() {
        Dataset<Row> df = scored(20_000, 5, 4);
        BootstrapAmsEvaluator base = new BootstrapAmsEvaluator()
                .setScoreCol("score")
                .setResamples(48)
                .setSeed(3)
                .setClassTotals(691.99, 410_999.85)
                .setResampling("poisson");
        BootstrapResult mem = base.setMode("memory").bootstrap(df);
        BootstrapResult dist = base.setMode("distributed").setChunk(16).bootstrap(df);
        double binWidth = 1.0 / 100_000;
        int close = 0;
        for (int r = 0; r < 48; r++) {
            if (Math.abs(mem.resampleCuts()[r] - dist.resampleCuts()[r]) <= binWidth) {
                close++;
            }
            assertEquals(mem.resampleAms()[r], dist.resampleAms()[r], 0.01 * mem.resampleAms()[r], "resample " + r);
        }
        assertTrue(close >= 44, close + " of 48 resample cuts within one bin");
        assertEquals(mem.meanCut(), dist.meanCut(), 0.01);
        assertEquals(mem.amsMean(), dist.amsMean(), 0.005 * mem.amsMean());
        assertEquals(mem.amsMax(), dist.amsMax(), 0.005 * mem.amsMax());
        // both curves for plots: at most 1000 points, and their maxima agree with amsMax
        for (BootstrapResult r : new BootstrapResult[] {mem, dist}) {
            assertTrue(r.curve()[0].length <= BootstrapResult.CURVE_POINTS && r.curve()[0].length > 500);
            double top = java.util.Arrays.stream(r.curve()[1]).max().getAsDouble();
            assertEquals(r.amsMax(), top, 0.02 * r.amsMax());
        }
    }

    @Test
    void worksInsideCrossValidatorAndPersists() throws Exception {
        Dataset<Row> ev = GeneratedEvents.generate(spark, 4000, 7, 2).na().fill(0.0);
        Dataset<Row> data = new VectorAssembler()
                .setInputCols(new String[] {"DER_mass_vis", "DER_mass_MMC", "DER_pt_h", "DER_mass_transverse_met_lep"})
                .setOutputCol("features")
                .transform(ev);
        LogisticRegression lr = new LogisticRegression().setMaxIter(20);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(lr.regParam(), new double[] {0.0, 0.1})
                .build();
        AmsEvaluator ams = new AmsEvaluator().setWeightScale(1.0);
        CrossValidatorModel cv = new CrossValidator()
                .setEstimator(lr)
                .setEvaluator(ams)
                .setEstimatorParamMaps(grid)
                .setNumFolds(2)
                .setSeed(1)
                .fit(data);
        assertEquals(2, cv.avgMetrics().length);
        assertTrue(cv.avgMetrics()[0] > 0 && cv.avgMetrics()[1] > 0);
        String p = tmp.resolve("cv").toString();
        cv.write().overwrite().save(p);
        assertEquals(CrossValidatorModel.load(p).avgMetrics()[0], cv.avgMetrics()[0], 0.0);

        BootstrapAmsEvaluator b =
                new BootstrapAmsEvaluator().setResamples(100).setSeed(5).setClassTotals(1, 2);
        b.save(tmp.resolve("b").toString());
        BootstrapAmsEvaluator back = BootstrapAmsEvaluator.load(tmp.resolve("b").toString());
        assertEquals(100, back.getResamples());
        assertEquals(5L, back.getSeed());
        assertEquals(2.0, back.getBackgroundTotal());
    }
}
