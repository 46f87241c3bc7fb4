package org.hepml.transformers;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.hepml.event.PhysicsObject;
import org.hepml.persistence.ParamsReader;

/**
 * The fixed-orientation alternative to augmentation: every event turned into one canonical pose — lepton at
 * φ = 0 (exactly), tau at φ ≥ 0, lepton at η ≥ 0 — by a per-event rotation and flips of the symmetry core:
 * s = −1 when wrap(φ_tau − φ_lep) is negative, then φ → wrap(s·φ − s·φ_lep) and η → sign(η_lep)·η. Needs the
 * polar lepton and tau columns (put it before {@link CartesianMomenta}); Cartesian columns present as well are
 * turned the same way.
 */
public final class EventOrientation extends EventStage {
    private static final long serialVersionUID = 1L;

    public EventOrientation(String uid) {
        super(uid);
    }

    public EventOrientation() {
        this(Identifiable$.MODULE$.randomUID("eventOrientation"));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        EventObjectColumns objects = EventObjectColumns.of(schema);
        for (PhysicsObject o : new PhysicsObject[] {PhysicsObject.LEPTON, PhysicsObject.TAU}) {
            if (!objects.polar().contains(o)) {
                throw new IllegalArgumentException(
                        who() + ": needs the polar columns " + o.etaColumn().get() + " and "
                                + o.phiColumn()
                                + " (the orientation is defined by the lepton and the tau; put EventOrientation before "
                                + "CartesianMomenta)");
            }
        }
        return schema;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Column lepPhi = col(PhysicsObject.LEPTON.phiColumn());
        Column tauPhi = col(PhysicsObject.TAU.phiColumn());
        Column flipY = SymmetryColumns.wrapPhi(tauPhi.minus(lepPhi)).lt(0);
        Column theta = lepPhi.multiply(SymmetryColumns.sign(flipY)).multiply(-1.0);
        Column flipZ = col(PhysicsObject.LEPTON.etaColumn().get()).lt(0);
        return SymmetryColumns.apply(dataset.toDF(), EventObjectColumns.of(dataset.schema()), theta, flipZ, flipY);
    }

    public static MLReader<EventOrientation> read() {
        return new ParamsReader<>();
    }

    public static EventOrientation load(String path) {
        return read().load(path);
    }
}
