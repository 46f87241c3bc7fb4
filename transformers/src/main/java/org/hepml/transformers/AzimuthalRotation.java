package org.hepml.transformers;

import static org.apache.spark.sql.functions.lit;

import java.util.Locale;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.hepml.params.Check;
import org.hepml.persistence.ParamsReader;
import org.hepml.random.RandomColumns;

/**
 * Rotates every momentum of an event about the beam axis: φ → φ + θ wrapped into (−π, π] on polar columns,
 * (px, py) → R(θ)(px, py) on Cartesian ones, both where both are present. θ is a fixed angle ({@code mode = fixed})
 * or uniform in [0, 2π) per event ({@code mode = random}, the default), from (seed, EventId, draw).
 */
public final class AzimuthalRotation extends RandomEventStage<AzimuthalRotation> {
    private static final long serialVersionUID = 1L;

    private final Param<String> mode = new Param<>(
            this,
            "mode",
            "random (θ uniform per event) or fixed (θ = angle)",
            Check.oneOf(this, "mode", "random", "fixed"));
    private final DoubleParam angle = new DoubleParam(
            this,
            "angle",
            "rotation angle in radians, for mode fixed",
            Check.of(this, "angle", "a finite angle in radians", v -> Double.isFinite((Double) v)));

    public AzimuthalRotation(String uid) {
        super(uid);
        setDefault(mode, "random");
        setDefault(angle, 0.0);
    }

    public AzimuthalRotation() {
        this(Identifiable$.MODULE$.randomUID("azimuthalRotation"));
    }

    public Param<String> mode() {
        return mode;
    }

    public DoubleParam angle() {
        return angle;
    }

    public String getMode() {
        return getOrDefault(mode);
    }

    public double getAngle() {
        return (Double) getOrDefault(angle);
    }

    /** random or fixed (any case). */
    public AzimuthalRotation setMode(String value) {
        set(mode, value == null ? null : value.toLowerCase(Locale.ROOT));
        return this;
    }

    /** A fixed rotation by this angle (sets mode to fixed). */
    public AzimuthalRotation setAngle(double radians) {
        set(angle, radians);
        set(mode, "fixed");
        return this;
    }

    private boolean isRandom() {
        return getMode().equals("random");
    }

    @Override
    public StructType transformSchema(StructType schema) {
        EventObjectColumns.of(schema).requireSome(who(), schema);
        if (isRandom()) {
            requireEventId(schema);
        }
        return schema;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Column theta = isRandom()
                ? RandomColumns.stageDraw(getSeed(), getEventIdCol(), getDraw(), RandomColumns.ROTATION)
                        .multiply(2 * Math.PI)
                : lit(getAngle());
        return SymmetryColumns.apply(
                dataset.toDF(), EventObjectColumns.of(dataset.schema()), theta, lit(false), lit(false));
    }

    public static MLReader<AzimuthalRotation> read() {
        return new ParamsReader<>();
    }

    public static AzimuthalRotation load(String path) {
        return read().load(path);
    }
}
