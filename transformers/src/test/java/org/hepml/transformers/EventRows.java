package org.hepml.transformers;

import java.util.List;
import org.apache.spark.sql.Row;
import org.hepml.event.HiggsEventSchema;
import org.hepml.physics.DerivedFeatures;
import org.hepml.physics.PrimaryFeatures;

/** Reading events back from Spark rows in tests. */
final class EventRows {
    private EventRows() {}

    static double get(Row r, String col) {
        int i = r.fieldIndex(col);
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }

    static double[] primaries(Row r) {
        List<String> names = HiggsEventSchema.primaryFeatures();
        double[] v = new double[names.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = get(r, names.get(i));
        }
        return v;
    }

    static double[] derivedFromPrimaries(Row r) {
        return DerivedFeatures.compute(PrimaryFeatures.fromArray(primaries(r)));
    }
}
