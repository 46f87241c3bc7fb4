package org.hepml.estimators;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.hepml.dnn.FeatureScaler;
import org.hepml.dnn.MemberData;
import org.hepml.dnn.MomentumSlots;
import org.hepml.random.RandomStreams;

/**
 * The training rows on the driver, checked: raw feature values (NaN for missing), jet counts, labels, weights and
 * event ids, plus the feature names ({@link FeatureInput}: the feature columns or the vector's ML attributes), which
 * locate each object's momentum. Holds the scaled copy that the member tasks receive by broadcast.
 */
final class TrainingRows implements Serializable {
    private static final long serialVersionUID = 1L;

    final List<String> names;
    final int features;
    final float[] x; // scaled, row-major
    final float[] jets; // null without a jet-count column
    final float[] y;
    final float[] w;
    final long[] ids;

    private TrainingRows(List<String> names, float[] x, float[] jets, float[] y, float[] w, long[] ids) {
        this.names = names;
        this.features = names.size();
        this.x = x;
        this.jets = jets;
        this.y = y;
        this.w = w;
        this.ids = ids;
    }

    /** Fails early, naming the column, unless the features and these columns exist with types this reads. */
    static void checkSchema(
            StructType schema,
            FeatureInput features,
            String labelCol,
            String weightCol,
            String jetCol,
            String idCol,
            String who) {
        List<String> cols = Arrays.asList(schema.fieldNames());
        features.check(schema, who);
        for (String c : new String[] {labelCol, weightCol, jetCol, idCol}) {
            if (c != null && !c.isEmpty() && !cols.contains(c)) {
                throw new IllegalArgumentException(
                        who + ": column '" + c + "' not found; columns are " + String.join(", ", schema.fieldNames()));
            }
        }
        for (String c : new String[] {labelCol, weightCol, jetCol}) {
            if (c != null && !c.isEmpty() && !(schema.apply(c).dataType() instanceof NumericType)) {
                throw new IllegalArgumentException(who + ": column '" + c + "' must be numeric, is "
                        + schema.apply(c).dataType().simpleString());
            }
        }
    }

    /** The collected rows, the scaler fitted on them, and their summary. */
    record Collected(TrainingRows rows, FeatureScaler scaler, TrainingSummary summary) {}

    /** Collects, checks and scales the rows (the scaler is fitted here, on these rows). */
    static Collected collect(Dataset<?> data, TrainingInput input) {
        List<String> names = input.names(data.schema());
        boolean hasJets = input.hasJets();
        String who = input.who();
        // sorted by event id: a canonical order, so shuffles, splits and the scaler's sums do not depend on
        // partitioning
        List<Row> rows = new ArrayList<>(input.select(data).collectAsList());
        rows.sort((a, b) -> Long.compare(a.getLong(4), b.getLong(4)));
        int n = rows.size();
        int f = names.size();
        double[] raw = new double[n * f];
        float[] jets = hasJets ? new float[n] : null;
        float[] y = new float[n];
        float[] w = new float[n];
        long[] ids = new long[n];
        TrainingSummary summary = new TrainingSummary();
        for (int i = 0; i < n; i++) {
            EventRow e = EventRow.of(rows.get(i), f, hasJets, who);
            System.arraycopy(e.raw(), 0, raw, i * f, f);
            if (jets != null) {
                jets[i] = e.jet();
            }
            y[i] = e.label();
            w[i] = e.weight();
            ids[i] = e.id();
            summary.add(e);
        }
        summary.checkBothClasses(who);
        FeatureScaler scaler = FeatureScaler.fit(raw, f, MomentumSlots.of(names));
        return new Collected(new TrainingRows(names, scaler.transform(raw), jets, y, w, ids), scaler, summary);
    }

    /**
     * Member m's split, stratified by label × jet count: within each stratum the events are ranked by a hash of
     * (seed, EventId, m) and the lowest {@code fraction} go to validation. Independent of row order.
     */
    MemberData[] split(int member, double fraction, long seed) {
        int n = y.length;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = RandomStreams.memberSplit(seed, member, ids[i]);
        }
        boolean[] val = new boolean[n];
        for (int stratum = 0; stratum < 8; stratum++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int s = (int) y[i] * 4 + (jets == null ? 0 : (int) jets[i]);
                if (s == stratum) {
                    members.add(i);
                }
            }
            members.sort((a, b) -> Double.compare(u[a], u[b]));
            int take = (int) Math.round(fraction * members.size());
            for (int k = 0; k < take; k++) {
                val[members.get(k)] = true;
            }
        }
        return new MemberData[] {subset(val, false), subset(val, true)};
    }

    private MemberData subset(boolean[] val, boolean want) {
        int m = 0;
        for (boolean b : val) {
            m += b == want ? 1 : 0;
        }
        float[] sx = new float[m * features];
        float[] sj = jets == null ? null : new float[m];
        float[] sy = new float[m];
        float[] sw = new float[m];
        long[] si = new long[m];
        int k = 0;
        for (int i = 0; i < val.length; i++) {
            if (val[i] != want) {
                continue;
            }
            System.arraycopy(x, i * features, sx, k * features, features);
            if (sj != null) {
                sj[k] = jets[i];
            }
            sy[k] = y[i];
            sw[k] = w[i];
            si[k] = ids[i];
            k++;
        }
        return new MemberData(sx, features, sj, sy, sw, si);
    }
}
