package org.hepml.dnn;

/**
 * The training or validation rows of one ensemble member, as the network takes them: scaled features (row-major
 * floats), jet counts 0–3, labels, weights, event ids (the key of per-event augmentation).
 */
public record MemberData(float[] x, int features, float[] jets, float[] y, float[] w, long[] eventId)
        implements java.io.Serializable {

    public MemberData {
        int n = y.length;
        if (x.length != n * features || w.length != n || eventId.length != n || (jets != null && jets.length != n)) {
            throw new IllegalArgumentException("member data arrays disagree in length");
        }
    }

    public int rows() {
        return y.length;
    }

    /**
     * A copy whose weights are rescaled so each class sums to half the number of rows (mean weight 1): the
     * reference study's "each class sums to 1", times a constant that keeps the loss near 1.
     */
    public MemberData classBalanced() {
        double s = 0;
        double b = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1f) {
                s += w[i];
            } else {
                b += w[i];
            }
        }
        if (!(s > 0) || !(b > 0)) {
            throw new IllegalArgumentException(
                    "training needs both classes with positive weight: signal " + s + ", background " + b);
        }
        float[] out = new float[w.length];
        double half = y.length / 2.0;
        for (int i = 0; i < w.length; i++) {
            out[i] = (float) (w[i] * half / (y[i] == 1f ? s : b));
        }
        return new MemberData(x, features, jets, y, out, eventId);
    }
}
