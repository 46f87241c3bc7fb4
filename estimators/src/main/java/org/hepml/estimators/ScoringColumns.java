package org.hepml.estimators;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * The columns a {@link DnnEnsembleModel} writes, in this order, each only where its param names one (an empty name
 * skips it, as in MLlib's classifiers): rawPrediction [−logit, logit], probability [1 − p, p], prediction, each
 * member's probability (a vector), and the signal probability p as a plain double. The double needs no vector per row
 * and no {@code vector_to_array} UDF to read p back; it holds the same value as probability[1], bit for bit.
 */
record ScoringColumns(
        String rawPrediction, String probability, String prediction, String memberProbabilities, String signal)
        implements Serializable {
    private static final double CLIP = 1e-7;

    @SuppressWarnings("unchecked")
    private static final UserDefinedType<Vector> VECTOR = (UserDefinedType<Vector>) SQLDataTypes.VectorType();

    List<String> names() {
        List<String> n = new ArrayList<>();
        for (String c : new String[] {rawPrediction, probability, prediction, memberProbabilities, signal}) {
            if (!c.isEmpty()) {
                n.add(c);
            }
        }
        return n;
    }

    boolean perMember() {
        return !memberProbabilities.isEmpty();
    }

    /** {@code schema} with the output columns added. */
    StructType addTo(StructType schema) {
        DataType vector = SQLDataTypes.VectorType();
        StructType out = schema;
        String[] cols = {rawPrediction, probability, prediction, memberProbabilities, signal};
        DataType[] types = {vector, vector, DataTypes.DoubleType, vector, DataTypes.DoubleType};
        for (int i = 0; i < cols.length; i++) {
            if (!cols[i].isEmpty()) {
                out = out.add(cols[i], types[i], false);
            }
        }
        return out;
    }

    /**
     * Fills {@code v} (of {@code names().size()}) with the output values of row {@code r}, in Spark's internal form:
     * {@code p} the ensemble's signal probabilities, {@code members} each member's (null unless {@link #perMember}).
     */
    Object[] values(float[] p, float[][] members, int r, Object[] v) {
        int k = 0;
        if (!rawPrediction.isEmpty()) {
            double q = Math.min(1 - CLIP, Math.max(CLIP, p[r]));
            double logit = Math.log(q / (1 - q));
            v[k++] = VECTOR.serialize(Vectors.dense(-logit, logit));
        }
        if (!probability.isEmpty()) {
            v[k++] = VECTOR.serialize(Vectors.dense(1 - p[r], p[r]));
        }
        if (!prediction.isEmpty()) {
            v[k++] = p[r] >= 0.5 ? 1.0 : 0.0;
        }
        if (perMember()) {
            double[] own = new double[members.length];
            for (int m = 0; m < own.length; m++) {
                own[m] = members[m][r];
            }
            v[k++] = VECTOR.serialize(Vectors.dense(own));
        }
        if (!signal.isEmpty()) {
            v[k] = (double) p[r];
        }
        return v;
    }
}
