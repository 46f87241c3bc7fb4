package org.hepml.dnn;

import java.util.ArrayList;
import java.util.List;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.PhysicsObject;
import org.hepml.generate.ToyHiggsGenerator;

/** Toy events as network inputs, as the reference study builds them: 13 DER, 3 scalars, Cartesian momenta = 30. */
public final class ToyMemberData {
    public static final List<String> NAMES = new ArrayList<>();

    static {
        NAMES.addAll(HiggsEventSchema.derivedFeatures());
        NAMES.addAll(List.of("PRI_met", "PRI_met_sumet", "PRI_jet_all_pt"));
        for (PhysicsObject o : PhysicsObject.values()) {
            NAMES.add(o.pxColumn());
            NAMES.add(o.pyColumn());
            o.pzColumn().ifPresent(NAMES::add);
        }
    }

    private ToyMemberData() {}

    /** Raw rows (NaN for missing) of events [first, first + n) of a generator; jets, labels, weights alongside. */
    static double[] raw(ToyHiggsGenerator g, int first, int n, float[] jets, float[] y, float[] w, long[] ids) {
        int f = NAMES.size();
        double[] x = new double[n * f];
        List<String> schema =
                List.of(HiggsEventSchema.parquetSchema(true, false).fieldNames());
        for (int r = 0; r < n; r++) {
            Object[] row = g.row(first + r);
            double[] prim = new double[schema.size()];
            for (int k = 0; k < row.length; k++) {
                prim[k] = row[k] instanceof Double d ? d : row[k] instanceof Long l ? l : Double.NaN;
            }
            int c = 0;
            for (String name : NAMES.subList(0, 16)) {
                x[r * f + c++] = prim[schema.indexOf(name)];
            }
            for (PhysicsObject o : PhysicsObject.values()) {
                double pt = prim[schema.indexOf(o.ptColumn())];
                double phi = prim[schema.indexOf(o.phiColumn())];
                x[r * f + c++] = pt * Math.cos(phi);
                x[r * f + c++] = pt * Math.sin(phi);
                if (o.hasEta()) {
                    x[r * f + c++] =
                            pt * Math.sinh(prim[schema.indexOf(o.etaColumn().get())]);
                }
            }
            jets[r] = (float) prim[schema.indexOf(HiggsEventSchema.JET_COUNT)];
            y[r] = (float) (double) (Double) row[31];
            w[r] = (float) (double) (Double) row[32];
            ids[r] = (Long) row[0];
        }
        return x;
    }

    /** {train, validation} member data, scaled on the training part. */
    public static MemberData[] split(long seed, int train, int val) {
        ToyHiggsGenerator g = new ToyHiggsGenerator(seed, train + val);
        int f = NAMES.size();
        float[][] jets = {new float[train], new float[val]};
        float[][] y = {new float[train], new float[val]};
        float[][] w = {new float[train], new float[val]};
        long[][] ids = {new long[train], new long[val]};
        double[] xt = raw(g, 0, train, jets[0], y[0], w[0], ids[0]);
        double[] xv = raw(g, train, val, jets[1], y[1], w[1], ids[1]);
        FeatureScaler scaler = FeatureScaler.fit(xt, f, MomentumSlots.of(NAMES));
        return new MemberData[] {
            new MemberData(scaler.transform(xt), f, jets[0], y[0], w[0], ids[0]),
            new MemberData(scaler.transform(xv), f, jets[1], y[1], w[1], ids[1])
        };
    }

    /** Weighted-free ROC AUC by ranks (ties averaged). */
    static double auc(float[] p, float[] y) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(p[a], p[b]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < idx.length; i++) {
            if (y[idx[i]] == 1f) {
                rankSum += i + 1;
                pos++;
            }
        }
        long neg = p.length - pos;
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
