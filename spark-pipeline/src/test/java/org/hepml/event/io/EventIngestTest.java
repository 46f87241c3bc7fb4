package org.hepml.event.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.HiggsEventSchema;
import org.hepml.testing.CsvFixtures;
import org.hepml.testing.SharedData;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventIngestTest {
    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path tmp;

    private static List<String> lines(int n, java.util.function.IntFunction<String> line) {
        return IntStream.range(0, n).mapToObj(line).collect(Collectors.toList());
    }

    @Test
    void cernGzipFileIsIngestedWithExplicitSchema() throws IOException {
        Path in = CsvFixtures.write(
                tmp.resolve("cern.csv.gz"), CsvFixtures.cernHeader(), lines(10, CsvFixtures::cernLine));
        IngestReport r = EventIngest.from(in.toString())
                .to(tmp.resolve("out").toString())
                .run(spark);
        assertEquals(EventFileFormat.CERN, r.format());
        assertEquals(10, r.events());
        assertEquals(5, r.signal());
        assertEquals(5, r.background());
        assertEquals(0, r.quarantined());

        Dataset<Row> out = spark.read().parquet(r.output());
        assertEquals(HiggsEventSchema.parquetSchema(true, true).fieldNames().length, out.columns().length);
        assertEquals(
                Arrays.asList(HiggsEventSchema.parquetSchema(true, true).fieldNames()), Arrays.asList(out.columns()));
        assertEquals("LongType", out.schema().apply("EventId").dataType().toString());
        Row e5 = out.where("EventId = 100005").first();
        assertEquals(Double.parseDouble(CsvFixtures.featureValue(5, 0)), e5.getDouble(e5.fieldIndex("DER_mass_MMC")));
        assertTrue(e5.isNullAt(e5.fieldIndex("PRI_jet_subleading_pt"))); // -999.0 -> null
        assertEquals(1.0, e5.getDouble(e5.fieldIndex("PRI_jet_num")));
        assertEquals(0.0, e5.getDouble(e5.fieldIndex(HiggsEventSchema.LABEL)));
        assertEquals(7.0, e5.getDouble(e5.fieldIndex(HiggsEventSchema.WEIGHT))); // KaggleWeight
        assertEquals(5.5, e5.getDouble(e5.fieldIndex(HiggsEventSchema.ORIGINAL_WEIGHT))); // Weight
    }

    /**
     * Files that pandas (QUOTE_ALL), R or a spreadsheet write quote the header and the fields: the same events as the
     * plain file, not "missing column 'EventId'". A quote left open is a bad line with its number.
     */
    @Test
    void quotedCsvIsTheSameAsPlainCsv() throws IOException {
        List<String> header = CsvFixtures.cernHeader();
        List<String> plain = lines(6, CsvFixtures::cernLine);
        java.util.function.Function<String, String> quoteAll = line ->
                Arrays.stream(line.split(",", -1)).map(f -> "\"" + f + "\"").collect(Collectors.joining(","));
        Path a = CsvFixtures.write(tmp.resolve("plain.csv"), header, plain);
        Path b = tmp.resolve("quoted.csv");
        Files.writeString(
                b,
                quoteAll.apply(String.join(",", header)) + "\r\n"
                        + plain.stream().map(quoteAll).collect(Collectors.joining("\r\n")) + "\r\n");
        IngestReport ra =
                EventIngest.from(a.toString()).to(tmp.resolve("qa").toString()).run(spark);
        IngestReport rb =
                EventIngest.from(b.toString()).to(tmp.resolve("qb").toString()).run(spark);
        assertEquals(6, rb.events());
        assertEquals(
                spark.read().parquet(ra.output()).orderBy("EventId").collectAsList(),
                spark.read().parquet(rb.output()).orderBy("EventId").collectAsList());

        List<String> open = new java.util.ArrayList<>(plain);
        open.set(3, open.get(3).replaceFirst(",", ",\"")); // an opening quote that never closes
        Path c = CsvFixtures.write(tmp.resolve("open-quote.csv"), header, open);
        EventInputException e = assertThrows(
                EventInputException.class,
                () -> EventIngest.from(c.toString())
                        .to(tmp.resolve("qc").toString())
                        .run(spark));
        assertTrue(e.getMessage().contains("open-quote.csv: line 5"), e.getMessage());
    }

    @Test
    void kaggleFilesAndDirectories() throws IOException {
        Path dir = tmp.resolve("train");
        CsvFixtures.write(
                dir.resolve("a.csv"), CsvFixtures.kaggleTrainHeader(), lines(4, CsvFixtures::kaggleTrainLine));
        CsvFixtures.write(
                dir.resolve("sub/b.csv.gz"),
                CsvFixtures.kaggleTrainHeader(),
                lines(3, i -> CsvFixtures.kaggleTrainLine(4 + i))); // events 4-6: ids never repeat
        Files.writeString(dir.resolve("_SUCCESS"), ""); // bookkeeping files are not data
        Files.writeString(dir.resolve(".hidden.crc"), "x");
        IngestReport r = EventIngest.from(dir.toString())
                .to(tmp.resolve("o1").toString())
                .run(spark);
        assertEquals(EventFileFormat.KAGGLE_TRAIN, r.format());
        assertEquals(2, r.files().size());
        assertEquals(7, r.events());

        Path test = CsvFixtures.write(
                tmp.resolve("test.csv"), CsvFixtures.kaggleTestHeader(), lines(5, CsvFixtures::kaggleTestLine));
        IngestReport t = EventIngest.from(test.toString())
                .to(tmp.resolve("o2").toString())
                .run(spark);
        assertEquals(EventFileFormat.KAGGLE_TEST, t.format());
        assertEquals(5, t.events());
        assertFalse(Arrays.asList(spark.read().parquet(t.output()).columns()).contains(HiggsEventSchema.LABEL));
    }

    @Test
    void badLineFailsNamingFileLineAndColumn() throws IOException {
        List<String> ls = lines(6, CsvFixtures::cernLine);
        ls.set(3, ls.get(3).replace(",b,t,", ",B,t,"));
        Path in = CsvFixtures.write(tmp.resolve("bad.csv"), CsvFixtures.cernHeader(), ls);
        Exception e = assertThrows(
                Exception.class,
                () -> EventIngest.from(in.toString())
                        .to(tmp.resolve("out").toString())
                        .run(spark));
        String msg = rootInputMessage(e);
        assertTrue(msg.contains("bad.csv: line 5, column Label: Label must be 's' or 'b', found 'B'"), msg);
    }

    @Test
    void quarantineKeepsEveryLine() throws IOException {
        List<String> ls = lines(20, CsvFixtures::cernLine);
        ls.set(2, ls.get(2).replaceFirst("," + CsvFixtures.featureValue(2, 0) + ",", ",oops,"));
        ls.set(7, ls.get(7) + ",extra");
        ls.set(11, ls.get(11).replace(",b,t,", ",?,t,"));
        ls.add(5, ""); // a blank line is not an event, and not an error
        Path in = CsvFixtures.write(tmp.resolve("q.csv"), CsvFixtures.cernHeader(), ls);
        IngestReport r = EventIngest.from(in.toString())
                .to(tmp.resolve("out").toString())
                .badRows(BadRowPolicy.QUARANTINE)
                .run(spark);
        assertEquals(17, r.events());
        assertEquals(3, r.quarantined());
        assertEquals(20, r.events() + r.quarantined());
        List<Row> bad = spark.read()
                .json(r.quarantinePath() + "/part-*")
                .orderBy("line")
                .collectAsList();
        assertEquals(
                List.of(4L, 10L, 14L),
                bad.stream().map(b -> b.getLong(b.fieldIndex("line"))).collect(Collectors.toList()));
        assertEquals("DER_mass_MMC", bad.get(0).getString(bad.get(0).fieldIndex("column")));
        assertTrue(bad.get(1).getString(bad.get(1).fieldIndex("reason")).contains("expected 35 fields, found 36"));
        assertEquals(ls.get(2), bad.get(0).getString(bad.get(0).fieldIndex("raw")));
        // the good events are exactly the other 17
        List<Long> ids = spark.read()
                .parquet(r.output())
                .select("EventId")
                .orderBy("EventId")
                .as(org.apache.spark.sql.Encoders.LONG())
                .collectAsList();
        assertFalse(ids.contains(100002L));
        assertEquals(17, ids.size());
    }

    @Test
    void emptyInputsAndExistingOutputAreClearErrors() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
        assertTrue(rootInputMessage(assertThrows(
                        Exception.class,
                        () -> EventIngest.from(empty.toString())
                                .to(tmp.resolve("o1").toString())
                                .run(spark)))
                .contains("empty file"));

        Path headerOnly = CsvFixtures.write(tmp.resolve("h.csv"), CsvFixtures.cernHeader(), List.of());
        assertTrue(rootInputMessage(assertThrows(
                        Exception.class,
                        () -> EventIngest.from(headerOnly.toString())
                                .to(tmp.resolve("o2").toString())
                                .run(spark)))
                .contains("no events"));

        Path ok = CsvFixtures.write(tmp.resolve("ok.csv"), CsvFixtures.cernHeader(), lines(2, CsvFixtures::cernLine));
        Path out = Files.createDirectories(tmp.resolve("exists"));
        assertTrue(rootInputMessage(assertThrows(
                        Exception.class,
                        () -> EventIngest.from(ok.toString()).to(out.toString()).run(spark)))
                .contains("--mode overwrite"));
        assertEquals(
                2,
                EventIngest.from(ok.toString())
                        .to(out.toString())
                        .overwrite(true)
                        .run(spark)
                        .events());

        assertTrue(rootInputMessage(assertThrows(
                        Exception.class,
                        () -> EventIngest.from(tmp.resolve("nope.csv").toString())
                                .to(tmp.resolve("o3").toString())
                                .run(spark)))
                .contains("input not found"));
        Path emptyDir = Files.createDirectories(tmp.resolve("emptydir"));
        assertTrue(rootInputMessage(assertThrows(
                        Exception.class,
                        () -> EventIngest.from(emptyDir.toString())
                                .to(tmp.resolve("o4").toString())
                                .run(spark)))
                .contains("no data files"));
    }

    @Test
    void mixedFormatsInOneDirectoryAreRefused() throws IOException {
        Path dir = tmp.resolve("mixed");
        CsvFixtures.write(
                dir.resolve("training.csv"), CsvFixtures.kaggleTrainHeader(), lines(2, CsvFixtures::kaggleTrainLine));
        CsvFixtures.write(
                dir.resolve("test.csv"), CsvFixtures.kaggleTestHeader(), lines(2, CsvFixtures::kaggleTestLine));
        String msg = rootInputMessage(assertThrows(
                Exception.class,
                () -> EventIngest.from(dir.toString())
                        .to(tmp.resolve("o").toString())
                        .run(spark)));
        assertTrue(msg.contains("input mixes formats"), msg);
    }

    @Test
    void truncatedGzipIsAClearError() throws IOException {
        Path full = CsvFixtures.write(
                tmp.resolve("full.csv.gz"), CsvFixtures.cernHeader(), lines(2000, CsvFixtures::cernLine));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(tmp.resolve("cut.csv.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        String msg = rootInputMessage(assertThrows(
                Exception.class,
                () -> EventIngest.from(cut.toString())
                        .to(tmp.resolve("o").toString())
                        .run(spark)));
        assertTrue(msg.contains("cut.csv.gz: truncated or corrupt gzip data after line"), msg);
    }

    @Test
    void realSampleIngests() {
        Path sample = SharedData.higgsSample();
        IngestReport r = EventIngest.from(sample.toString())
                .to(tmp.resolve("real").toString())
                .run(spark);
        assertEquals(EventFileFormat.CERN, r.format());
        assertEquals(SharedData.SAMPLE_EVENTS, r.events());
        assertEquals(SharedData.SAMPLE_SIGNAL, r.signal());
        Dataset<Row> ev = spark.read().parquet(r.output());
        Row first = ev.where("EventId = 100000").first(); // the first line of the file, by hand
        assertEquals(138.47, first.getDouble(first.fieldIndex("DER_mass_MMC")));
        assertEquals(2.0, first.getDouble(first.fieldIndex("PRI_jet_num")));
        assertEquals(1.0, first.getDouble(first.fieldIndex("label")));
        assertEquals(0.00265331133733, first.getDouble(first.fieldIndex("weight")));
        assertEquals(0.00081448039868, first.getDouble(first.fieldIndex("original_weight")));
        Row second = ev.where("EventId = 100001").first();
        assertTrue(second.isNullAt(second.fieldIndex("DER_deltaeta_jet_jet")));
        // no -999 left anywhere
        for (String f : HiggsEventSchema.features()) {
            assertEquals(0, ev.where(ev.col(f).equalTo(-999.0)).count(), f);
        }
    }

    /** The message of the EventInputException inside whatever Spark wrapped it in. */
    static String rootInputMessage(Throwable t) {
        List<String> seen = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EventInputException) {
                return c.getMessage();
            }
            seen.add(c.toString());
        }
        throw new AssertionError("no EventInputException in " + Stream.of(seen).collect(Collectors.toList()));
    }
}
