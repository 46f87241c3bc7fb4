package org.hepml.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;

/**
 * Spark ML's metadata of a saved stage ({@code PATH/metadata}, the one line of JSON that {@code DefaultParamsWriter}
 * writes), read straight from the file system. Spark's {@code DefaultParamsReader.loadMetadata} reads that line with
 * a Spark job (a text scan and {@code first()}), and loading a two-stage {@code PipelineModel} takes five of them: 3.7
 * to 4.0 s of a one-shot {@code hepml score} in a fresh JVM, more than its 5,889-event job. The parsing stays Spark's
 * ({@code parseMetadata}), so the metadata means what Spark says it means.
 *
 * <p>Reads both layouts Spark writes: a directory of text part files, and, inside Spark 4's {@code saveToLocal}
 * (Spark Connect's model cache), a single file.
 */
public final class ParamsMetadata {
    private ParamsMetadata() {}

    /** The metadata of the stage saved at {@code path}; {@code expectedClassName} ("" for any) is checked by Spark. */
    public static DefaultParamsReader.Metadata load(String path, Configuration conf, String expectedClassName) {
        return parse(json(path, conf), path, expectedClassName);
    }

    /** {@link #json}'s text parsed by Spark, with errors that name {@code path}. */
    public static DefaultParamsReader.Metadata parse(String json, String path, String expectedClassName) {
        try {
            return DefaultParamsReader$.MODULE$.parseMetadata(json, expectedClassName);
        } catch (Exception ex) { // json4s throws Jackson's checked parse exceptions unchecked
            if (ex instanceof IllegalArgumentException
                    && String.valueOf(ex.getMessage()).contains("Expected class")) {
                throw new IllegalArgumentException(path + ": " + ex.getMessage(), ex);
            }
            throw new IllegalArgumentException(
                    new Path(path, "metadata") + " is not Spark ML metadata (truncated or edited?): "
                            + String.valueOf(ex.getMessage())
                                    .lines()
                                    .findFirst()
                                    .orElse(""),
                    ex);
        }
    }

    /** The JSON text of the metadata of the stage saved at {@code path}; errors name the file at fault. */
    public static String json(String path, Configuration conf) {
        Path dir = new Path(path, "metadata");
        try {
            FileSystem fs = ModelFileSystem.checked(dir, conf);
            if (!fs.exists(dir)) {
                throw new IllegalArgumentException(
                        "no Spark ML metadata at " + dir + ": not a saved stage or model, or an incomplete one");
            }
            if (fs.getFileStatus(dir).isFile()) {
                return firstLine(fs, dir, conf, true); // Spark 4's saveToLocal: the JSON is the file
            }
            FileStatus[] parts = fs.listStatus(dir, p -> p.getName().startsWith("part-"));
            Arrays.sort(parts, Comparator.comparing(s -> s.getPath().getName()));
            for (FileStatus part : parts) {
                String line = firstLine(fs, part.getPath(), conf, false);
                if (line != null) {
                    return line;
                }
            }
            throw new IllegalArgumentException(
                    dir + " holds no metadata (no non-empty part file): an incomplete save?");
        } catch (IOException ex) {
            throw new IllegalArgumentException("cannot read " + dir + ": " + ex.getMessage(), ex);
        }
    }

    /** The first line of a text file (decompressed as Hadoop's text input would); with {@code whole}, all of it. */
    private static String firstLine(FileSystem fs, Path file, Configuration conf, boolean whole) throws IOException {
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
        try (InputStream raw = fs.open(file);
                InputStream in = codec == null ? raw : codec.createInputStream(raw);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            if (whole) {
                return r.lines().reduce((a, b) -> a + "\n" + b).orElse("");
            }
            String line = r.readLine();
            return line == null || line.isEmpty() ? null : line;
        }
    }
}
