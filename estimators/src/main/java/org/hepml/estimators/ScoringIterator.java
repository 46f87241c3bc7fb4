package org.hepml.estimators;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.hepml.event.HiggsEventSchema;

/**
 * Scores a partition batch by batch on Spark's internal rows: reads up to {@code batchSize} rows (features straight
 * from the feature columns or the vector's stored arrays, nothing boxed: {@link FeatureInput}), runs the ensemble (with
 * its test-time grid) on the whole batch, and yields each input row joined with the output columns ({@link
 * ScoringColumns}). Rows are copied as they are batched: Spark reuses the row objects it hands over.
 */
final class ScoringIterator implements Iterator<InternalRow> {
    private final Ensemble ensemble;
    private final Iterator<InternalRow> input;
    private final FeatureInput.Reader reader;
    private final JetColumn jets;
    private final int idIdx;
    private final DataType idType;
    private final int variants;
    private final int batchSize;
    private final ScoringColumns outputs;
    private final int width;
    private final int features;
    private final InternalRow[] rows;
    private final double[] raw;
    private final float[] jetCounts;
    private final float[][] members;
    private final JoinedRow joined = new JoinedRow();
    private float[] p;
    private int size;
    private int next;

    /** {@code schema} is the input's, for reading the jet count and naming an event in errors. */
    ScoringIterator(
            Ensemble ensemble,
            Iterator<InternalRow> input,
            StructType schema,
            FeatureInput.Reader reader,
            int jetIdx,
            int variants,
            int batchSize,
            ScoringColumns outputs) {
        this.ensemble = ensemble;
        this.input = input;
        this.reader = reader;
        this.jets = jetIdx < 0 ? null : new JetColumn(schema, jetIdx);
        this.idIdx = java.util.Arrays.asList(schema.fieldNames()).indexOf(HiggsEventSchema.EVENT_ID);
        this.idType = idIdx < 0 ? null : schema.fields()[idIdx].dataType();
        this.variants = variants;
        this.batchSize = batchSize;
        this.outputs = outputs;
        this.width = outputs.names().size();
        this.features = ensemble.featureNames.size();
        this.rows = new InternalRow[batchSize];
        this.raw = new double[batchSize * features];
        this.jetCounts = jets == null ? null : new float[batchSize];
        this.members = outputs.perMember() ? new float[ensemble.members.length][batchSize] : null;
    }

    @Override
    public boolean hasNext() {
        if (next < size) {
            return true;
        }
        size = 0;
        next = 0;
        while (size < batchSize && input.hasNext()) {
            InternalRow row = input.next();
            readFeatures(row, size);
            if (jets != null) {
                jetCounts[size] = jets.read(row, this);
            }
            rows[size++] = row.copy();
        }
        if (size == 0) {
            return false;
        }
        p = ensemble.predict(raw, jetCounts, size, variants, members);
        return true;
    }

    private void readFeatures(InternalRow row, int r) {
        int at = r * features;
        int n = reader.read(row, raw, at, features);
        if (n != features) {
            throw sizeError(n < 0 ? "null" : Integer.toString(n));
        }
        for (int k = 0; k < features; k++) {
            finite(raw[at + k], k, row);
        }
    }

    private void finite(double x, int k, InternalRow row) {
        if (Double.isInfinite(x)) {
            throw new IllegalArgumentException(
                    "DnnEnsembleModel: " + where(row) + ": feature " + ensemble.featureNames.get(k) + " is " + x
                            + "; features must be finite (a missing value is NaN or null)");
        }
    }

    private IllegalArgumentException sizeError(String size) {
        return new IllegalArgumentException("DnnEnsembleModel: features vector of size " + size
                + ", the model was trained on " + features + " features ("
                + String.join(", ", ensemble.featureNames) + ")");
    }

    /** The row's EventId where it has one, for errors. */
    String where(InternalRow row) {
        return idIdx >= 0 && !row.isNullAt(idIdx) ? "EventId " + row.get(idIdx, idType) : "a row without EventId";
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int r = next++;
        Object[] values = outputs.values(p, members, r, new Object[width]);
        // one JoinedRow reused: Spark's scan copies each row it is given into its own before asking for the next
        return joined.apply(rows[r], new GenericInternalRow(values));
    }

    /** Reads the jet count, whatever numeric type its column has, as the float the network takes. */
    private static final class JetColumn {
        private final int idx;
        private final DataType type;
        private final String name;

        JetColumn(StructType schema, int idx) {
            this.idx = idx;
            this.type = schema.fields()[idx].dataType();
            this.name = schema.fieldNames()[idx];
        }

        float read(InternalRow row, ScoringIterator at) {
            double j = row.isNullAt(idx) ? 0 : FeatureInput.numeric(row, idx, type);
            if (!(j == 0 || j == 1 || j == 2 || j == 3)) {
                throw new IllegalArgumentException("DnnEnsembleModel: " + at.where(row) + ": jet count " + name + " = "
                        + j + ", it must be 0, 1, 2 or 3");
            }
            return (float) j;
        }
    }
}
