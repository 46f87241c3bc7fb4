package org.hepml.event.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;
import org.hepml.event.HiggsEventSchema;

/**
 * Reads HiggsML CSV files (the CERN Open Data file, Kaggle training or test; plain or gzip; one file or a
 * directory) and writes event Parquet with the explicit schema of {@link HiggsEventSchema}.
 *
 * <p>Each file is read by one Spark task, streaming, so errors can name the exact line (gzip is not splittable
 * anyway). No line is dropped silently: a bad line either stops the ingest with an error naming file, line and
 * column, or is written with its reason to {@code OUTPUT/_quarantine} (JSON lines), which Parquet readers of
 * {@code OUTPUT} skip because of the leading underscore.
 */
public final class EventIngest {
    /** Name of the quarantine folder inside the output. */
    public static final String QUARANTINE_DIR = "_quarantine";

    private final String input;
    private String output;
    private EventFileFormat format;
    private boolean overwrite;
    private BadRowPolicy badRows = BadRowPolicy.FAIL;

    private EventIngest(String input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    public static EventIngest from(String input) {
        return new EventIngest(input);
    }

    public EventIngest to(String outputDir) {
        this.output = outputDir;
        return this;
    }

    /** The source format; null (the default) detects it from each file's header. */
    public EventIngest format(EventFileFormat f) {
        this.format = f;
        return this;
    }

    public EventIngest overwrite(boolean yes) {
        this.overwrite = yes;
        return this;
    }

    public EventIngest badRows(BadRowPolicy policy) {
        this.badRows = Objects.requireNonNull(policy);
        return this;
    }

    public IngestReport run(SparkSession spark) {
        Objects.requireNonNull(output, "output");
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<String> files = EventFiles.list(input, conf);
        List<CsvHeader> headers = new ArrayList<>();
        for (String f : files) {
            headers.add(EventFiles.readHeader(f, conf));
        }
        EventFileFormat fmt = resolveFormat(headers);
        Set<String> unused = new LinkedHashSet<>();
        headers.forEach(h -> unused.addAll(h.unusedColumns(fmt)));
        OutputPaths.checkWritable(conf, output, overwrite);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopConf hconf = new HadoopConf(conf);
        LongAccumulator badCount = spark.sparkContext().longAccumulator("hepml.ingest.badLines");
        EventLineIterator.Emit emit = badRows == BadRowPolicy.FAIL
                ? EventLineIterator.Emit.EVENTS_FAIL_ON_BAD
                : EventLineIterator.Emit.EVENTS_SKIP_BAD;
        JavaRDD<Row> events = readLines(jsc, files, hconf, fmt, emit, badCount);
        String quarantinePath = new Path(output, QUARANTINE_DIR).toString();
        long quarantined;
        // everything goes to a hidden sibling first and appears at the output only once checked and complete
        try {
            quarantined = OutputPaths.commitReturning(conf, output, overwrite, dir -> {
                long q = 0;
                spark.sparkContext().setJobDescription("hepml ingest: " + files.size() + " file(s) -> " + output);
                spark.createDataFrame(events, HiggsEventSchema.parquetSchema(fmt.labelled(), fmt.hasKaggleSet()))
                        .write()
                        .mode(SaveMode.ErrorIfExists)
                        .parquet(dir);
                refuseDuplicateIds(spark.read().parquet(dir));
                if (badRows == BadRowPolicy.QUARANTINE && badCount.value() > 0) {
                    String qPath = new Path(dir, QUARANTINE_DIR).toString();
                    spark.sparkContext()
                            .setJobDescription("hepml ingest: quarantine of bad lines -> " + quarantinePath);
                    JavaRDD<Row> bad = readLines(jsc, files, hconf, fmt, EventLineIterator.Emit.BAD_LINES, null);
                    spark.createDataFrame(bad, EventLineIterator.QUARANTINE_SCHEMA)
                            .write()
                            .mode(SaveMode.Overwrite)
                            .json(qPath);
                    q = countLines(qPath, conf);
                }
                if (q == 0 && spark.read().parquet(dir).isEmpty()) {
                    throw new EventInputException(
                            "no events in input " + input + ": the file(s) hold a header but no data lines");
                }
                return q;
            });
        } catch (Exception e) {
            // a bad line or an input fault arrives wrapped in Spark's task failure: report it, not the wrapper
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof EventInputException input) {
                    throw input;
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new EventInputException("cannot write " + output + ": " + e.getMessage(), e);
        }

        spark.sparkContext().setJobDescription("hepml ingest: counting what was written");
        Dataset<Row> written = spark.read().parquet(output);
        long total = written.count();
        long signal = 0;
        long background = 0;
        if (fmt.labelled()) {
            Row counts = written.agg(
                            functions.sum(functions
                                    .when(functions.col(HiggsEventSchema.LABEL).equalTo(1.0), 1L)
                                    .otherwise(0L)),
                            functions.sum(functions
                                    .when(functions.col(HiggsEventSchema.LABEL).equalTo(0.0), 1L)
                                    .otherwise(0L)))
                    .first();
            signal = counts.isNullAt(0) ? 0 : counts.getLong(0);
            background = counts.isNullAt(1) ? 0 : counts.getLong(1);
        }
        spark.sparkContext().setJobDescription(null);
        return new IngestReport(
                files,
                fmt,
                output,
                total,
                signal,
                background,
                quarantined,
                quarantined > 0 ? quarantinePath : null,
                List.copyOf(unused),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Event ids key folds, splits and augmentation draws: an id that appears twice makes two events one. Under either
     * bad-row policy that stops the ingest, naming the first few repeated ids (a duplicated line is a fault upstream
     * that no choice of ours can repair).
     */
    private static void refuseDuplicateIds(Dataset<Row> written) {
        List<Row> dups = written.groupBy(HiggsEventSchema.EVENT_ID)
                .count()
                .where(functions.col("count").gt(1))
                .orderBy(HiggsEventSchema.EVENT_ID)
                .limit(6)
                .collectAsList();
        if (!dups.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(5, dups.size()); i++) {
                sb.append(i == 0 ? "" : ", ")
                        .append(dups.get(i).getLong(0))
                        .append(" (")
                        .append(dups.get(i).getLong(1))
                        .append(" times)");
            }
            throw new EventInputException("duplicate EventId values: " + sb + (dups.size() > 5 ? ", ..." : "")
                    + "; every event needs its own id (nothing was written)");
        }
    }

    private static JavaRDD<Row> readLines(
            JavaSparkContext jsc,
            List<String> files,
            HadoopConf conf,
            EventFileFormat fmt,
            EventLineIterator.Emit emit,
            LongAccumulator badCount) {
        return jsc.parallelize(files, files.size()).mapPartitions(paths -> {
            List<String> mine = new ArrayList<>();
            paths.forEachRemaining(mine::add);
            return new Iterator<Row>() {
                private int next;
                private Iterator<Row> current = Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    // opens the next file only when the previous one is exhausted: one file open at a time
                    while (!current.hasNext() && next < mine.size()) {
                        current = new EventLineIterator(mine.get(next++), conf.get(), fmt, emit, badCount);
                    }
                    return current.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return current.next();
                }
            };
        });
    }

    /** The one format of all the files: the given one, or the one every header agrees on. */
    private EventFileFormat resolveFormat(List<CsvHeader> headers) {
        EventFileFormat found = null;
        String firstFile = null;
        for (CsvHeader header : headers) {
            String f = header.file();
            EventFileFormat fileFormat = format != null ? format : EventFileFormat.detect(header.names());
            header.requireColumns(fileFormat);
            if (found == null) {
                found = fileFormat;
                firstFile = f;
            } else if (found != fileFormat) {
                throw new EventInputException("input mixes formats: " + firstFile + " is " + found.cliName() + " but "
                        + f + " is " + fileFormat.cliName() + "; ingest them into separate outputs");
            }
        }
        return found;
    }

    /** Lines in the data files of a directory of JSON lines (Spark skips '_' paths, so it cannot read it back). */
    private static long countLines(String dir, Configuration conf) {
        long n = 0;
        for (String f : EventFiles.list(dir, conf)) {
            try (java.io.BufferedReader r = EventFiles.open(f, conf)) {
                while (r.readLine() != null) {
                    n++;
                }
            } catch (IOException e) {
                throw new EventInputException("cannot read back the quarantine " + f + ": " + e.getMessage(), e);
            }
        }
        return n;
    }
}
