package org.hepml.connect;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.connect.SparkSession;

/**
 * bin/connect-check's client: uses hepml's stages on a Spark Connect server over the wire, as a notebook on shared
 * or serverless compute does, and writes what it scored for the script to compare with the same pipeline run in
 * local[*]. In one session: read event Parquet, CartesianMomenta, fit DnnEnsembleClassifier with non-default params
 * and the reference pipeline's feature columns (both stages' params read from the saved local model), transform the
 * hold-out,
 * evaluate it with BootstrapAmsEvaluator, save the model; a bad param value must come back as one error naming the
 * param, with the server still serving. In a new session: load the model and score again. Then two sessions fit at
 * once. Exits 1 with a line saying what failed.
 *
 * <p>Usage: {@code ConnectCheck REMOTE TRAIN HOLDOUT LOCAL_MODEL WORK}
 */
public final class ConnectCheck {
    static final String CARTESIAN = "org.hepml.transformers.CartesianMomenta";
    static final String CLASSIFIER = "org.hepml.estimators.DnnEnsembleClassifier";
    static final String MODEL = "org.hepml.estimators.DnnEnsembleModel";
    static final String BOOTSTRAP_AMS = "org.hepml.evaluation.BootstrapAmsEvaluator";

    private final String remote;
    private final String train;
    private final String holdout;
    private final String work;
    private Map<String, Object> cartesian;
    private String[] featuresCols;

    private ConnectCheck(String remote, String train, String holdout, String work) {
        this.remote = remote;
        this.train = train;
        this.holdout = holdout;
        this.work = work;
    }

    /**
     * The classifier's params: not the defaults, as bin/connect-check also passes them to 'hepml train', and the
     * feature columns its model read.
     */
    private Map<String, Object> classifierParams(long seed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("featuresCols", featuresCols);
        p.put("members", 3);
        p.put("epochs", 3);
        p.put("width", 16);
        p.put("depth", 3);
        p.put("learningRate", 0.005);
        p.put("testTimeAugmentation", 8);
        p.put("seed", seed);
        return p;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ConnectCheck REMOTE TRAIN HOLDOUT LOCAL_MODEL WORK");
            System.exit(2);
        }
        try {
            new ConnectCheck(args[0], args[1], args[2], args[4]).run(args[3]);
        } catch (CheckFailed e) {
            System.err.println("connect-check client: FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static final class CheckFailed extends Exception {
        CheckFailed(String m) {
            super(m);
        }
    }

    private SparkSession session() {
        return SparkSession.builder().remote(remote).create();
    }

    /** Event Parquet → CartesianMomenta, on the server. */
    private Dataset<Row> features(RemoteMl ml, String path) {
        Dataset<Row> events = ml.session().read().parquet(path);
        return ml.transform(events, CARTESIAN, cartesian);
    }

    /** The saved pipeline's stage directory whose name starts with {@code prefix} ("0_", "1_"). */
    private static String stage(String model, String prefix) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> s =
                java.nio.file.Files.list(java.nio.file.Path.of(model, "stages"))) {
            return s.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow(() -> new java.io.IOException(model + " has no stage " + prefix + "*"))
                    .toString();
        }
    }

    private void writeScores(Dataset<Row> scored, String name) {
        scored.select(col("EventId"), col("label"), col("weight"), col("probability"))
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(work + "/" + name);
        say("scores written to " + work + "/" + name);
    }

    private static void say(String s) {
        System.out.println("connect-check client: " + s);
    }

    private void run(String localModel) throws Exception {
        String modelPath = work + "/connect-model";
        try (SparkSession first = session()) {
            RemoteMl ml = new RemoteMl(first);
            cartesian = ml.loadTransformerParams(CARTESIAN, stage(localModel, "0_"));
            featuresCols = (String[])
                    ml.loadTransformerParams(MODEL, stage(localModel, "1_")).get("featuresCols");
            say("session " + first.sessionId() + ": CartesianMomenta and DnnEnsembleModel params read from "
                    + localModel + ": " + featuresCols.length + " feature columns");

            // a bad value: one clear error naming the param, and the server goes on serving
            Map<String, Object> bad = classifierParams(11);
            bad.put("trainingMode", "parallel");
            Dataset<Row> trainFeatures = features(ml, train);
            try {
                ml.fit(trainFeatures, CLASSIFIER, bad);
                throw new CheckFailed("a fit with trainingMode 'parallel' succeeded");
            } catch (CheckFailed e) {
                throw e;
            } catch (Exception e) {
                String m = String.valueOf(e.getMessage());
                if (!m.contains("trainingMode") || !m.contains("parallel")) {
                    throw new CheckFailed("the error for trainingMode 'parallel' does not name the param: " + m);
                }
                say("bad param refused: " + m.lines().findFirst().orElse(""));
            }

            String model = ml.fit(trainFeatures, CLASSIFIER, classifierParams(11));
            say("fitted " + CLASSIFIER + " over Connect: model " + model);
            Dataset<Row> scored = ml.transformWithModel(features(ml, holdout), model);
            writeScores(scored, "scores-fit");
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("scoreCol", "probability");
            ev.put("resamples", 64);
            ev.put("seed", 3L);
            double ams = ml.evaluate(scored, BOOTSTRAP_AMS, ev);
            System.out.printf("connect-check client: ams_at_mean_cut %.17g%n", ams);
            ml.save(model, modelPath);
            say("model saved to " + modelPath);
        }

        try (SparkSession second = session()) {
            RemoteMl ml = new RemoteMl(second);
            String model = ml.loadModel(MODEL, modelPath);
            say("session " + second.sessionId() + ": model loaded from " + modelPath + ": " + model);
            writeScores(ml.transformWithModel(features(ml, holdout), model), "scores-loaded");
        }

        // two sessions fitting at once, each with its own seed: both succeed, each with its own model
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> fits = List.of(
                    pool.submit(() -> fitAndScore(11, "scores-concurrent-11")),
                    pool.submit(() -> fitAndScore(12, "scores-concurrent-12")));
            for (Future<String> f : fits) {
                say(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private String fitAndScore(long seed, String name) {
        try (SparkSession s = session()) {
            RemoteMl ml = new RemoteMl(s);
            String model = ml.fit(features(ml, train), CLASSIFIER, classifierParams(seed));
            writeScores(ml.transformWithModel(features(ml, holdout), model), name);
            return "session " + s.sessionId() + " fitted with seed " + seed + " concurrently: model " + model;
        }
    }
}
