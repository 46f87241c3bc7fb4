package org.hepml.event.io;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.HiggsEventSchema;

/** Reading event Parquet (as written by ingest and generate) with errors that say what is wrong. */
public final class EventParquet {
    private EventParquet() {}

    /**
     * Reads event Parquet; fails clearly, before Spark starts a job, on a missing path, a path with no Parquet
     * data (a CSV file, say), or data without an EventId column.
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path p = new Path(path);
        try {
            if (!p.getFileSystem(conf).exists(p)) {
                throw new EventInputException("input not found: " + path
                        + " (give a directory written by 'hepml ingest' or 'hepml generate')");
            }
            FileSystem pfs = p.getFileSystem(conf);
            if (pfs.getFileStatus(p).isDirectory()
                    && pfs.exists(new Path(p, "_temporary"))
                    && !pfs.exists(new Path(p, "_SUCCESS"))) {
                throw new EventInputException(
                        path + ": an incomplete Spark output (a _temporary directory and no _SUCCESS "
                                + "marker): the job that wrote it did not finish; write it again");
            }
            for (String f : EventFiles.list(path, conf)) {
                if (!isParquet(f, conf)) {
                    throw new EventInputException(path + ": not Parquet: " + f + " has no Parquet footer"
                            + " (CSV files go through 'hepml ingest' first)");
                }
            }
        } catch (IOException e) {
            throw new EventInputException("cannot access " + path + ": " + e.getMessage(), e);
        }
        Dataset<Row> events;
        try {
            events = spark.read().parquet(path);
        } catch (Exception e) { // Spark's Scala code throws checked SparkExceptions undeclared
            throw new EventInputException("cannot read " + path + " as Parquet: " + firstLine(e.getMessage()), e);
        }
        if (!Arrays.asList(events.columns()).contains(HiggsEventSchema.EVENT_ID)) {
            throw new EventInputException(path + ": not event Parquet: no '" + HiggsEventSchema.EVENT_ID
                    + "' column (columns: " + String.join(", ", events.columns()) + ")");
        }
        checkTypes(events.schema(), path);
        return normalise(events);
    }

    /**
     * Parquet written elsewhere (uproot and awkward from ROOT ntuples, pandas) as event Parquet: a feature, label or
     * weight of another numeric type (float32, int) becomes a double, an integral EventId a long, and the challenge's
     * -999.0 a null in the features that may be missing (jets, the MMC mass), as ingest writes them. Parquet that
     * ingest or generate wrote passes as it is.
     */
    static Dataset<Row> normalise(Dataset<Row> events) {
        java.util.Map<String, org.apache.spark.sql.Column> fixed = new java.util.LinkedHashMap<>();
        for (org.apache.spark.sql.types.StructField f : events.schema().fields()) {
            String name = f.name();
            org.apache.spark.sql.Column c = org.apache.spark.sql.functions.col(name);
            if (name.equals(HiggsEventSchema.EVENT_ID)
                    && !(f.dataType() instanceof org.apache.spark.sql.types.LongType)) {
                fixed.put(name, c.cast("long"));
            } else if (HiggsEventSchema.mayBeMissing(name)) {
                org.apache.spark.sql.Column d =
                        f.dataType() instanceof org.apache.spark.sql.types.DoubleType ? c : c.cast("double");
                fixed.put(
                        name,
                        org.apache
                                .spark
                                .sql
                                .functions
                                .when(
                                        d.equalTo(-999.0),
                                        org.apache.spark.sql.functions.lit(null).cast("double"))
                                .otherwise(d));
            } else if ((HiggsEventSchema.isFeature(name)
                            || name.equals(HiggsEventSchema.LABEL)
                            || name.equals(HiggsEventSchema.WEIGHT)
                            || name.equals(HiggsEventSchema.ORIGINAL_WEIGHT))
                    && !(f.dataType() instanceof org.apache.spark.sql.types.DoubleType)) {
                fixed.put(name, c.cast("double"));
            }
        }
        return fixed.isEmpty() ? events : events.withColumns(fixed);
    }

    /**
     * The columns event Parquet defines must have its types (EventId integral; features, label and weights double):
     * a Parquet file of another schema is refused here, naming the column, not deep inside a stage.
     */
    static void checkTypes(org.apache.spark.sql.types.StructType schema, String path) {
        for (org.apache.spark.sql.types.StructField f : schema.fields()) {
            String name = f.name();
            org.apache.spark.sql.types.DataType t = f.dataType();
            boolean ok;
            String expected;
            if (name.equals(HiggsEventSchema.EVENT_ID)) {
                ok = t instanceof org.apache.spark.sql.types.LongType
                        || t instanceof org.apache.spark.sql.types.IntegerType
                        || t instanceof org.apache.spark.sql.types.ShortType;
                expected = "an integer type";
            } else if (HiggsEventSchema.isFeature(name)
                    || name.equals(HiggsEventSchema.LABEL)
                    || name.equals(HiggsEventSchema.WEIGHT)
                    || name.equals(HiggsEventSchema.ORIGINAL_WEIGHT)) {
                ok = t instanceof org.apache.spark.sql.types.NumericType
                        && !(t instanceof org.apache.spark.sql.types.DecimalType);
                expected = "a number (double, float or an integer)";
            } else {
                continue;
            }
            if (!ok) {
                throw new EventInputException(
                        path + ": column '" + name + "' is " + t.simpleString() + ", event Parquet has " + expected
                                + " (write event Parquet with 'hepml ingest' or 'hepml generate')");
            }
        }
    }

    /** Whether a path (file or directory) holds Parquet data: its first data file ends with "PAR1". */
    public static boolean isParquetPath(SparkSession spark, String path) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            return isParquet(EventFiles.list(path, conf).get(0), conf);
        } catch (IOException e) {
            throw new EventInputException("cannot access " + path + ": " + e.getMessage(), e);
        }
    }

    /** A Parquet file ends with its footer length and the magic bytes "PAR1". */
    private static boolean isParquet(String file, Configuration conf) throws IOException {
        Path p = new Path(file);
        FileSystem fs = p.getFileSystem(conf);
        long len = fs.getFileStatus(p).getLen();
        if (len < 12) {
            return false;
        }
        byte[] tail = new byte[4];
        try (FSDataInputStream in = fs.open(p)) {
            in.readFully(len - 4, tail);
        }
        return tail[0] == 'P' && tail[1] == 'A' && tail[2] == 'R' && tail[3] == '1';
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
