package org.hepml.jobs.cli;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;

/** How many rows a command wrote to its output, for the line it prints at the end. */
public final class WrittenRows {
    private WrittenRows() {}

    /**
     * The rows under {@code output}, written as {@code fmt} ("parquet" or "csv" with a header). Parquet's are summed
     * from the files' footers, which hold each file's row count: no Spark job, where reading the output back cost
     * two (0.5-0.7 s of a one-shot command's wall clock). CSV has no such count, so Spark counts its lines.
     */
    public static long count(SparkSession spark, String output, String fmt) throws IOException {
        if (fmt.equals("csv")) {
            return spark.read().option("header", true).csv(output).count();
        }
        return parquetRows(spark.sparkContext().hadoopConfiguration(), output);
    }

    /** The rows of the Parquet files directly under {@code dir}, skipping Spark's hidden and marker files. */
    static long parquetRows(Configuration conf, String dir) throws IOException {
        Path p = new Path(dir);
        FileSystem fs = p.getFileSystem(conf);
        long rows = 0;
        for (FileStatus f : fs.listStatus(p)) {
            String name = f.getPath().getName();
            if (!f.isFile() || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
                rows += r.getRecordCount();
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot read the Parquet footer of " + f.getPath() + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }
}
