package org.hepml.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.generate.GeneratedEvents;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finished members are kept, read back on a resumed fit instead of trained again, and never mixed across trainings. */
class MemberCheckpointsTest {
    private static final SparkSession SPARK = SparkTestSession.get();

    @TempDir
    Path tmp;

    private static DnnEnsembleClassifier small(String dir) {
        return new DnnEnsembleClassifier()
                .setMembers(3)
                .setWidth(8)
                .setDepth(1)
                .setEpochs(2)
                .setSeed(9)
                .setTestTimeAugmentation(1)
                .setCheckpointDir(dir);
    }

    /** Counts the tasks of member-training jobs. */
    private static final class TrainingTasks extends SparkListener {
        final AtomicInteger tasks = new AtomicInteger();

        @Override
        public void onJobStart(SparkListenerJobStart job) {
            String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
            if (group != null && group.startsWith("hepml-members-")) {
                scala.collection.Iterator<org.apache.spark.scheduler.StageInfo> it =
                        job.stageInfos().iterator();
                while (it.hasNext()) {
                    tasks.addAndGet(it.next().numTasks());
                }
            }
        }
    }

    @Test
    void resumedFitReadsFinishedMembersAndTrainsOnlyTheRest() throws Exception {
        Dataset<Row> data = DnnEnsembleClassifierTest.prepared(GeneratedEvents.generate(SPARK, 900, 41, 2));
        Path dir = tmp.resolve("ckpt");
        DnnEnsembleModel full = small(dir.toString()).fit(data);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of(
                            "member-0.json",
                            "member-0.params",
                            "member-1.json",
                            "member-1.params",
                            "member-2.json",
                            "member-2.params"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals(List.of(), full.provenance().get("resumedMembers"));

        // as if the driver died while member 1 trained: its files never completed
        Files.delete(dir.resolve("member-1.json"));
        Files.delete(dir.resolve("member-1.params"));
        TrainingTasks counter = new TrainingTasks();
        SPARK.sparkContext().addSparkListener(counter);
        DnnEnsembleModel resumed;
        try {
            resumed = small(dir.toString()).fit(data);
            SPARK.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            SPARK.sparkContext().removeSparkListener(counter);
        }
        assertEquals(1, counter.tasks.get(), "only member 1 is trained again");
        assertEquals(List.of(0, 2), resumed.provenance().get("resumedMembers"));
        // the same seed gives the same member 1; members 0 and 2 come back bit for bit, their log rows with them
        assertArrayEquals(full.validationLosses(), resumed.validationLosses());
        assertEquals(
                full.transform(data).select("probability").collectAsList(),
                resumed.transform(data).select("probability").collectAsList());
        List<double[]> a = full.trainingLog();
        List<double[]> b = resumed.trainingLog();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i)[0] != 1) {
                assertArrayEquals(
                        a.get(i), b.get(i), "log row " + i + " (with its seconds) read back, not re-measured");
            }
        }
    }

    /** The data-parallel mode keeps and reads back finished members the same way; its key is its own. */
    @Test
    void dataParallelFitResumesToo() throws Exception {
        Dataset<Row> data = DnnEnsembleClassifierTest.prepared(GeneratedEvents.generate(SPARK, 700, 47, 2))
                .repartition(2);
        Path dir = tmp.resolve("dp");
        DnnEnsembleModel full = small(dir.toString())
                .setMembers(2)
                .setTrainingMode("dataParallel")
                .fit(data);
        assertTrue(Files.exists(dir.resolve("member-1.json")));
        Files.delete(dir.resolve("member-1.json"));
        DnnEnsembleModel resumed = small(dir.toString())
                .setMembers(2)
                .setTrainingMode("dataParallel")
                .fit(data);
        assertEquals(List.of(0), resumed.provenance().get("resumedMembers"));
        assertEquals(full.validationLosses()[0], resumed.validationLosses()[0]);
        assertEquals(2, resumed.validationLosses().length);
        // the members mode does not take the data-parallel members: another training
        IllegalArgumentException other = assertThrows(
                IllegalArgumentException.class,
                () -> small(dir.toString())
                        .setMembers(2)
                        .setTrainingMode("members")
                        .fit(data));
        assertTrue(other.getMessage().contains("holds members of another training"), other.getMessage());
    }

    @Test
    void checkpointsOfAnotherTrainingAreRefusedAndCorruptOnesNamed() throws Exception {
        Dataset<Row> data = DnnEnsembleClassifierTest.prepared(GeneratedEvents.generate(SPARK, 600, 43, 2));
        Path dir = tmp.resolve("ckpt");
        small(dir.toString()).setMembers(2).fit(data);
        IllegalArgumentException other = assertThrows(
                IllegalArgumentException.class,
                () -> small(dir.toString()).setMembers(2).setEpochs(3).fit(data));
        assertTrue(
                other.getMessage().contains("checkpoint directory " + dir + " holds members of another training"),
                other.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> small(dir.toString()).setMembers(2).fit(data.where("EventId % 7 != 0")),
                "other data: another training");
        byte[] bytes = Files.readAllBytes(dir.resolve("member-0.params"));
        bytes[20] ^= 1;
        Files.write(dir.resolve("member-0.params"), bytes);
        IllegalArgumentException corrupt = assertThrows(
                IllegalArgumentException.class,
                () -> small(dir.toString()).setMembers(2).fit(data));
        assertTrue(
                corrupt.getMessage().contains("member-0.params: its SHA-256 is not the one recorded"),
                corrupt.getMessage());
    }
}
