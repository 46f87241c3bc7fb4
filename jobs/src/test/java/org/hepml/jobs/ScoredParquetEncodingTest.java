package org.hepml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.estimators.DnnEnsembleClassifier;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.event.io.EventParquet;
import org.hepml.generate.GeneratedEvents;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring writes {@code score} and {@code EventId} without a dictionary (their values are distinct in real use) and
 * leaves the others to Parquet. The events are 100 repeated 30 times, so that every column repeats: Parquet's
 * default would keep a dictionary for each (the control below), and only the option can make these two plain.
 */
class ScoredParquetEncodingTest {
    @TempDir
    Path tmp;

    @Test
    void distinctColumnsArePlainAndRepeatingOnesKeepTheirDictionary() throws Exception {
        SparkSession spark = SparkTestSession.get();
        String events = tmp.resolve("events").toString();
        GeneratedEvents.generate(spark, 100, 31, 1).write().parquet(events);
        Dataset<Row> once = EventParquet.read(spark, events);
        Dataset<Row> in = once;
        for (int i = 1; i < 30; i++) {
            in = in.union(once);
        }
        DnnEnsembleClassifier dnn = new DnnEnsembleClassifier()
                .setMembers(1)
                .setEpochs(1)
                .setWidth(8)
                .setDepth(2)
                .setTestTimeAugmentation(1)
                .setSeed(3);
        PipelineModel fitted = ReferencePipeline.build(dnn, false).fit(once);
        String out = tmp.resolve("scored").toString();
        // one partition, one file: each value repeats 30 times in it
        ScoreJob.scoreTo(spark, fitted, in.coalesce(1), out, false, "parquet");
        Dataset<Row> scored = spark.read().parquet(out);
        assertEquals(100, scored.select("score").distinct().count(), "the same event, the same score");

        String control = tmp.resolve("control").toString();
        scored.write().parquet(control);
        assertTrue(dictionary(control, "score"), "Parquet's default keeps a dictionary for 100 distinct scores");
        assertTrue(dictionary(control, "EventId"));

        assertFalse(dictionary(out, "score"), "score written plain");
        assertFalse(dictionary(out, "EventId"), "EventId written plain");
        assertTrue(dictionary(out, "label"), "label keeps its dictionary");
        assertTrue(dictionary(out, "weight"), "weight keeps its dictionary");
        assertEquals(3000, scored.where("score > 0 and score < 1").count(), "every score read back");
    }

    /** Whether any column chunk of {@code column} in the Parquet files under {@code dir} is dictionary-encoded. */
    private static boolean dictionary(String dir, String column) throws Exception {
        List<Path> parts;
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            parts = files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .toList();
        }
        assertFalse(parts.isEmpty(), "no Parquet file under " + dir);
        boolean found = false;
        boolean any = false;
        for (Path part : parts) {
            try (ParquetFileReader r = ParquetFileReader.open(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()), new Configuration()))) {
                for (BlockMetaData block : r.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData c : block.getColumns()) {
                        if (c.getPath().toDotString().equals(column)) {
                            found = true;
                            any |= c.hasDictionaryPage()
                                    || c.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
                                    || c.getEncodings().contains(Encoding.RLE_DICTIONARY);
                        }
                    }
                }
            }
        }
        assertTrue(found, "no column " + column + " under " + dir);
        return any;
    }
}
