package org.hepml.evaluation;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * A signal score as a double column, whatever holds it: a numeric column as it is, element 1 of a vector column such
 * as a classifier's {@code probability} ([1 − p, p]). The one place that reads a score out of a probability vector.
 */
public final class ScoreColumn {
    private ScoreColumn() {}

    /** Column {@code name} of {@code schema} as a double score; {@code who} names the caller in the error. */
    public static Column of(StructType schema, String name, String who) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(who + ": score column '" + name + "' not found; columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType t = schema.apply(name).dataType();
        if (t.equals(SQLDataTypes.VectorType())) {
            return functions.vector_to_array(col(name), "float64").getItem(1);
        }
        if (t instanceof NumericType) {
            return col(name).cast("double");
        }
        throw new IllegalArgumentException(
                who + ": score column '" + name + "' must be numeric or a vector, is " + t.simpleString());
    }
}
