package org.hepml.jobs;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.io.EventInputException;

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
    static Dataset<Row> where(Dataset<Row> events, String condition) {
        if (condition == null || condition.isBlank()) {
            return events;
        }
        try {
            Dataset<Row> kept = events.where(condition);
            kept.schema(); // resolves the condition now: unknown columns fail here, not inside a job
            return kept;
        } catch (Exception e) { // Spark's AnalysisException (a parse error is one too), undeclared in Java
            if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
                throw e;
            }
            throw new IllegalArgumentException(
                    "--where '" + condition + "': "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    /** The events, refused unless labelled and weighted (what {@code purpose} needs: "training", "the comparison"). */
    static Dataset<Row> labelled(Dataset<Row> events, String input, String purpose) {
        for (String c : new String[] {HiggsEventSchema.LABEL, HiggsEventSchema.WEIGHT}) {
            if (!Arrays.asList(events.columns()).contains(c)) {
                throw new EventInputException(
                        input + ": no '" + c + "' column: " + purpose + " needs labelled, weighted events");
            }
        }
        return events;
    }
}
