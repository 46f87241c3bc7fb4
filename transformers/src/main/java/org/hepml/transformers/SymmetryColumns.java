package org.hepml.transformers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rint;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.event.PhysicsObject;
import org.hepml.symmetry.SymmetryTransform;

/**
 * {@link SymmetryTransform}'s algebra as Spark SQL expressions, with coefficients that may differ per row:
 * η → z·η, φ → wrap(s·φ + θ), (px, py) → R(θ)·(px, s·py), pz → z·pz, where z, s ∈ {+1, −1} are the z and
 * transverse (y) flips and θ the rotation. Nulls (absent jets) stay null. The one translation of the symmetry
 * core into columns: every stage of this package goes through it.
 */
final class SymmetryColumns {
    private static final double TWO_PI = 2 * Math.PI;

    private SymmetryColumns() {}

    /** φ wrapped into (−π, π], as {@code Kinematics.wrapPhi}. */
    static Column wrapPhi(Column phi) {
        Column w = phi.minus(rint(phi.divide(TWO_PI)).multiply(TWO_PI));
        return when(w.leq(-Math.PI), w.plus(TWO_PI))
                .when(w.gt(Math.PI), w.minus(TWO_PI))
                .otherwise(w);
    }

    /** Sign column: −1 where the flip applies, +1 elsewhere. */
    static Column sign(Column flip) {
        return when(flip, lit(-1.0)).otherwise(lit(1.0));
    }

    /**
     * Applies the transform (θ, flip z, flip y: per-row columns) to every object the DataFrame carries, in polar
     * and in Cartesian coordinates alike, replacing the columns in place.
     */
    static Dataset<Row> apply(Dataset<Row> df, EventObjectColumns objects, Column theta, Column flipZ, Column flipY) {
        Column z = sign(flipZ);
        Column s = sign(flipY);
        Column c = cos(theta);
        Column sn = sin(theta);
        Map<String, Column> out = new LinkedHashMap<>();
        for (PhysicsObject o : objects.polar()) {
            o.etaColumn().ifPresent(eta -> out.put(eta, col(eta).multiply(z)));
            out.put(o.phiColumn(), wrapPhi(col(o.phiColumn()).multiply(s).plus(theta)));
        }
        for (PhysicsObject o : objects.cartesian()) {
            Column px = col(o.pxColumn());
            Column py = col(o.pyColumn()).multiply(s);
            out.put(o.pxColumn(), px.multiply(c).minus(py.multiply(sn)));
            out.put(o.pyColumn(), px.multiply(sn).plus(py.multiply(c)));
            o.pzColumn().ifPresent(pz -> out.put(pz, col(pz).multiply(z)));
        }
        return df.withColumns(out);
    }
}
