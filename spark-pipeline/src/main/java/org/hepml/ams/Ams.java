package org.hepml.ams;

/**
 * The Approximate Median Significance of the HiggsML challenge:
 * AMS = sqrt(2 [(s + b + b_r) ln(1 + s / (b + b_r)) − s]), with s and b the sums of weights of true signal and
 * true background among the selected events and the regularisation b_r (10 in the challenge).
 */
public final class Ams {
    /** The challenge's regularisation term. */
    public static final double DEFAULT_BR = 10.0;

    private Ams() {}

    /** AMS of s signal and b background (expected events), with regularisation br > 0; 0 when s is 0. */
    public static double ams(double s, double b, double br) {
        if (!(s >= 0) || !(b >= 0)) {
            throw new IllegalArgumentException("AMS needs non-negative s and b, got s = " + s + ", b = " + b);
        }
        checkBr(br);
        if (s == 0) {
            return 0.0;
        }
        double bb = b + br;
        double radicand = 2 * ((s + bb) * Math.log1p(s / bb) - s);
        return radicand > 0 ? Math.sqrt(radicand) : 0.0;
    }

    static void checkBr(double br) {
        if (!(br > 0) || Double.isInfinite(br)) {
            throw new IllegalArgumentException("the AMS regularisation b_r must be positive and finite, got " + br);
        }
    }
}
