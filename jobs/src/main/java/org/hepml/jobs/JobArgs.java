package org.hepml.jobs;

import java.util.Locale;

/** Parsing of option values that several jobs share. */
final class JobArgs {
  private JobArgs() {}

  /** {@code --mode error|overwrite}: true for overwrite. */
  static boolean overwrite(String mode) {
    switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "error":
        return false;
      case "overwrite":
        return true;
      default:
        throw new IllegalArgumentException("unknown --mode '" + mode + "': use error or overwrite");
    }
  }

  /** {@code --where SQL}: the events that pass the condition (all when null); a bad condition is a clear error. */
  static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> where(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> events, String condition) {
    if (condition == null || condition.isBlank()) {
      return events;
    }
    try {
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> kept = events.where(condition);
      kept.schema();   // resolves the condition now: unknown columns fail here, not inside a job
      return kept;
    } catch (Exception e) {   // Spark's AnalysisException (a parse error is one too), undeclared in Java
      if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
        throw e;
      }
      throw new IllegalArgumentException("--where '" + condition + "': " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }
}
