package org.hepml.event.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Finding and opening event CSV files through Hadoop's FileSystem (local, HDFS, S3, ...), plain or gzip. */
public final class EventFiles {
    private EventFiles() {}

    /**
     * The data files under a path: the file itself, or every file below a directory (recursively, sorted by
     * path), leaving out hidden and bookkeeping files (names starting with '.' or '_', as Spark and Hadoop do).
     */
    public static List<String> list(String input, Configuration conf) {
        Path path = new Path(input);
        try {
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw new EventInputException(
                        "input not found: " + input + " (give a CSV file, a .csv.gz file or a directory of them)");
            }
            List<String> files = new ArrayList<>();
            if (status.isFile()) {
                files.add(status.getPath().toString());
                return files;
            }
            List<LocatedFileStatus> found = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (!isHidden(status.getPath(), f.getPath())) {
                    found.add(f);
                }
            }
            found.sort(Comparator.comparing(f -> f.getPath().toString()));
            for (LocatedFileStatus f : found) {
                files.add(f.getPath().toString());
            }
            if (files.isEmpty()) {
                throw new EventInputException("input directory has no data files: " + input);
            }
            return files;
        } catch (IOException e) {
            throw new EventInputException("cannot list input " + input + ": " + e.getMessage(), e);
        }
    }

    /** Whether a path component below {@code root} (both qualified) is hidden. */
    private static boolean isHidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** Opens a file for reading text, decompressing it when it starts with the gzip magic bytes. */
    public static BufferedReader open(String file, Configuration conf) throws IOException {
        Path path = new Path(file);
        InputStream raw = new BufferedInputStream(path.getFileSystem(conf).open(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The header of a file: its first line. */
    public static CsvHeader readHeader(String file, Configuration conf) {
        try (BufferedReader r = open(file, conf)) {
            return CsvHeader.parse(r.readLine(), file);
        } catch (IOException e) {
            throw new EventInputException(file + ": cannot read the header: " + e.getMessage(), e);
        }
    }
}
