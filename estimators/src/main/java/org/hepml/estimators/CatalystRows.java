package org.hepml.estimators;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * A DataFrame from an RDD of Spark's internal rows: what Spark's own stages (and XGBoost4J-Spark) use to map
 * partitions without converting every column to a {@code Row} and back. Mapping with {@code Encoders.row} did
 * that for all 50-odd columns of an event row, boxing each value, and Spark generated a serializer so large that
 * C2 spent seconds compiling it in every short job.
 *
 * <p>Spark has no public API for this: {@code SparkSession.internalCreateDataFrame} is {@code private[sql]} (public
 * in the bytecode). It lives on {@code org.apache.spark.sql.SparkSession} in 3.5 and on
 * {@code org.apache.spark.sql.classic.SparkSession} in 4.x, with the same signature, so it is looked up on the
 * session's own class: the one place the project reaches into Spark's internals, and the same code for both
 * lines.
 */
final class CatalystRows {
    private CatalystRows() {}

    /** The internal rows {@code data} computes, in its schema's order: valid only until the next is read. */
    static RDD<InternalRow> of(Dataset<?> data) {
        return data.queryExecution().toRdd();
    }

    /** A DataFrame over {@code rows}, which must hold {@code schema}'s columns in Spark's internal form. */
    @SuppressWarnings("unchecked")
    static Dataset<Row> dataFrame(SparkSession session, RDD<InternalRow> rows, StructType schema) {
        try {
            Method m =
                    session.getClass().getMethod("internalCreateDataFrame", RDD.class, StructType.class, boolean.class);
            return (Dataset<Row>) m.invoke(session, rows, schema, false);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "this Spark (" + session.version() + ") has no SparkSession.internalCreateDataFrame(RDD, "
                            + "StructType, boolean), which DnnEnsembleModel scores through; hepml-spark supports "
                            + "Spark 3.5 and 4.x",
                    e);
        }
    }
}
