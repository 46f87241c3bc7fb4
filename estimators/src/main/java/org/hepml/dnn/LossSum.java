package org.hepml.dnn;

import java.io.Serializable;

/**
 * The weighted binary cross-entropy of a set of rows as its two sums, Σ w·bce and Σ w (probabilities clipped to
 * [1e-7, 1 − 1e-7]): the one loss every training mode logs and selects on. Sums of parts merge, so a loss computed
 * partition by partition is the same loss.
 */
public final class LossSum implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double EPS = 1e-7;

    private double weightedLoss;
    private double weight;

    /** Adds rows: probabilities {@code p}, labels {@code y} (1 signal), weights {@code w}; the first {@code n}. */
    public LossSum add(float[] p, float[] y, float[] w, int n) {
        for (int i = 0; i < n; i++) {
            double q = Math.min(1 - EPS, Math.max(EPS, p[i]));
            double l = y[i] == 1f ? -Math.log(q) : -Math.log(1 - q);
            weightedLoss += w[i] * l;
            weight += w[i];
        }
        return this;
    }

    /** Adds another set of rows (in place). */
    public LossSum merge(LossSum other) {
        weightedLoss += other.weightedLoss;
        weight += other.weight;
        return this;
    }

    /** Σ w·bce / Σ w; NaN for no weight. */
    public double mean() {
        return weight > 0 ? weightedLoss / weight : Double.NaN;
    }
}
