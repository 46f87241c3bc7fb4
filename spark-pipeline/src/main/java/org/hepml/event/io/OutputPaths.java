package org.hepml.event.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The one check every writing job makes before it starts: an existing output needs an explicit overwrite. */
public final class OutputPaths {
  private OutputPaths() {}

  public static void checkWritable(Configuration conf, String output, boolean overwrite) {
    Path out = new Path(output);
    try {
      if (!overwrite && out.getFileSystem(conf).exists(out)) {
        throw new EventInputException("output already exists: " + output + " (use --mode overwrite to replace it)");
      }
    } catch (IOException e) {
      throw new EventInputException("cannot check output " + output + ": " + e.getMessage(), e);
    }
  }
}
