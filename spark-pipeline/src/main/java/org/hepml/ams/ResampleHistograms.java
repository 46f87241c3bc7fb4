package org.hepml.ams;

import java.io.Serializable;

/**
 * The distributed bootstrap's accumulator: for a chunk of resamples, per score bin, the Poisson-weighted sums of
 * signal and background weight and the number of drawn events. Events are added where they live (a Spark
 * partition) and accumulators merged; each resample's best cut is then a scan down the bins. With the same
 * (seed, EventId) the resamples are those of the in-memory path, so the two agree up to the bin width.
 */
public final class ResampleHistograms implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int firstResample;
    private final int resamples;
    private final int bins;
    private final double lo;
    private final double width;
    private final long seed;
    private final boolean resampled;
    private final double[] signal; // [resample * bins + bin]
    private final double[] background;
    private final int[] drawn;

    public ResampleHistograms(int firstResample, int resamples, int bins, double lo, double hi, long seed) {
        this(firstResample, resamples, bins, lo, hi, seed, true);
    }

    /** The whole set, each event counted once: for the overall maximal AMS. */
    public static ResampleHistograms wholeSet(int bins, double lo, double hi) {
        return new ResampleHistograms(0, 1, bins, lo, hi, 0, false);
    }

    private ResampleHistograms(
            int firstResample, int resamples, int bins, double lo, double hi, long seed, boolean resampled) {
        if (bins < 1 || !(hi > lo)) {
            throw new IllegalArgumentException(
                    "need bins >= 1 and hi > lo, got " + bins + " bins on [" + lo + ", " + hi + "]");
        }
        this.firstResample = firstResample;
        this.resamples = resamples;
        this.bins = bins;
        this.lo = lo;
        this.width = (hi - lo) / bins;
        this.seed = seed;
        this.resampled = resampled;
        this.signal = new double[resamples * bins];
        this.background = new double[resamples * bins];
        this.drawn = new int[resamples * bins];
    }

    /** The bin of a score; scores at the top edge fall in the last bin. */
    public int bin(double score) {
        int b = (int) Math.floor((score - lo) / width);
        return Math.max(0, Math.min(bins - 1, b));
    }

    /** The cut of a bin: its lower edge (select score ≥ edge). */
    public double edge(int bin) {
        return lo + bin * width;
    }

    public double binWidth() {
        return width;
    }

    public ResampleHistograms add(double score, boolean isSignal, double weight, long eventId) {
        int b = bin(score);
        for (int j = 0; j < resamples; j++) {
            int m = resampled ? PoissonOne.multiplicity(seed, eventId, firstResample + j) : 1;
            if (m == 0) {
                continue;
            }
            int at = j * bins + b;
            if (isSignal) {
                signal[at] += m * weight;
            } else {
                background[at] += m * weight;
            }
            drawn[at] += m;
        }
        return this;
    }

    public ResampleHistograms merge(ResampleHistograms o) {
        for (int i = 0; i < signal.length; i++) {
            signal[i] += o.signal[i];
            background[i] += o.background[i];
            drawn[i] += o.drawn[i];
        }
        return this;
    }

    /** The best cut of resample {@code firstResample + j}: a scan from the top bin down; the highest cut wins ties. */
    public AmsScan.Best best(int j, double signalScale, double backgroundScale, double br) {
        double s = 0;
        double b = 0;
        AmsScan.Best best = new AmsScan.Best(0.0, Double.POSITIVE_INFINITY, 0, 0);
        for (int bin = bins - 1; bin >= 0; bin--) {
            int at = j * bins + bin;
            if (drawn[at] == 0) {
                continue;
            }
            s += signal[at];
            b += background[at];
            double a = Ams.ams(signalScale * s, backgroundScale * b, br);
            if (a > best.ams() || best.cut() == Double.POSITIVE_INFINITY) {
                best = new AmsScan.Best(a, edge(bin), signalScale * s, backgroundScale * b);
            }
        }
        return best;
    }

    /** AMS against cut (bin edges, descending) of histogram j, at most {@code points} points: {cuts, ams}. */
    public double[][] curve(int j, double signalScale, double backgroundScale, double br, int points) {
        int step = Math.max(1, (bins + points - 1) / points);
        double[] cuts = new double[(bins + step - 1) / step];
        double[] ams = new double[cuts.length];
        double s = 0;
        double b = 0;
        int p = 0;
        for (int i = 0; i < bins; i++) {
            int bin = bins - 1 - i;
            s += signal[j * bins + bin];
            b += background[j * bins + bin];
            if (i % step == 0) {
                cuts[p] = edge(bin);
                ams[p++] = Ams.ams(signalScale * s, backgroundScale * b, br);
            }
        }
        return new double[][] {cuts, ams};
    }

    public int resamples() {
        return resamples;
    }

    public int firstResample() {
        return firstResample;
    }
}
