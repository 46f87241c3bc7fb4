package org.hepml.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Binarizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.evaluation.BootstrapAmsEvaluator;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedStagesTest {
    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path tmp;

    private PipelineModel fitted() {
        PipelineStage[] stages = {
            new SQLTransformer().setStatement("SELECT *, x * 2 AS y FROM __THIS__"),
            new Binarizer().setInputCol("y").setOutputCol("b").setThreshold(3.0),
        };
        return new Pipeline().setStages(stages).fit(data());
    }

    private Dataset<Row> data() {
        return spark.range(6).selectExpr("id", "CAST(id AS DOUBLE) AS x");
    }

    @Test
    void pipelineModelLoadsAsSparkLoadsIt() throws IOException {
        PipelineModel model = fitted();
        String path = tmp.resolve("pm").toString();
        model.write().overwrite().save(path);

        PipelineModel ours = SavedStages.loadPipelineModel(spark, path);
        PipelineModel sparks = PipelineModel.load(path);
        assertEquals(sparks.uid(), ours.uid());
        assertEquals(model.uid(), ours.uid());
        assertEquals(2, ours.stages().length);
        for (int i = 0; i < 2; i++) {
            assertEquals(sparks.stages()[i].uid(), ours.stages()[i].uid());
            assertEquals(sparks.stages()[i].getClass(), ours.stages()[i].getClass());
            assertEquals(
                    sparks.stages()[i].extractParamMap().toString(),
                    ours.stages()[i].extractParamMap().toString());
        }
        assertEquals(3.0, ((Binarizer) ours.stages()[1]).getThreshold());
        List<Row> expected = model.transform(data()).orderBy("id").collectAsList();
        assertEquals(expected, ours.transform(data()).orderBy("id").collectAsList());
        assertEquals(
                List.of(0.0, 0.0, 1.0, 1.0, 1.0, 1.0),
                ours.transform(data())
                        .orderBy("id")
                        .select("b")
                        .as(org.apache.spark.sql.Encoders.DOUBLE())
                        .collectAsList());
    }

    @Test
    void hepmlStagesReadTheirMetadataWithoutSpark() throws IOException {
        BootstrapAmsEvaluator b =
                new BootstrapAmsEvaluator().setResamples(64).setSeed(9).setClassTotals(2, 3);
        String path = tmp.resolve("boot").toString();
        b.save(path);

        DefaultParamsReader.Metadata md = ParamsMetadata.load(
                path, spark.sparkContext().hadoopConfiguration(), BootstrapAmsEvaluator.class.getName());
        assertEquals(b.uid(), md.uid());
        assertEquals(BootstrapAmsEvaluator.class.getName(), md.className());
        Object back = SavedStages.load(spark, path);
        BootstrapAmsEvaluator e = assertInstanceOf(BootstrapAmsEvaluator.class, back);
        assertEquals(64, e.getResamples());
        assertEquals(9L, e.getSeed());
        assertEquals(3.0, e.getBackgroundTotal());
        assertEquals(b.uid(), e.uid());

        // the same JSON, in the layouts Spark 4's saveToLocal and a compressed text output write
        String json = Files.readString(partFile(path));
        Path single = tmp.resolve("single");
        Files.createDirectories(single);
        Files.writeString(single.resolve("metadata"), json);
        assertEquals(
                json.strip(),
                ParamsMetadata.json(single.toString(), spark.sparkContext().hadoopConfiguration()));
        Path gz = tmp.resolve("gz/metadata");
        Files.createDirectories(gz);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz.resolve("part-00000.gz")))) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        BootstrapAmsEvaluator fromGz = assertInstanceOf(
                BootstrapAmsEvaluator.class,
                SavedStages.load(spark, tmp.resolve("gz").toString()));
        assertEquals(64, fromGz.getResamples());
    }

    @Test
    void errorsNameTheDirectoryAndTheProblem() throws IOException {
        var conf = spark.sparkContext().hadoopConfiguration();
        String none = tmp.resolve("nothing").toString();
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> SavedStages.loadPipelineModel(spark, none));
        assertTrue(
                missing.getMessage().contains("no Spark ML metadata at")
                        && missing.getMessage().contains(none),
                missing.getMessage());

        Path empty = tmp.resolve("empty/metadata");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve("part-00000"), "");
        IllegalArgumentException noPart = assertThrows(
                IllegalArgumentException.class,
                () -> ParamsMetadata.json(empty.getParent().toString(), conf));
        assertTrue(noPart.getMessage().contains("holds no metadata"), noPart.getMessage());

        Path garbage = tmp.resolve("garbage/metadata");
        Files.createDirectories(garbage);
        Files.writeString(garbage.resolve("part-00000"), "{\"class\": \"x\", trunc");
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class,
                () -> ParamsMetadata.load(garbage.getParent().toString(), conf, ""));
        assertTrue(bad.getMessage().contains("is not Spark ML metadata"), bad.getMessage());
        assertTrue(bad.getMessage().contains(garbage.toString()), bad.getMessage());

        // an unfitted Pipeline is not a PipelineModel; a fitted stage is not a pipeline
        String unfitted = tmp.resolve("unfitted").toString();
        new Pipeline().setStages(new PipelineStage[] {new Binarizer()}).save(unfitted);
        IllegalArgumentException notModel =
                assertThrows(IllegalArgumentException.class, () -> SavedStages.loadPipelineModel(spark, unfitted));
        assertTrue(notModel.getMessage().startsWith(unfitted + ": "), notModel.getMessage());
        assertTrue(notModel.getMessage().contains("org.apache.spark.ml.Pipeline"), notModel.getMessage());

        String pm = tmp.resolve("pm").toString();
        fitted().write().overwrite().save(pm);
        Path stage;
        try (Stream<Path> s = Files.list(tmp.resolve("pm/stages"))) {
            stage = s.filter(p -> p.getFileName().toString().startsWith("1_"))
                    .findFirst()
                    .orElseThrow();
        }
        try (Stream<Path> s = Files.walk(stage)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        IllegalArgumentException noStage =
                assertThrows(IllegalArgumentException.class, () -> SavedStages.loadPipelineModel(spark, pm));
        assertTrue(noStage.getMessage().contains(stage.toString()), noStage.getMessage());

        Path unknown = tmp.resolve("unknown/metadata");
        Files.createDirectories(unknown);
        Files.writeString(
                unknown.resolve("part-00000"),
                Files.readString(partFile(tmp.resolve("boot2").toString(), new BootstrapAmsEvaluator()))
                        .replace(BootstrapAmsEvaluator.class.getName(), "org.example.NoSuchStage"));
        IllegalArgumentException cls = assertThrows(
                IllegalArgumentException.class,
                () -> SavedStages.load(spark, unknown.getParent().toString()));
        assertTrue(cls.getMessage().contains("org.example.NoSuchStage is not on the classpath"), cls.getMessage());
        assertNotEquals(null, cls.getCause());
    }

    private static Path partFile(String path, BootstrapAmsEvaluator save) throws IOException {
        save.save(path);
        return partFile(path);
    }

    private static Path partFile(String path) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(path, "metadata"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
