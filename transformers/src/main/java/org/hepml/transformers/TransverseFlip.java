package org.hepml.transformers;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.params.Check;
import org.hepml.persistence.ParamsReader;
import org.hepml.random.RandomColumns;

/**
 * Mirrors events in the transverse plane, each event with the given probability (default 0.5): about the x axis
 * ({@code axis = y}, the default: φ → −φ, py → −py) or about the y axis ({@code axis = x}: φ → π − φ, px → −px,
 * computed as the y-flip followed by a rotation by π, as {@code SymmetryTransform.xFlip} defines it).
 */
public final class TransverseFlip extends RandomFlip<TransverseFlip> {
    private static final long serialVersionUID = 1L;
    private final Param<String> axis = new Param<>(
            this,
            "axis",
            "y (py -> -py, phi -> -phi) or x (px -> -px, phi -> pi - phi)",
            Check.oneOf(this, "axis", "x", "y"));

    public TransverseFlip(String uid) {
        super(uid);
        setDefault(axis, "y");
    }

    public TransverseFlip() {
        this(Identifiable$.MODULE$.randomUID("transverseFlip"));
    }

    public Param<String> axis() {
        return axis;
    }

    public String getAxis() {
        return getOrDefault(axis);
    }

    /** x or y (any case). */
    public TransverseFlip setAxis(String value) {
        set(axis, value == null ? null : value.toLowerCase(Locale.ROOT));
        return this;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Column flip = decision(RandomColumns.TRANSVERSE_FLIP);
        Column theta = getAxis().equals("x") ? when(flip, lit(Math.PI)).otherwise(lit(0.0)) : lit(0.0);
        return SymmetryColumns.apply(dataset.toDF(), EventObjectColumns.of(dataset.schema()), theta, lit(false), flip);
    }

    public static MLReader<TransverseFlip> read() {
        return new ParamsReader<>();
    }

    public static TransverseFlip load(String path) {
        return read().load(path);
    }
}
