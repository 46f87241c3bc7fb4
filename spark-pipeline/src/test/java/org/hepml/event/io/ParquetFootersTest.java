package org.hepml.event.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFootersTest {
    @TempDir
    Path tmp;

    @Test
    void theRowsAreSummedFromTheFootersAsFarAsAsked() throws IOException {
        SparkSession spark = SparkTestSession.get();
        String dir = tmp.resolve("p").toString();
        spark.range(0, 30, 1, 3).write().parquet(dir); // three files of 10 rows
        List<String> files = EventFiles.list(dir, new Configuration());
        assertEquals(3, files.size());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        assertEquals(30, ParquetFooters.rows(conf, files, Long.MAX_VALUE));
        assertEquals(30, ParquetFooters.rows(conf, files, 20), "at 20 the sum is not yet above 20");
        assertEquals(20, ParquetFooters.rows(conf, files, 15), "the third footer is not read once 15 is passed");
        assertEquals(0, ParquetFooters.rows(conf, List.of(), 15));
    }

    @Test
    void aFileThatIsNotParquetIsNamed() throws IOException {
        Path csv = tmp.resolve("events.csv");
        Files.writeString(csv, "EventId,DER_mass_MMC\n1,2.0\n");
        IOException e = assertThrows(
                IOException.class,
                () -> ParquetFooters.rows(new Configuration(), List.of(csv.toString()), Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("events.csv"), e.getMessage());
    }
}
