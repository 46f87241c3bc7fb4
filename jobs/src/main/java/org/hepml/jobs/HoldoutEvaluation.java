package org.hepml.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.hepml.event.io.EventInputException;

/**
 * {@code MODEL/holdout-evaluation.json}: what 'train' measured on its hold-out (AUC, bootstrap AMS, the mean cut),
 * beside the saved PipelineModel, so that 'score --submission' applies the cut chosen on held-out events.
 */
final class HoldoutEvaluation {
  static final String FILE = "holdout-evaluation.json";

  private HoldoutEvaluation() {}

  static void write(SparkSession spark, String model, String json) throws IOException {
    Path p = new Path(model, FILE);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(p, true)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The hold-out's bootstrap mean cut; a clear error when the model has no hold-out evaluation. */
  static double meanCut(SparkSession spark, String model) throws IOException {
    Path p = new Path(model, FILE);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(p)) {
      throw new EventInputException(model + " has no " + FILE + " (it was trained with --holdout 0): give the cut "
          + "with --cut");
    }
    try (InputStream in = fs.open(p)) {
      JsonNode cut = new ObjectMapper().readTree(in).get("mean_cut");
      if (cut == null || !cut.isNumber()) {
        throw new EventInputException(p + ": no numeric mean_cut");
      }
      return cut.asDouble();
    }
  }
}
