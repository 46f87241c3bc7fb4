package org.hepml.ams;

/**
 * The bootstrap mean cut and its figures: the mean of the resamples' optimal cuts, the mean and standard
 * deviation of their maximal AMS, the AMS at the mean cut on the whole set, and the overall maximal AMS with its
 * cut. The per-resample values and the whole set's AMS-vs-cut curve ({cuts descending, AMS}, at most
 * {@link #CURVE_POINTS} points) are kept for plots.
 */
public record BootstrapResult(
        int resamples,
        double meanCut,
        double cutStd,
        double amsMean,
        double amsStd,
        double amsAtMeanCut,
        double amsMax,
        double cutAtMax,
        double[] resampleAms,
        double[] resampleCuts,
        double[][] curve) {
    /** Points of the AMS-vs-cut curve at most. */
    public static final int CURVE_POINTS = 1000;
}
