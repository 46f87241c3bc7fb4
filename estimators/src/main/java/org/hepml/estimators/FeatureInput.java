package org.hepml.estimators;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.hepml.params.HasFeaturesCol;
import org.hepml.params.HasFeaturesCols;

/**
 * Where the ensemble's stages read their features: the {@code featuresCol} vector (its feature names from the ML
 * attributes VectorAssembler writes), or, when {@code featuresCols} is set, those numeric columns, each naming its
 * own feature. Reading columns straight from Spark's rows skips VectorAssembler, which converts every row to a
 * {@code Row} and a {@code Vector} and back (JFR, 550,000 events: C2 spent 5.5 s compiling the 394 kB of code Spark
 * generated for the assembler's stage, and a cold read–assemble pass took 5.7 s against 2.4 s without it). A missing
 * value (null, or NaN) is NaN in both forms, as VectorAssembler's {@code handleInvalid = "keep"} gives.
 */
final class FeatureInput implements Serializable {
    private static final long serialVersionUID = 1L;
    /** VectorUDT's stored struct: type (0 sparse, 1 dense), size, indices, values. */
    private static final int VECTOR_FIELDS = 4;

    private final String vectorCol;
    private final List<String> columns;

    private FeatureInput(String vectorCol, List<String> columns) {
        this.vectorCol = vectorCol;
        this.columns = columns;
    }

    /** The stage's {@code featuresCols} when not empty, else its {@code featuresCol} vector. */
    static <S extends HasFeaturesCol<?> & HasFeaturesCols<?>> FeatureInput of(S stage) {
        return new FeatureInput(stage.getFeaturesCol(), List.copyOf(Arrays.asList(stage.getFeaturesCols())));
    }

    boolean direct() {
        return !columns.isEmpty();
    }

    /** What is read, for errors: "features column 'features'" or "feature columns [a, b]". */
    String describe() {
        return direct() ? "feature columns " + columns : "features column '" + vectorCol + "'";
    }

    /** The columns this input needs. */
    List<String> needed() {
        return direct() ? columns : List.of(vectorCol);
    }

    /** Fails unless the columns exist and have a type this reads: a vector, or numeric columns. */
    void check(StructType schema, String who) {
        List<String> have = Arrays.asList(schema.fieldNames());
        for (String c : needed()) {
            if (!have.contains(c)) {
                throw new IllegalArgumentException(
                        who + ": column '" + c + "' not found; columns are " + String.join(", ", schema.fieldNames()));
            }
        }
        if (!direct()) {
            DataType t = schema.apply(vectorCol).dataType();
            if (!t.equals(SQLDataTypes.VectorType())) {
                throw new IllegalArgumentException(who + ": features column '" + vectorCol + "' must be a vector, is "
                        + t.simpleString() + " (or set featuresCols to read numeric columns)");
            }
            return;
        }
        for (String c : columns) {
            DataType t = schema.apply(c).dataType();
            if (!(t instanceof NumericType)) {
                throw new IllegalArgumentException(
                        who + ": feature column '" + c + "' must be numeric, is " + t.simpleString());
            }
        }
    }

    /** The feature names: the columns, or the vector's ML attributes (failing when it has none). */
    List<String> names(StructType schema) {
        if (direct()) {
            return columns;
        }
        AttributeGroup g = AttributeGroup.fromStructField(schema.apply(vectorCol));
        if (g.attributes().isEmpty()) {
            throw new IllegalArgumentException("features column '" + vectorCol + "' carries no feature names (ML "
                    + "attributes); build it with VectorAssembler so momentum slots can be found by name, or set "
                    + "featuresCols");
        }
        List<String> names = new ArrayList<>();
        for (Attribute a : g.attributes().get()) {
            names.add(a.name().isDefined() ? a.name().get() : "feature_" + names.size());
        }
        return names;
    }

    /** One column holding the features, for {@link #values}: the vector, or an array of doubles. */
    Column column() {
        if (!direct()) {
            return col(vectorCol);
        }
        return org.apache.spark.sql.functions.array(
                columns.stream().map(c -> col(c).cast("double")).toArray(Column[]::new));
    }

    /** Field {@code i} of a row selected with {@link #column}, as values (NaN for null); null when it is null. */
    static double[] values(Row r, int i) {
        if (r.isNullAt(i)) {
            return null;
        }
        Object v = r.get(i);
        if (v instanceof Vector vector) {
            return vector.toArray();
        }
        List<Object> list = r.getList(i);
        double[] out = new double[list.size()];
        for (int k = 0; k < out.length; k++) {
            Object x = list.get(k);
            out[k] = x == null ? Double.NaN : ((Number) x).doubleValue();
        }
        return out;
    }

    /** Reads the features of Spark's internal rows of {@code schema}, nothing boxed. */
    Reader reader(StructType schema) {
        if (!direct()) {
            return new VectorReader(schema.fieldIndex(vectorCol));
        }
        int[] at = new int[columns.size()];
        DataType[] types = new DataType[at.length];
        for (int k = 0; k < at.length; k++) {
            at[k] = schema.fieldIndex(columns.get(k));
            types[k] = schema.fields()[at[k]].dataType();
        }
        return new ColumnsReader(at, types);
    }

    /** Reads one row's features into an array. */
    interface Reader extends Serializable {
        /**
         * Writes the row's features at {@code into[at...]} and returns how many the row has (-1 for a null vector);
         * writes nothing when that differs from {@code expected}.
         */
        int read(InternalRow row, double[] into, int at, int expected);
    }

    private record VectorReader(int idx) implements Reader {
        @Override
        public int read(InternalRow row, double[] into, int at, int expected) {
            if (row.isNullAt(idx)) {
                return -1;
            }
            InternalRow v = row.getStruct(idx, VECTOR_FIELDS);
            ArrayData values = v.getArray(3);
            if (v.getByte(0) == 1) {
                int n = values.numElements();
                if (n == expected) {
                    for (int k = 0; k < n; k++) {
                        into[at + k] = values.getDouble(k);
                    }
                }
                return n;
            }
            int size = v.getInt(1);
            if (size == expected) {
                Arrays.fill(into, at, at + size, 0.0);
                ArrayData indices = v.getArray(2);
                for (int k = 0; k < values.numElements(); k++) {
                    into[at + indices.getInt(k)] = values.getDouble(k);
                }
            }
            return size;
        }
    }

    private record ColumnsReader(int[] at, DataType[] types) implements Reader {
        @Override
        public int read(InternalRow row, double[] into, int to, int expected) {
            if (at.length != expected) {
                return at.length;
            }
            for (int k = 0; k < at.length; k++) {
                into[to + k] = row.isNullAt(at[k]) ? Double.NaN : numeric(row, at[k], types[k]);
            }
            return at.length;
        }
    }

    /** A numeric field of an internal row (not null) as a double, whatever its numeric type. */
    static double numeric(InternalRow row, int i, DataType type) {
        if (type instanceof DoubleType) {
            return row.getDouble(i);
        } else if (type instanceof FloatType) {
            return row.getFloat(i);
        } else if (type instanceof IntegerType) {
            return row.getInt(i);
        } else if (type instanceof LongType) {
            return row.getLong(i);
        }
        Object v = row.get(i, type); // short, byte, decimal: rare, boxed
        return v instanceof Decimal d ? d.toDouble() : ((Number) v).doubleValue();
    }
}
