package org.hepml.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrittenRowsTest {
    @TempDir
    Path dir;

    @Test
    void theFootersCountWhatSparkWrote() throws IOException {
        SparkSession spark = SparkTestSession.get();
        String out = dir.resolve("p").toString();
        // uneven partitions, one of them empty: 1,237 rows in 4 files
        spark.range(0, 1237, 1, 3).union(spark.range(0, 0, 1, 1)).write().parquet(out);
        assertTrue(Files.exists(dir.resolve("p/_SUCCESS")), "Spark's marker file is there and skipped");
        assertEquals(1237, WrittenRows.count(spark, out, "parquet"));
        assertEquals(spark.read().parquet(out).count(), WrittenRows.count(spark, out, "parquet"));

        String csv = dir.resolve("c").toString();
        spark.range(0, 55, 1, 2).write().option("header", true).csv(csv);
        assertEquals(55, WrittenRows.count(spark, csv, "csv"));
    }

    @Test
    void aFileThatIsNotParquetIsNamed() throws IOException {
        SparkSession spark = SparkTestSession.get();
        String out = dir.resolve("p").toString();
        spark.range(10).write().parquet(out);
        Files.writeString(dir.resolve("p/notes.txt"), "not parquet");
        IOException e = assertThrows(IOException.class, () -> WrittenRows.count(spark, out, "parquet"));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
    }
}
