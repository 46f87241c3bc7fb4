package org.hepml.transformers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.types.StructType;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.PhysicsObject;

/**
 * Which objects of {@link HiggsEventSchema} a DataFrame carries, and in which coordinates: polar
 * (pt, η, φ; φ only for met) and/or Cartesian (px, py, pz; px, py for met). Column names come from the schema
 * class, never hard-coded in a stage. Names are matched case-insensitively, as Spark resolves them.
 */
final class EventObjectColumns {
    private final List<PhysicsObject> polar = new ArrayList<>();
    private final List<PhysicsObject> cartesian = new ArrayList<>();

    private EventObjectColumns() {}

    static EventObjectColumns of(StructType schema) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(Arrays.asList(schema.fieldNames()));
        EventObjectColumns c = new EventObjectColumns();
        for (PhysicsObject o : HiggsEventSchema.objects()) {
            if (names.contains(o.phiColumn())
                    && (!o.hasEta() || names.contains(o.etaColumn().get()))) {
                c.polar.add(o);
            }
            if (names.contains(o.pxColumn())
                    && names.contains(o.pyColumn())
                    && (!o.hasEta() || names.contains(o.pzColumn().get()))) {
                c.cartesian.add(o);
            }
        }
        return c;
    }

    List<PhysicsObject> polar() {
        return polar;
    }

    List<PhysicsObject> cartesian() {
        return cartesian;
    }

    boolean isEmpty() {
        return polar.isEmpty() && cartesian.isEmpty();
    }

    /** Fails before any job runs when the DataFrame has no event momenta to act on. */
    void requireSome(String stage, StructType schema) {
        if (isEmpty()) {
            throw new IllegalArgumentException(stage + ": no event momenta found: expected polar columns such as "
                    + PhysicsObject.LEPTON.etaColumn().get() + " and " + PhysicsObject.LEPTON.phiColumn()
                    + ", or Cartesian "
                    + "columns such as " + PhysicsObject.LEPTON.pxColumn() + "; columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        requireNumeric(stage, schema);
    }

    /** Fails when a momentum column (pt, η, φ, px, py, pz of an event object) is not numeric, naming it. */
    static void requireNumeric(String stage, StructType schema) {
        for (PhysicsObject o : HiggsEventSchema.objects()) {
            List<String> cols = new ArrayList<>(List.of(o.ptColumn(), o.phiColumn(), o.pxColumn(), o.pyColumn()));
            o.etaColumn().ifPresent(cols::add);
            o.pzColumn().ifPresent(cols::add);
            for (org.apache.spark.sql.types.StructField f : schema.fields()) {
                if (cols.stream().anyMatch(c -> c.equalsIgnoreCase(f.name()))
                        && !(f.dataType() instanceof org.apache.spark.sql.types.NumericType)) {
                    throw new IllegalArgumentException(stage + ": column '" + f.name() + "' is "
                            + f.dataType().simpleString() + "; momenta must be numeric (double in event Parquet)");
                }
            }
        }
    }
}
