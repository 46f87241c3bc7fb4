package org.hepml.event.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.hepml.event.HiggsEventSchema;
import org.hepml.testing.CsvFixtures;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One corpus of bad lines, each broken in one way: under {@code fail} each stops the ingest naming file, line and
 * column; under {@code quarantine} each lands in the quarantine with its reason, and good + quarantined = input.
 * Plus what is wrong with a whole input: repeated EventIds, event Parquet of another schema.
 */
class BadInputCorpusTest {
    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path tmp;

    /** The broken lines: reason fragment -> line (event i = 1000 + k, so ids never collide with the good lines). */
    private static Map<String, String> corpus() {
        List<String> h = CsvFixtures.cernHeader();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("column DER_mass_MMC: not a finite number: 'NaN'", set(h, 1000, "DER_mass_MMC", "NaN"));
        m.put("column DER_mass_vis: not a finite number: 'Infinity'", set(h, 1001, "DER_mass_vis", "Infinity"));
        m.put("column DER_pt_h: empty value", set(h, 1002, "DER_pt_h", ""));
        m.put(
                "column PRI_tau_pt: PRI_tau_pt is never missing in HiggsML data, found -999.0",
                set(h, 1003, "PRI_tau_pt", "-999.0"));
        m.put("column Weight: Weight must be positive, found 0.0", set(h, 1004, "Weight", "0"));
        m.put("column KaggleWeight: KaggleWeight must be positive, found -1.5", set(h, 1005, "KaggleWeight", "-1.5"));
        m.put(
                "column PRI_jet_num: jet count must be an integer from 0 to 3, found '5'",
                set(h, 1006, "PRI_jet_num", "5"));
        m.put(
                "column PRI_met: PRI_met = 1.0E30 is outside its physical range [0, 14000]",
                set(h, 1007, "PRI_met", "1e30"));
        m.put("column PRI_lep_pt: not a number: 'twelve'", set(h, 1008, "PRI_lep_pt", "twelve"));
        m.put("column Label: Label must be 's' or 'b', found 'signal'", set(h, 1009, "Label", "signal"));
        String line = CsvFixtures.cernLine(1010);
        m.put("expected 35 fields, found 34", line.substring(0, line.lastIndexOf(',')));
        m.put("expected 35 fields, found 36", CsvFixtures.cernLine(1011) + ",7");
        return m;
    }

    private static String set(List<String> header, int i, String column, String value) {
        String[] f = CsvFixtures.cernLine(i).split(",", -1);
        f[header.indexOf(column)] = value;
        return String.join(",", f);
    }

    @Test
    void everyBadLineFailsTheIngestNamingFileLineAndColumn() throws IOException {
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            good.add(CsvFixtures.cernLine(i));
        }
        int k = 0;
        for (Map.Entry<String, String> bad : corpus().entrySet()) {
            List<String> lines = new ArrayList<>(good);
            lines.add(bad.getValue());
            Path in = CsvFixtures.write(tmp.resolve("bad" + k + ".csv"), CsvFixtures.cernHeader(), lines);
            Path out = tmp.resolve("out" + k++);
            String msg = EventIngestTest.rootInputMessage(assertThrows(
                    Exception.class,
                    () -> EventIngest.from(in.toString()).to(out.toString()).run(spark)));
            assertTrue(msg.contains(in.getFileName() + ": line 5") && msg.contains(bad.getKey()), msg);
            assertFalse(Files.exists(out), "a failed ingest writes nothing at the output: " + out);
        }
    }

    @Test
    void quarantineKeepsEveryLineOfTheCorpus() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(CsvFixtures.cernLine(i));
        }
        Map<String, String> corpus = corpus();
        lines.addAll(corpus.values());
        Path in = CsvFixtures.write(tmp.resolve("corpus.csv.gz"), CsvFixtures.cernHeader(), lines);
        IngestReport r = EventIngest.from(in.toString())
                .to(tmp.resolve("q").toString())
                .badRows(BadRowPolicy.QUARANTINE)
                .run(spark);
        assertEquals(20, r.events());
        assertEquals(corpus.size(), r.quarantined());
        assertEquals(lines.size(), r.events() + r.quarantined(), "good + quarantined = input");
        Dataset<Row> q = spark.read().json(r.quarantinePath());
        List<String> reasons = q.select(functions.concat_ws(" ", q.col("column"), q.col("reason")))
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        for (String key : corpus.keySet()) {
            String want = key.startsWith("column ")
                    ? key.substring("column ".length()).replaceFirst(": ", " ")
                    : key;
            assertTrue(reasons.stream().anyMatch(x -> x.contains(want)), want + " in " + reasons);
        }
    }

    @Test
    void repeatedEventIdsAreRefusedUnderEitherPolicy() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(CsvFixtures.cernLine(i));
        }
        lines.add(CsvFixtures.cernLine(3));
        lines.add(CsvFixtures.cernLine(3));
        Path in = CsvFixtures.write(tmp.resolve("dups.csv"), CsvFixtures.cernHeader(), lines);
        for (BadRowPolicy policy : BadRowPolicy.values()) {
            Path out = tmp.resolve("d-" + policy);
            String msg = EventIngestTest.rootInputMessage(assertThrows(
                    Exception.class,
                    () -> EventIngest.from(in.toString())
                            .to(out.toString())
                            .badRows(policy)
                            .run(spark)));
            assertTrue(
                    msg.contains("duplicate EventId values: 100003 (3 times)") && msg.contains("nothing was written"),
                    msg);
            assertFalse(Files.exists(out));
        }
    }

    /** Extra columns are reported and ignored; a single class is valid data (a signal-only sample). */
    @Test
    void extraColumnsAndASingleClassAreAccepted() throws IOException {
        List<String> header = new ArrayList<>(CsvFixtures.cernHeader());
        header.add("Comment");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i += 2) { // even i: all signal
            lines.add(CsvFixtures.cernLine(i) + ",hello");
        }
        Path in = CsvFixtures.write(tmp.resolve("extra.csv"), header, lines);
        IngestReport r =
                EventIngest.from(in.toString()).to(tmp.resolve("x").toString()).run(spark);
        assertEquals(4, r.events());
        assertEquals(4, r.signal());
        assertTrue(r.unusedColumns().contains("Comment"), r.unusedColumns().toString());
    }

    /** Parquet that is not event Parquet is refused when read, naming the column and its type. */
    @Test
    void parquetOfAnotherSchemaIsRefusedByName() {
        Path p = tmp.resolve("wrong.parquet");
        spark.range(5)
                .withColumnRenamed("id", HiggsEventSchema.EVENT_ID)
                .withColumn("PRI_tau_pt", functions.lit("fast"))
                .write()
                .parquet(p.toString());
        EventInputException e = assertThrows(EventInputException.class, () -> EventParquet.read(spark, p.toString()));
        String expected = "column 'PRI_tau_pt' is string, event Parquet has a number (double, float or an integer)";
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        Path q = tmp.resolve("noid.parquet");
        spark.range(5).write().parquet(q.toString());
        e = assertThrows(EventInputException.class, () -> EventParquet.read(spark, q.toString()));
        assertTrue(e.getMessage().contains("not event Parquet: no 'EventId' column (columns: id)"), e.getMessage());
    }

    /**
     * Parquet as uproot and awkward write it from a ROOT ntuple: an int32 EventId, float32 features with -999 for
     * missing, an integer label. Read as event Parquet: long, doubles, null for -999, the values kept.
     */
    @Test
    void parquetFromElsewhereIsReadAsEventParquet() {
        Path p = tmp.resolve("uproot.parquet");
        spark.range(4)
                .select(
                        functions.col("id").cast("int").as(HiggsEventSchema.EVENT_ID),
                        functions
                                .when(functions.col("id").equalTo(2), -999f)
                                .otherwise(functions.col("id").cast("float").plus(0.5f))
                                .as("PRI_jet_leading_pt"),
                        functions.col("id").cast("float").as("DER_mass_vis"),
                        functions.lit(1).as(HiggsEventSchema.LABEL),
                        functions.lit(2.5f).as(HiggsEventSchema.WEIGHT))
                .write()
                .parquet(p.toString());
        Dataset<Row> e = EventParquet.read(spark, p.toString()).orderBy(HiggsEventSchema.EVENT_ID);
        assertEquals(
                "bigint", e.schema().apply(HiggsEventSchema.EVENT_ID).dataType().simpleString());
        for (String c :
                List.of("PRI_jet_leading_pt", "DER_mass_vis", HiggsEventSchema.LABEL, HiggsEventSchema.WEIGHT)) {
            assertEquals("double", e.schema().apply(c).dataType().simpleString(), c);
        }
        List<Row> rows = e.collectAsList();
        assertEquals(1.5, rows.get(1).getDouble(1));
        assertTrue(rows.get(2).isNullAt(1)); // -999: missing
        assertEquals(2.0, rows.get(2).getDouble(2));
        assertEquals(1.0, rows.get(3).getDouble(3));
        assertEquals(2.5, rows.get(3).getDouble(4));
    }
}
