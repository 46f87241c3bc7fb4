package org.hepml.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Option;

/** A benchmark's {@code --work}: where it writes, by default a new temporary directory deleted afterwards. */
public final class ScratchDirectory {
    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Scratch directory (default: a new temporary one, deleted after).")
    String work;

    private String created;

    /** The directory: {@code --work}, or a new temporary one made on the first call. */
    public String path() throws IOException {
        if (work != null) {
            return work;
        }
        if (created == null) {
            created = Files.createTempDirectory("hepml-bench-").toString();
        }
        return created;
    }

    /** Deletes the directory if {@link #path} made it; a given {@code --work} is left as it is. */
    public void cleanUp(FileSystem fs) throws IOException {
        if (created != null) {
            fs.delete(new Path(created), true);
            created = null;
        }
    }
}
