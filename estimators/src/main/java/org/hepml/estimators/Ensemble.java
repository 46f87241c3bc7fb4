package org.hepml.estimators;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hepml.dnn.FeatureScaler;
import org.hepml.dnn.InferenceNetwork;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.symmetry.SymmetryTransform;
import org.hepml.symmetry.TestTimeGrid;

/**
 * What a trained ensemble is: the members (each its flattened parameters, in {@link NetworkSpec#layout()}'s order),
 * their weights (∝ 1 / validation loss,
 * summing to 1), the input scaler and the feature names. Shipped to executors by broadcast; each JVM restores the
 * members once into {@link InferenceNetwork}s, which are thread-safe and score each row independently of its batch.
 */
final class Ensemble implements Serializable {
    private static final long serialVersionUID = 1L;

    final NetworkSpec spec;
    final List<String> featureNames;
    final FeatureScaler scaler;
    final float[][] members;
    final double[] weights;
    final double[] validationLoss;
    /**
     * Per member and epoch: member, epoch, train loss, validation loss, SWA validation loss, learning rate, seconds
     * (empty when loaded).
     */
    final List<double[]> trainingLog;
    /** How the ensemble was made: see {@link Provenance}. */
    final Map<String, Object> provenance;

    private transient InferenceNetwork[] restored;

    Ensemble(
            NetworkSpec spec,
            List<String> featureNames,
            FeatureScaler scaler,
            float[][] members,
            double[] validationLoss,
            List<double[]> trainingLog,
            Map<String, Object> provenance) {
        this.spec = spec;
        this.featureNames = List.copyOf(featureNames);
        this.scaler = scaler;
        this.members = members;
        this.trainingLog = List.copyOf(trainingLog);
        this.provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        this.validationLoss = validationLoss.clone();
        double[] inv = new double[validationLoss.length];
        double sum = 0;
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1.0 / validationLoss[i];
            sum += inv[i];
        }
        for (int i = 0; i < inv.length; i++) {
            inv[i] /= sum;
        }
        this.weights = inv;
    }

    /** A freshly trained ensemble: its members, their log, and how it was made. */
    static Ensemble trained(
            NetworkSpec spec,
            List<String> featureNames,
            FeatureScaler scaler,
            TrainedMembers t,
            Map<String, Object> provenance) {
        return new Ensemble(spec, featureNames, scaler, t.params(), t.validationLoss(), t.log(), provenance);
    }

    /** What the ensemble's numbers take in memory: members' float parameters, scaler, weights and losses. */
    long bytes() {
        long b = 0;
        for (float[] m : members) {
            b += 4L * m.length;
        }
        return b + 8L * (2L * featureNames.size() + weights.length + validationLoss.length);
    }

    /** The members' forward passes, restored once per JVM (thread-safe, so shared by all tasks). */
    private synchronized InferenceNetwork[] networks() {
        if (restored == null) {
            InferenceNetwork[] nets = new InferenceNetwork[members.length];
            for (int i = 0; i < nets.length; i++) {
                try {
                    nets[i] = InferenceNetwork.of(members[i], spec);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("ensemble member " + i + ": " + e.getMessage(), e);
                }
            }
            restored = nets;
        }
        return restored;
    }

    /**
     * Signal probabilities of a batch of raw rows (row-major doubles, NaN missing): the weighted mean over members
     * of each member's mean over the test-time grid of {@code variants} transforms (1: none). With
     * {@code perMember} non-null ([members][rows]), each member's own grid mean goes there too.
     */
    float[] predict(double[] raw, float[] jets, int rows, int variants, float[][] perMember) {
        int f = featureNames.size();
        float[] scaled = scaler.transform(Arrays.copyOf(raw, rows * f));
        MomentumSlots slots = MomentumSlots.of(featureNames);
        List<SymmetryTransform> grid = TestTimeGrid.ofSize(variants);
        InferenceNetwork[] nets = networks();
        double[] sum = new double[rows];
        // with a grid, each member computes every variant at once (the invariant share once per event); the sums
        // run in the same order either way: variant by variant, member by member
        float[][][] byVariant = new float[nets.length][][];
        float[] buffer = grid.size() == 1 ? new float[rows * f] : null;
        if (buffer == null) {
            for (int m = 0; m < nets.length; m++) {
                byVariant[m] = nets[m].predictGrid(scaled, jets, rows, f, slots, grid);
            }
        }
        for (int v = 0; v < grid.size(); v++) {
            SymmetryTransform t = grid.get(v);
            if (buffer != null) {
                System.arraycopy(scaled, 0, buffer, 0, rows * f);
                if (!t.equals(SymmetryTransform.IDENTITY)) {
                    for (int r = 0; r < rows; r++) {
                        t.applyToRow(buffer, r * f, slots.px(), slots.py(), slots.pz());
                    }
                }
            }
            for (int m = 0; m < nets.length; m++) {
                float[] p = buffer != null ? nets[m].predict(buffer, jets, rows, f) : byVariant[m][v];
                for (int r = 0; r < rows; r++) {
                    sum[r] += weights[m] * p[r];
                }
                if (perMember != null) {
                    float[] own = perMember[m];
                    if (v == 0) {
                        Arrays.fill(own, 0, rows, 0f);
                    }
                    for (int r = 0; r < rows; r++) {
                        own[r] += p[r] / grid.size();
                    }
                }
            }
        }
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = (float) (sum[r] / grid.size());
        }
        return out;
    }
}
