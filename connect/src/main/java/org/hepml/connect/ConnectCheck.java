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
 * local[*]. In one session: read event Parquet, CartesianMomenta, the VectorAssembler of the reference pipeline (its
 * params read from a saved stage), fit DnnEnsembleClassifier with non-default params, transform the hold-out,
 * evaluate it with BootstrapAmsEvaluator, save the model; a bad param value must come back as one error naming the
 * param, with the server still serving. In a new session: load the model and score again. Then two sessions fit at
 * once. Exits 1 with a line saying what failed.
 *
 * <p>Usage: {@code ConnectCheck REMOTE TRAIN HOLDOUT ASSEMBLER_STAGE WORK}
 */
public final class ConnectCheck {
    static final String CARTESIAN = "org.hepml.transformers.CartesianMomenta";
    static final String ASSEMBLER = "org.apache.spark.ml.feature.VectorAssembler";
    static final String CLASSIFIER = "org.hepml.estimators.DnnEnsembleClassifier";
    static final String MODEL = "org.hepml.estimators.DnnEnsembleModel";
    static final String BOOTSTRAP_AMS = "org.hepml.evaluation.BootstrapAmsEvaluator";

    private final String remote;
    private final String train;
    private final String holdout;
    private final String work;
    private Map<String, Object> assembler;

    private ConnectCheck(String remote, String train, String holdout, String work) {
        this.remote = remote;
        this.train = train;
        this.holdout = holdout;
        this.work = work;
    }

    /** The classifier's params: not the defaults, as bin/connect-check also passes them to 'hepml train'. */
    static Map<String, Object> classifierParams(long seed) {
        Map<String, Object> p = new LinkedHashMap<>();
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
            System.err.println("usage: ConnectCheck REMOTE TRAIN HOLDOUT ASSEMBLER_STAGE WORK");
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

    /** Event Parquet → CartesianMomenta → VectorAssembler, on the server. */
    private Dataset<Row> features(RemoteMl ml, String path) {
        Dataset<Row> events = ml.session().read().parquet(path);
        return ml.transform(ml.transform(events, CARTESIAN, Map.of()), ASSEMBLER, assembler);
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

    private void run(String assemblerStage) throws Exception {
        String modelPath = work + "/connect-model";
        try (SparkSession first = session()) {
            RemoteMl ml = new RemoteMl(first);
            assembler = ml.loadTransformerParams(ASSEMBLER, assemblerStage);
            say("session " + first.sessionId() + ": VectorAssembler params read from " + assemblerStage + ": "
                    + ((Object[]) assembler.get("inputCols")).length + " inputs");

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
