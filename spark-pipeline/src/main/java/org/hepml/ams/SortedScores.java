package org.hepml.ams;

import java.util.Arrays;

/**
 * Scored events sorted by score, descending, with events of equal score grouped: a cut "score ≥ c" selects
 * whole groups, so tied events are always selected or rejected together. Built once (O(N log N)); every scan
 * and resample then walks the groups.
 */
public final class SortedScores {
    private final double[] groupScore; // distinct scores, descending
    private final int[] groupStart; // first event of each group in sorted order; length groups + 1
    private final double[] weight; // per event, sorted order
    private final boolean[] signal;
    private final long[] eventId;
    private final double totalSignal;
    private final double totalBackground;

    private SortedScores(double[] groupScore, int[] groupStart, double[] weight, boolean[] signal, long[] eventId) {
        this.groupScore = groupScore;
        this.groupStart = groupStart;
        this.weight = weight;
        this.signal = signal;
        this.eventId = eventId;
        double s = 0;
        double b = 0;
        for (int i = 0; i < weight.length; i++) {
            if (signal[i]) {
                s += weight[i];
            } else {
                b += weight[i];
            }
        }
        this.totalSignal = s;
        this.totalBackground = b;
    }

    /**
     * Sorts events by score. Labels are 1 (signal) or 0 (background); weights must be finite and non-negative;
     * scores finite. Event ids key the Poisson resampling (any distinct longs will do; null uses 0..n−1).
     */
    public static SortedScores of(double[] scores, double[] labels, double[] weights, long[] eventIds) {
        int n = scores.length;
        if (labels.length != n || weights.length != n || (eventIds != null && eventIds.length != n)) {
            throw new IllegalArgumentException("scores, labels, weights and ids differ in length");
        }
        if (n == 0) {
            throw new IllegalArgumentException("no events to evaluate");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score of event " + i + " is not a finite number: " + scores[i]);
            }
            if (labels[i] != 0.0 && labels[i] != 1.0) {
                throw new IllegalArgumentException("label of event " + i + " must be 0 or 1, got " + labels[i]);
            }
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException(
                        "weight of event " + i + " must be finite and non-negative, got " + weights[i]);
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] w = new double[n];
        boolean[] sig = new boolean[n];
        long[] ids = new long[n];
        double[] gs = new double[n];
        int[] start = new int[n + 1];
        int groups = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            w[k] = weights[i];
            sig[k] = labels[i] == 1.0;
            ids[k] = eventIds == null ? i : eventIds[i];
            if (k == 0 || scores[i] != gs[groups - 1]) {
                gs[groups] = scores[i];
                start[groups] = k;
                groups++;
            }
        }
        start[groups] = n;
        return new SortedScores(Arrays.copyOf(gs, groups), Arrays.copyOf(start, groups + 1), w, sig, ids);
    }

    public int events() {
        return weight.length;
    }

    public int groups() {
        return groupScore.length;
    }

    public double groupScore(int g) {
        return groupScore[g];
    }

    int groupStart(int g) {
        return groupStart[g];
    }

    double weight(int k) {
        return weight[k];
    }

    boolean signal(int k) {
        return signal[k];
    }

    long eventId(int k) {
        return eventId[k];
    }

    public double totalSignal() {
        return totalSignal;
    }

    public double totalBackground() {
        return totalBackground;
    }
}
