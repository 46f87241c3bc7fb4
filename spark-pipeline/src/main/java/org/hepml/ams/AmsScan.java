package org.hepml.ams;

/**
 * AMS of every cut "score ≥ c" at once: one walk down the sorted groups with running sums of selected signal and
 * background weight, each scaled by a factor per class (a uniform subset factor N/n, or class-total factors).
 * Optionally under a resample's multiplicities (events with multiplicity 0 offer no candidate cut).
 */
public final class AmsScan {
    private AmsScan() {}

    /** The best cut of one scan: AMS, the cut, and the scaled s and b it selects. */
    public record Best(double ams, double cut, double s, double b) {}

    /**
     * Maximum AMS over every candidate cut; the highest cut wins ties. A scan in which no cut gives a positive AMS
     * (no signal selected) returns AMS 0 at its highest candidate cut, so a cut is always finite.
     */
    public static Best best(
            SortedScores ev, double signalScale, double backgroundScale, double br, int[] multiplicity) {
        Ams.checkBr(br);
        double s = 0;
        double b = 0;
        Best best = new Best(0.0, Double.POSITIVE_INFINITY, 0, 0);
        for (int g = 0; g < ev.groups(); g++) {
            boolean present = multiplicity == null;
            for (int k = ev.groupStart(g); k < ev.groupStart(g + 1); k++) {
                int m = multiplicity == null ? 1 : multiplicity[k];
                if (m == 0) {
                    continue;
                }
                present = true;
                if (ev.signal(k)) {
                    s += m * ev.weight(k);
                } else {
                    b += m * ev.weight(k);
                }
            }
            if (!present) {
                continue;
            }
            double a = Ams.ams(signalScale * s, backgroundScale * b, br);
            if (a > best.ams() || best.cut() == Double.POSITIVE_INFINITY) {
                best = new Best(a, ev.groupScore(g), signalScale * s, backgroundScale * b);
            }
        }
        return best;
    }

    /** AMS selecting score ≥ cut on all events. */
    public static double at(SortedScores ev, double cut, double signalScale, double backgroundScale, double br) {
        double s = 0;
        double b = 0;
        for (int g = 0; g < ev.groups() && ev.groupScore(g) >= cut; g++) {
            for (int k = ev.groupStart(g); k < ev.groupStart(g + 1); k++) {
                if (ev.signal(k)) {
                    s += ev.weight(k);
                } else {
                    b += ev.weight(k);
                }
            }
        }
        return Ams.ams(signalScale * s, backgroundScale * b, br);
    }

    /**
     * AMS against cut on all events, at most {@code points} points (evenly spaced in event rank), for plots:
     * {cut[], ams[]}, cuts descending.
     */
    public static double[][] curve(SortedScores ev, double signalScale, double backgroundScale, double br, int points) {
        int groups = ev.groups();
        int step = Math.max(1, (groups + points - 1) / Math.max(1, points));
        int n = (groups + step - 1) / step;
        double[] cuts = new double[n];
        double[] ams = new double[n];
        double s = 0;
        double b = 0;
        int p = 0;
        for (int g = 0; g < groups; g++) {
            for (int k = ev.groupStart(g); k < ev.groupStart(g + 1); k++) {
                if (ev.signal(k)) {
                    s += ev.weight(k);
                } else {
                    b += ev.weight(k);
                }
            }
            if (g % step == 0 && p < n) {
                cuts[p] = ev.groupScore(g);
                ams[p++] = Ams.ams(signalScale * s, backgroundScale * b, br);
            }
        }
        return new double[][] {cuts, ams};
    }
}
