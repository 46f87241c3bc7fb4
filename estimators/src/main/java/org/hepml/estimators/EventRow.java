package org.hepml.estimators;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * One checked training event: its id, raw feature values (NaN missing), jet count (0 without the column), label and
 * weight. {@link #of} is the one place where a training row is checked, with an error that names the event.
 */
record EventRow(long id, double[] raw, float jet, float label, float weight) implements Serializable {

    /** Checks and converts a row of {@link TrainingInput#select}; {@code who} names the stage in the error. */
    static EventRow of(Row r, int features, boolean hasJets, String who) {
        long eid = r.getLong(4);
        double[] v = FeatureInput.values(r, 0);
        if (v == null || v.length != features) {
            throw new IllegalArgumentException(
                    who + ": event " + eid + ": features vector of size " + (v == null ? "null" : v.length)
                            + ", expected " + features + " (the size its ML attributes give)");
        }
        if (r.isNullAt(2) || !(r.getDouble(2) == 0.0 || r.getDouble(2) == 1.0)) {
            throw new IllegalArgumentException(
                    who + ": event " + eid + ": label must be 0 or 1, is " + (r.isNullAt(2) ? "null" : r.getDouble(2)));
        }
        if (r.isNullAt(3) || !(r.getDouble(3) >= 0) || Double.isInfinite(r.getDouble(3))) {
            throw new IllegalArgumentException(who + ": event " + eid + ": weight must be finite and non-negative, is "
                    + (r.isNullAt(3) ? "null" : r.getDouble(3)));
        }
        float jet = 0;
        if (hasJets) {
            double j = r.isNullAt(1) ? -1 : r.getDouble(1);
            if (j != Math.rint(j) || j < 0 || j > 3) {
                throw new IllegalArgumentException(
                        who + ": event " + eid + ": jet count must be 0 to 3, is " + (r.isNullAt(1) ? "null" : j));
            }
            jet = (float) j;
        }
        return new EventRow(eid, v, jet, (float) r.getDouble(2), (float) r.getDouble(3));
    }
}
