package org.hepml.event.io;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Streams one event CSV file as Spark rows, keeping exact line numbers: either the events (failing at the first
 * bad line, or skipping and counting bad lines), or only the bad lines with their reasons, for the quarantine.
 * Blank lines are not rows and are passed over.
 */
final class EventLineIterator implements Iterator<Row> {
    /** Which rows the iterator yields. */
    enum Emit {
        EVENTS_FAIL_ON_BAD,
        EVENTS_SKIP_BAD,
        BAD_LINES
    }

    /** Schema of the quarantine rows. */
    static final StructType QUARANTINE_SCHEMA =
            DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
                DataTypes.createStructField("file", DataTypes.StringType, false),
                DataTypes.createStructField("line", DataTypes.LongType, false),
                DataTypes.createStructField("column", DataTypes.StringType, true),
                DataTypes.createStructField("reason", DataTypes.StringType, false),
                DataTypes.createStructField("raw", DataTypes.StringType, false)
            });

    private static final int MAX_RAW_CHARS = 4096;

    private final String file;
    private final Emit emit;
    private final LongAccumulator badLines;
    private final BufferedReader reader;
    private final EventLineParser parser;
    private long lineNo = 1;
    private Row pending;
    private boolean done;

    EventLineIterator(String file, Configuration conf, EventFileFormat format, Emit emit, LongAccumulator badLines) {
        this.file = file;
        this.emit = emit;
        this.badLines = badLines;
        try {
            this.reader = EventFiles.open(file, conf);
            CsvHeader header = CsvHeader.parse(reader.readLine(), file);
            this.parser = new EventLineParser(header, format);
        } catch (IOException e) {
            throw new EventInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> close());
        }
    }

    @Override
    public boolean hasNext() {
        while (pending == null && !done) {
            String line = readLine();
            if (line == null) {
                done = true;
                close();
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            pending = rowFor(line);
        }
        return pending != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row r = pending;
        pending = null;
        return r;
    }

    private Row rowFor(String line) {
        try {
            Object[] values = parser.parse(line);
            return emit == Emit.BAD_LINES ? null : RowFactory.create(values);
        } catch (BadRowException bad) {
            switch (emit) {
                case EVENTS_FAIL_ON_BAD:
                    throw new EventInputException(file + ": line " + lineNo
                            + (bad.column() == null ? "" : ", column " + bad.column()) + ": " + bad.reason()
                            + " (use --bad-rows quarantine to set bad lines aside and keep going)");
                case EVENTS_SKIP_BAD:
                    if (badLines != null) {
                        badLines.add(1);
                    }
                    return null;
                default:
                    String raw = line.length() <= MAX_RAW_CHARS ? line : line.substring(0, MAX_RAW_CHARS);
                    return RowFactory.create(file, lineNo, bad.column(), bad.reason(), raw);
            }
        }
    }

    private String readLine() {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNo++;
            }
            return line;
        } catch (EOFException e) {
            throw new EventInputException(
                    file + ": truncated or corrupt gzip data after line " + lineNo + " (" + e.getMessage()
                            + "); re-download or re-compress the file",
                    e);
        } catch (IOException e) {
            throw new EventInputException(file + ": read failed after line " + lineNo + ": " + e.getMessage(), e);
        }
    }

    private void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
