package org.hepml.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.generate.GeneratedEvents;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved model is read back exactly, or refused with an error naming the file and what is wrong with it: a missing
 * path, a missing part, edited or truncated files, another format version. Member files are plain numbers behind a
 * header and a recorded SHA-256; nothing in a model directory reaches Java deserialization.
 */
class ModelFilesTest {
    private static DnnEnsembleModel model;
    private static Dataset<Row> events;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fit() {
        Dataset<Row> data =
                DnnEnsembleClassifierTest.prepared(GeneratedEvents.generate(SparkTestSession.get(), 800, 31, 2));
        model = new DnnEnsembleClassifier()
                .setMembers(2)
                .setWidth(8)
                .setDepth(1)
                .setEpochs(1)
                .setSeed(3)
                .setTestTimeAugmentation(1)
                .fit(data);
        events = data.limit(50);
    }

    private Path saved() throws Exception {
        Path p = tmp.resolve("model-" + System.nanoTime());
        model.write().save(p.toString());
        return p;
    }

    private static String refused(Path p) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DnnEnsembleModel.load(p.toString()));
        return e.getMessage();
    }

    @Test
    void roundTripIsExactAndHoldsNoDl4jFiles() throws Exception {
        Path p = saved();
        assertEquals(
                model.transform(events).select("probability").collectAsList(),
                DnnEnsembleModel.load(p.toString())
                        .transform(events)
                        .select("probability")
                        .collectAsList());
        try (Stream<Path> files = Files.list(p.resolve("data"))) {
            assertEquals(
                    List.of("ensemble.json", "member-0.params", "member-1.params", "training-log.csv"),
                    files.map(f -> f.getFileName().toString())
                            .filter(n -> !n.startsWith("."))
                            .sorted()
                            .toList());
        }
        String json = Files.readString(p.resolve("data/ensemble.json"));
        assertTrue(json.contains("\"formatVersion\" : 2") && json.contains("\"sha256\""), json);
    }

    @Test
    void missingPathsAndPartsNameWhatIsMissing() throws Exception {
        assertTrue(refused(tmp.resolve("nowhere"))
                .contains("no model at " + tmp.resolve("nowhere") + ": the path does not exist"));
        Path p = saved();
        Files.delete(p.resolve("data/ensemble.json"));
        assertTrue(refused(p).contains("incomplete one: no data/ensemble.json"), refused(p));
        Path q = saved();
        Files.delete(q.resolve("data/member-1.params"));
        assertTrue(
                refused(q).contains("cannot read ensemble member 1")
                        && refused(q).contains("member-1.params"),
                refused(q));
    }

    @Test
    void truncatedOrEditedMemberFilesAreRefused() throws Exception {
        Path p = saved();
        Path member = p.resolve("data/member-0.params");
        byte[] bytes = Files.readAllBytes(member);
        Files.write(member, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        assertTrue(refused(p).contains("member-0.params: its SHA-256 is not the one recorded with it"), refused(p));
        bytes[bytes.length - 1] ^= 1; // one bit of one weight, same length
        Files.write(member, bytes);
        assertTrue(refused(p).contains("the file was modified or truncated"), refused(p));
    }

    /** Even with its digest updated, a Java serialization stream in place of a member file is refused by its header. */
    @Test
    void aSerializedObjectInPlaceOfAMemberIsNeverDeserialized() throws Exception {
        Path p = saved();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.HashMap<>(java.util.Map.of("x", 1)));
        }
        Files.write(p.resolve("data/member-1.params"), bytes.toByteArray());
        Path json = p.resolve("data/ensemble.json");
        String text = Files.readString(json);
        String sha = text.split("\"sha256\" : \"")[2].substring(0, 64);
        Files.writeString(json, text.replace(sha, MemberFile.sha256(bytes.toByteArray())));
        assertTrue(refused(p).contains("member-1.params: not a hepml member file"), refused(p));
        // a member file that names another place is refused before anything is read
        Files.writeString(json, text.replace("\"member-1.params\"", "\"../../elsewhere.params\""));
        assertTrue(refused(p).contains("names the file '../../elsewhere.params'"), refused(p));
    }

    @Test
    void editedJsonAndOtherFormatVersionsAreClear() throws Exception {
        Path p = saved();
        Path json = p.resolve("data/ensemble.json");
        String text = Files.readString(json);
        Files.writeString(json, text.substring(0, text.length() / 2));
        assertTrue(refused(p).contains("data/ensemble.json is not valid JSON (truncated or edited?)"), refused(p));
        Files.writeString(json, text.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1"));
        assertTrue(
                refused(p).contains("model format version 1, this library")
                        && refused(p).contains("reads version 2")
                        && refused(p).contains("train the model again"),
                refused(p));
        Files.writeString(json, text.replace("\"formatVersion\" : 2", "\"formatVersion\" : 3"));
        assertTrue(refused(p).contains("model format version 3"), refused(p));
        Files.writeString(json, text.replace("\"width\"", "\"breadth\""));
        assertTrue(refused(p).contains("ensemble.json: field 'width' is missing"), refused(p));
        Files.writeString(json, text.replace("\"width\" : 8", "\"width\" : 9"));
        assertTrue(refused(p).contains("the network described in ensemble.json has"), refused(p));
    }

    @Test
    void memberFileFormatByHand() {
        byte[] b = MemberFile.encode(new float[] {1.5f, -2f});
        assertEquals(8 + 4 + 4 + 8, b.length);
        assertEquals("HEPMLNET", new String(b, 0, 8, StandardCharsets.US_ASCII));
        assertArrayEquals(
                new byte[] {0, 0, 0, 1, 0, 0, 0, 2, 0x3f, (byte) 0xc0, 0, 0, (byte) 0xc0, 0, 0, 0},
                java.util.Arrays.copyOfRange(b, 8, b.length));
        assertArrayEquals(new float[] {1.5f, -2f}, MemberFile.decode(b, "m", MemberFile.sha256(b), 2));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> MemberFile.decode(java.util.Arrays.copyOf(b, 19), "m", null, -1));
        assertTrue(
                e.getMessage().contains("m: 19 bytes, but its header announces 2 parameters (24 bytes)"),
                e.getMessage());
    }
}
