package org.hepml.transformers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.event.HiggsEventSchema;

/**
 * A whole-dataset augmentation: optional fixed orientation, then rotation, z flip and transverse flip (each
 * random, fixed or off), optional conversion to Cartesian momenta, repeated for K independent copies.
 * Copy c (0-based) is the c-th draw of the random stages; its {@code EventId} becomes {@code EventId·K + c}
 * (unchanged for K = 1), so copies stay distinct events for later per-event randomness and averaging, and the
 * original id is kept in {@code source_EventId} when K > 1. A physically valid way to grow a sample.
 */
public record AugmentationPlan(
        boolean orient, String rotate, String flipZ, String flipTransverse, boolean cartesian, int copies, long seed) {

    /** Column of the original event id in a multi-copy output. */
    public static final String SOURCE_EVENT_ID = "source_EventId";

    public AugmentationPlan {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, got " + copies);
        }
        rotationStage(rotate, seed, 0);
        flipProbability("flip-z", flipZ);
        flipProbability("flip-transverse", flipTransverse);
    }

    /** The stages of copy c, in order. */
    public List<Transformer> stages(int copy) {
        List<Transformer> s = new ArrayList<>();
        if (orient) {
            s.add(new EventOrientation());
        }
        AzimuthalRotation rotation = rotationStage(rotate, seed, copy);
        if (rotation != null) {
            s.add(rotation);
        }
        double pz = flipProbability("flip-z", flipZ);
        if (pz > 0) {
            s.add(new ZFlip().setProbability(pz).setSeed(seed).setDraw(copy));
        }
        double pt = flipProbability("flip-transverse", flipTransverse);
        if (pt > 0) {
            s.add(new TransverseFlip().setProbability(pt).setSeed(seed).setDraw(copy));
        }
        if (cartesian) {
            s.add(new CartesianMomenta());
        }
        return s;
    }

    public Dataset<Row> apply(Dataset<Row> events) {
        Dataset<Row> all = null;
        for (int c = 0; c < copies; c++) {
            Dataset<Row> d = events;
            for (Transformer t : stages(c)) {
                d = t.transform(d);
            }
            if (copies > 1) {
                Column id = col(HiggsEventSchema.EVENT_ID);
                d = d.withColumn(SOURCE_EVENT_ID, id)
                        .withColumn(
                                HiggsEventSchema.EVENT_ID,
                                id.multiply(lit((long) copies)).plus(lit((long) c)));
            }
            all = all == null ? d : all.union(d);
        }
        return all;
    }

    /** random | none | an angle in radians. */
    private static AzimuthalRotation rotationStage(String rotate, long seed, int copy) {
        switch (rotate) {
            case "random":
                return new AzimuthalRotation().setSeed(seed).setDraw(copy);
            case "none":
                return null;
            default:
                try {
                    return new AzimuthalRotation().setAngle(Double.parseDouble(rotate));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "--rotate takes random, none or an angle in radians, got '" + rotate + "'");
                }
        }
    }

    /** random (0.5) | always (1) | never (0). */
    private static double flipProbability(String option, String value) {
        switch (value) {
            case "random":
                return 0.5;
            case "always":
                return 1.0;
            case "never":
                return 0.0;
            default:
                throw new IllegalArgumentException(
                        "--" + option + " takes random, always or never, got '" + value + "'");
        }
    }
}
