package org.hepml.dnn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Input normalisation that keeps the symmetries exact: every feature that is an object's px, py or pz is divided
 * by one factor per object (the root mean square of that object's components), with no centring, so a rotation
 * of scaled momenta is the scaled rotation; every other feature is standardised (mean 0, standard deviation 1).
 * Missing values (NaN) become 0 after scaling. Fitted on training data only.
 */
public final class FeatureScaler implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] shift;
    private final double[] scale;

    public FeatureScaler(double[] shift, double[] scale) {
        this.shift = shift.clone();
        this.scale = scale.clone();
    }

    /** Fits on rows of {@code features} values (row-major, NaN for missing). */
    public static FeatureScaler fit(double[] x, int features, MomentumSlots slots) {
        Moments m = new Moments(features);
        m.add(x, x.length / features);
        return fit(m, slots);
    }

    /**
     * Per-feature count, sum and sum of squares of the non-missing values: all the scaler needs, and mergeable, so it
     * can be gathered across partitions.
     */
    public static final class Moments implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] n;
        final double[] sum;
        final double[] sq;

        public Moments(int features) {
            n = new long[features];
            sum = new double[features];
            sq = new double[features];
        }

        /** Adds {@code rows} rows (row-major, NaN missing). */
        public Moments add(double[] x, int rows) {
            int f = n.length;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < f; c++) {
                    double v = x[r * f + c];
                    if (!Double.isNaN(v)) {
                        n[c]++;
                        sum[c] += v;
                        sq[c] += v * v;
                    }
                }
            }
            return this;
        }

        public Moments merge(Moments o) {
            for (int c = 0; c < n.length; c++) {
                n[c] += o.n[c];
                sum[c] += o.sum[c];
                sq[c] += o.sq[c];
            }
            return this;
        }
    }

    /** The scaler of the given moments. */
    public static FeatureScaler fit(Moments m, MomentumSlots slots) {
        int features = m.n.length;
        double[] shift = new double[features];
        double[] scale = new double[features];
        boolean[] momentum = new boolean[features];
        for (int k = 0; k < slots.objects(); k++) {
            int[] comps = slots.pz()[k] >= 0
                    ? new int[] {slots.px()[k], slots.py()[k], slots.pz()[k]}
                    : new int[] {slots.px()[k], slots.py()[k]};
            double sq = 0;
            long n = 0;
            for (int c : comps) {
                sq += m.sq[c];
                n += m.n[c];
            }
            double rms = n == 0 ? 1 : Math.sqrt(sq / n);
            for (int c : comps) {
                momentum[c] = true;
                shift[c] = 0;
                scale[c] = rms > 0 ? rms : 1;
            }
        }
        for (int c = 0; c < features; c++) {
            if (momentum[c]) {
                continue;
            }
            long n = m.n[c];
            double mean = n == 0 ? 0 : m.sum[c] / n;
            double var = n == 0 ? 1 : m.sq[c] / n - mean * mean;
            shift[c] = mean;
            scale[c] = var > 1e-24 ? Math.sqrt(var) : 1;
        }
        return new FeatureScaler(shift, scale);
    }

    /** Scaled values as floats, missing → 0. */
    public float[] transform(double[] x) {
        int f = shift.length;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            int c = i % f;
            out[i] = Double.isNaN(v) ? 0f : (float) ((v - shift[c]) / scale[c]);
        }
        return out;
    }

    public double[] shift() {
        return shift.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    @Override
    public String toString() {
        return "FeatureScaler" + Arrays.toString(scale);
    }
}
