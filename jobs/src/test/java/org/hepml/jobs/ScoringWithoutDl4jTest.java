package org.hepml.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.hepml.dnn.InferenceNetwork;
import org.hepml.estimators.DnnEnsembleClassifier;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.generate.GeneratedEvents;
import org.hepml.jobs.cli.ScoredOutput;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor or a job that only scores needs neither DL4J nor ND4J nor their natives: the model's member files are
 * read straight into the plain-Java forward pass. Shown by running {@code ScoreJob} in a JVM whose classpath is this
 * test's without any Deeplearning4j, ND4J, JavaCPP or OpenBLAS jar, and comparing its scores with the same model's
 * scores here, bit for bit. That JVM also lacks the Vector API module, so it scores with the scalar kernel where this
 * one uses the Vector API kernel: the same bits from both kernels, end to end.
 */
class ScoringWithoutDl4jTest {
    private static final String[] TRAINING_ONLY = {"deeplearning4j", "nd4j", "javacpp", "openblas", "datavec"};

    @TempDir
    Path tmp;

    @Test
    void scoresAreTheSameWithNoDl4jOnTheClasspath() throws Exception {
        SparkSession spark = SparkTestSession.get();
        String events = tmp.resolve("events").toString();
        GeneratedEvents.generate(spark, 3000, 12, 2).write().parquet(events);
        Dataset<Row> all = spark.read().parquet(events);
        DnnEnsembleClassifier dnn = new DnnEnsembleClassifier()
                .setMembers(2)
                .setEpochs(2)
                .setWidth(8)
                .setDepth(2)
                .setTestTimeAugmentation(4)
                .setSeed(3);
        String model = tmp.resolve("model").toString();
        PipelineModel fitted = ReferencePipeline.build(dnn, false).fit(all);
        fitted.write().save(model);
        String expected = tmp.resolve("expected").toString();
        ScoredOutput.of(fitted, all).write().mode(SaveMode.Overwrite).parquet(expected);
        // the score written straight as a double is the model's probability[1], bit for bit, and the model is as it was
        Dataset<Row> viaVector = fitted.transform(all)
                .select(
                        col("EventId"),
                        org.apache
                                .spark
                                .ml
                                .functions
                                .vector_to_array(col("probability"), "float64")
                                .getItem(1)
                                .as("v"));
        Dataset<Row> direct = spark.read()
                .parquet(expected)
                .select(col("EventId"), col("score").as("d"));
        Dataset<Row> both = viaVector.join(direct, "EventId");
        assertEquals(3000, both.count());
        assertEquals(0, both.where(col("v").notEqual(col("d"))).count(), "direct score differs from probability[1]");
        DnnEnsembleModel dnnModel = (DnnEnsembleModel) fitted.stages()[fitted.stages().length - 1];
        assertEquals("probability", dnnModel.getProbabilityCol());
        assertEquals("", dnnModel.getSignalProbabilityCol());

        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (Arrays.stream(TRAINING_ONLY).noneMatch(name::contains)) {
                classpath.add(entry);
            }
        }
        String cp = String.join(File.pathSeparator, classpath);
        assertFalse(cp.contains("nd4j-native") || cp.contains("deeplearning4j-nn") || cp.contains("javacpp"), cp);
        assertTrue(System.getProperty("java.class.path").contains("nd4j-native"), "the test's own classpath has them");

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")
                        || a.startsWith("-XX:+IgnoreUnrecognized")
                        || a.startsWith("-Dio.netty")
                        || a.startsWith("-Djdk.reflect"))
                .forEach(cmd::add);
        cmd.addAll(List.of(
                "-Xmx1g",
                "-cp",
                cp,
                "org.hepml.jobs.ScoreJob",
                "--master",
                "local[2]",
                "--input",
                events,
                "--model",
                model,
                "--output",
                tmp.resolve("scored").toString()));
        assertTrue(InferenceNetwork.kernel().startsWith("Vector API"), InferenceNetwork.kernel());
        assertFalse(cmd.stream().anyMatch(a -> a.contains("jdk.incubator.vector")), cmd.toString());
        Path log = tmp.resolve("score.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the scoring JVM did not finish");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("scored 3,000 events"), out);

        Dataset<Row> a = spark.read()
                .parquet(expected)
                .select(col("EventId"), col("score").as("a"));
        Dataset<Row> b = spark.read()
                .parquet(tmp.resolve("scored").toString())
                .select(col("EventId"), col("score").as("b"));
        Dataset<Row> joined = a.join(b, "EventId");
        assertEquals(3000, joined.count());
        assertEquals(0, joined.where(col("a").notEqual(col("b"))).count(), "scores differ without DL4J");
    }
}
