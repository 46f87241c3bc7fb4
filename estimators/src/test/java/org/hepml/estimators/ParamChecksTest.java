package org.hepml.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A param value the stage cannot use is refused wherever it enters, before any Spark job, naming the param and what
 * it accepts: at set, in a param map or grid, through copy, and at load. (Checks used to live in the setters, which
 * the other ways skip: `hepml train --tta 5` trained every member and then failed.)
 */
class ParamChecksTest {
    @TempDir
    Path tmp;

    private static void refused(Executable e, String message) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(message), x.getMessage());
    }

    @Test
    void aBadValueIsRefusedAtSet() {
        DnnEnsembleClassifier dnn = new DnnEnsembleClassifier();
        refused(
                () -> dnn.setTestTimeAugmentation(5),
                "DnnEnsembleClassifier: param testTimeAugmentation must be 1 or a multiple of 4, got 5");
        refused(() -> dnn.setMembers(0), "param members must be an integer >= 1, got 0");
        refused(
                () -> dnn.setValidationFraction(1.0),
                "param validationFraction must be a number in (0.0, 1.0), got 1.0");
        refused(() -> dnn.setLearningRate(Double.POSITIVE_INFINITY), "param learningRate must be a finite number >= 0");
        refused(() -> dnn.setTrainingMode("parallel"), "param trainingMode must be one of auto, members, dataParallel");
        refused(() -> new DnnEnsembleModel("m").setTestTimeAugmentation(6), "param testTimeAugmentation");
        refused(() -> new DnnEnsembleModel("m").setScoringBatchSize(0), "param scoringBatchSize");
        assertEquals(32, dnn.getTestTimeAugmentation()); // nothing was set by the refused calls
    }

    @Test
    void aBadValueIsRefusedInParamMapsGridsAndCopies() {
        DnnEnsembleClassifier dnn = new DnnEnsembleClassifier();
        refused(
                () -> new ParamGridBuilder()
                        .addGrid(dnn.members(), new int[] {2, 0})
                        .build(),
                "param members");
        refused(() -> ParamMap.empty().put(dnn.testTimeAugmentation(), 5), "param testTimeAugmentation");
        refused(() -> dnn.copy(new ParamMap().put(dnn.schedule(), "triangular")), "param schedule must be one of");
    }

    @Test
    void aBadValueIsRefusedAtLoad() throws Exception {
        SparkTestSession.get();
        Path dir = tmp.resolve("dnn");
        new DnnEnsembleClassifier().setTestTimeAugmentation(8).write().save(dir.toString());
        Path metadata;
        try (Stream<Path> files = Files.list(dir.resolve("metadata"))) {
            metadata = files.filter(f -> f.getFileName().toString().startsWith("part-"))
                    .findFirst()
                    .orElseThrow();
        }
        String json = Files.readString(metadata);
        assertTrue(json.contains("\"testTimeAugmentation\":8"), json);
        Files.writeString(metadata, json.replace("\"testTimeAugmentation\":8", "\"testTimeAugmentation\":5"));
        Files.deleteIfExists(metadata.resolveSibling("." + metadata.getFileName() + ".crc"));
        refused(
                () -> DnnEnsembleClassifier.load(dir.toString()),
                "param testTimeAugmentation must be 1 or a multiple of 4, got 5");
    }
}
