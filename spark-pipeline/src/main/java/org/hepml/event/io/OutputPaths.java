package org.hepml.event.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * How jobs write their outputs. The check every writing job makes before it starts (an existing output needs an
 * explicit overwrite), and the commit: an output is written under a hidden temporary sibling and renamed into place
 * only once complete, so a job killed midway leaves no directory at the output path, never a partial one.
 */
public final class OutputPaths {
    /** The hidden siblings outputs are written to before their commit: {@code .<name>.hepml-incomplete-<id>}. */
    public static final String INCOMPLETE = ".hepml-incomplete-";

    private OutputPaths() {}

    /** Something that writes a whole output to the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(String path) throws Exception;
    }

    /** Something that writes a whole output to the path it is given and returns what it found on the way. */
    @FunctionalInterface
    public interface Producer<T> {
        T writeTo(String path) throws Exception;
    }

    /**
     * Writes through {@code writer} into a temporary sibling of {@code output}, then renames it into place (replacing
     * an
     * existing output only when {@code overwrite}). On failure the temporary sibling is removed and nothing changes at
     * {@code output}.
     */
    public static void commit(Configuration conf, String output, boolean overwrite, Writer writer) throws Exception {
        commitReturning(conf, output, overwrite, path -> {
            writer.writeTo(path);
            return null;
        });
    }

    /** {@link #commit(Configuration, String, boolean, Writer)}, returning what the producer returned. */
    public static <T> T commitReturning(Configuration conf, String output, boolean overwrite, Producer<T> producer)
            throws Exception {
        Path out = new Path(output);
        FileSystem fs = out.getFileSystem(conf);
        Path tmp = new Path(
                out.getParent() == null ? new Path(".") : out.getParent(),
                "." + out.getName() + INCOMPLETE + java.util.UUID.randomUUID());
        try {
            T result = producer.writeTo(tmp.toString());
            if (fs.exists(out)) {
                if (!overwrite) {
                    throw new EventInputException(
                            "output already exists: " + output + " (use --mode overwrite to replace it)");
                }
                if (!fs.delete(out, true)) {
                    throw new EventInputException("cannot replace " + output + ": it could not be deleted");
                }
            }
            if (!fs.rename(tmp, out)) {
                throw new EventInputException("cannot move the finished output " + tmp + " to " + output);
            }
            return result;
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, true);
            }
        }
    }

    public static void checkWritable(Configuration conf, String output, boolean overwrite) {
        Path out = new Path(output);
        try {
            if (!overwrite && out.getFileSystem(conf).exists(out)) {
                throw new EventInputException(
                        "output already exists: " + output + " (use --mode overwrite to replace it)");
            }
        } catch (IOException e) {
            throw new EventInputException("cannot check output " + output + ": " + e.getMessage(), e);
        }
    }
}
