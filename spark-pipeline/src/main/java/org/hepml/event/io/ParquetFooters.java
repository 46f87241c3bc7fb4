package org.hepml.event.io;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * What Parquet files' footers say without reading their data: each footer holds its file's row count, so counting
 * rows needs no Spark job.
 */
public final class ParquetFooters {
    private ParquetFooters() {}

    /**
     * The rows of {@code files} (paths or URIs), summed from their footers, reading no more footers once the sum is
     * above {@code enough} ({@code Long.MAX_VALUE} counts them all). A file that is not Parquet is named in the error.
     */
    public static long rows(Configuration conf, List<String> files, long enough) throws IOException {
        long rows = 0;
        for (String f : files) {
            if (rows > enough) {
                break;
            }
            Path p = new Path(f);
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(p, conf))) {
                rows += r.getRecordCount();
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot read the Parquet footer of " + p + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }
}
