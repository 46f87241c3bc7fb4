package org.hepml.jobs.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.io.ParquetFooters;

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
        List<String> files = new ArrayList<>();
        for (FileStatus f : p.getFileSystem(conf).listStatus(p)) {
            String name = f.getPath().getName();
            if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                files.add(f.getPath().toString());
            }
        }
        return ParquetFooters.rows(conf, files, Long.MAX_VALUE);
    }
}
