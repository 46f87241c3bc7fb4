package org.hepml.estimators;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores a partition batch by batch: reads up to {@code batchSize} rows, runs the ensemble (with its test-time
 * grid) on the whole batch, and yields the rows with rawPrediction, probability and prediction appended (and,
 * when asked, each member's probability as a vector).
 */
final class ScoringIterator implements Iterator<Row> {
    private static final double CLIP = 1e-7;

    private final Ensemble ensemble;
    private final Iterator<Row> input;
    private final int featuresIdx;
    private final int jetIdx;
    private final int variants;
    private final int batchSize;
    private final boolean perMember;
    private final List<Row> out = new ArrayList<>();
    private int next;

    ScoringIterator(
            Ensemble ensemble,
            Iterator<Row> input,
            int featuresIdx,
            int jetIdx,
            int variants,
            int batchSize,
            boolean perMember) {
        this.perMember = perMember;
        this.ensemble = ensemble;
        this.input = input;
        this.featuresIdx = featuresIdx;
        this.jetIdx = jetIdx;
        this.variants = variants;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        if (next < out.size()) {
            return true;
        }
        out.clear();
        next = 0;
        if (!input.hasNext()) {
            return false;
        }
        List<Row> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && input.hasNext()) {
            batch.add(input.next());
        }
        int f = ensemble.featureNames.size();
        double[] raw = new double[batch.size() * f];
        float[] jets = jetIdx < 0 ? null : new float[batch.size()];
        for (int r = 0; r < batch.size(); r++) {
            Row row = batch.get(r);
            Vector v = (Vector) row.get(featuresIdx);
            if (v == null || v.size() != f) {
                throw new IllegalArgumentException("DnnEnsembleModel: features vector of size "
                        + (v == null ? "null" : v.size()) + ", the model was trained on " + f + " features ("
                        + String.join(", ", ensemble.featureNames) + ")");
            }
            for (int k = 0; k < f; k++) {
                double x = v.apply(k);
                if (Double.isInfinite(x)) {
                    throw new IllegalArgumentException(
                            "DnnEnsembleModel: " + where(row) + ": feature " + ensemble.featureNames.get(k) + " is " + x
                                    + "; features must be finite (a missing value is NaN or null)");
                }
                raw[r * f + k] = x;
            }
            if (jets != null) {
                double j = row.isNullAt(jetIdx) ? 0 : ((Number) row.get(jetIdx)).doubleValue();
                if (!(j == 0 || j == 1 || j == 2 || j == 3)) {
                    throw new IllegalArgumentException("DnnEnsembleModel: " + where(row) + ": jet count "
                            + row.schema().fieldNames()[jetIdx] + " = " + j + ", it must be 0, 1, 2 or 3");
                }
                jets[r] = (float) j;
            }
        }
        float[][] members = perMember ? new float[ensemble.members.length][batch.size()] : null;
        float[] p = ensemble.predict(raw, jets, batch.size(), variants, members);
        for (int r = 0; r < batch.size(); r++) {
            Row row = batch.get(r);
            double q = Math.min(1 - CLIP, Math.max(CLIP, p[r]));
            double logit = Math.log(q / (1 - q));
            Object[] values = new Object[row.length() + (perMember ? 4 : 3)];
            for (int k = 0; k < row.length(); k++) {
                values[k] = row.get(k);
            }
            values[row.length()] = Vectors.dense(-logit, logit);
            values[row.length() + 1] = Vectors.dense(1 - p[r], p[r]);
            values[row.length() + 2] = p[r] >= 0.5 ? 1.0 : 0.0;
            if (perMember) {
                double[] own = new double[members.length];
                for (int m = 0; m < own.length; m++) {
                    own[m] = members[m][r];
                }
                values[row.length() + 3] = Vectors.dense(own);
            }
            out.add(RowFactory.create(values));
        }
        return true;
    }

    /** The row's EventId where it has one, for errors. */
    private static String where(Row row) {
        String[] names = row.schema() == null ? new String[0] : row.schema().fieldNames();
        int at = java.util.Arrays.asList(names).indexOf(org.hepml.event.HiggsEventSchema.EVENT_ID);
        return at >= 0 && !row.isNullAt(at) ? "EventId " + row.get(at) : "a row without EventId";
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return out.get(next++);
    }
}
