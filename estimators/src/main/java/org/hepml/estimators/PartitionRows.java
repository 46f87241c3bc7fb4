package org.hepml.estimators;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.hepml.dnn.FeatureScaler;
import org.hepml.dnn.MemberData;

/**
 * The checked training rows of one partition, as arrays sorted by EventId (so what is computed from them does not
 * depend on the order the rows arrived in): raw features (row-major, NaN missing), jet counts, labels, weights and
 * ids. The data-parallel mode keeps one per partition, where the rows lie.
 */
record PartitionRows(int features, double[] raw, float[] jets, float[] y, float[] w, long[] ids)
        implements Serializable {

    static PartitionRows of(Iterator<EventRow> rows, int features) {
        List<EventRow> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        list.sort(Comparator.comparingLong(EventRow::id));
        int n = list.size();
        double[] raw = new double[n * features];
        float[] jets = new float[n];
        float[] y = new float[n];
        float[] w = new float[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            EventRow e = list.get(i);
            System.arraycopy(e.raw(), 0, raw, i * features, features);
            jets[i] = e.jet();
            y[i] = e.label();
            w[i] = e.weight();
            ids[i] = e.id();
        }
        return new PartitionRows(features, raw, jets, y, w, ids);
    }

    int rows() {
        return ids.length;
    }

    /** Row i as the checked event it was built from. */
    EventRow row(int i) {
        double[] r = new double[features];
        System.arraycopy(raw, i * features, r, 0, features);
        return new EventRow(ids[i], r, jets[i], y[i], w[i]);
    }

    /** A selected and reweighted copy: the rows where {@code keep}, scaled, each weight times its class's factor. */
    MemberData select(boolean[] keep, FeatureScaler scaler, float[] classFactor, boolean hasJets) {
        int m = 0;
        for (boolean k : keep) {
            m += k ? 1 : 0;
        }
        double[] sraw = new double[m * features];
        float[] sj = hasJets ? new float[m] : null;
        float[] sy = new float[m];
        float[] sw = new float[m];
        long[] si = new long[m];
        int k = 0;
        for (int i = 0; i < keep.length; i++) {
            if (!keep[i]) {
                continue;
            }
            System.arraycopy(raw, i * features, sraw, k * features, features);
            if (sj != null) {
                sj[k] = jets[i];
            }
            sy[k] = y[i];
            sw[k] = w[i] * classFactor[y[i] == 1f ? 0 : 1];
            si[k] = ids[i];
            k++;
        }
        return new MemberData(scaler.transform(sraw), features, sj, sy, sw, si);
    }
}
