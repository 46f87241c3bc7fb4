package org.hepml.physics;

/**
 * The 17 primary (PRI_) features of a HiggsML event, in the order of {@code HiggsEventSchema.primaryFeatures()}.
 * Absent jets are NaN here (null in Parquet, -999.0 in the challenge files).
 */
public record PrimaryFeatures(
        double tauPt,
        double tauEta,
        double tauPhi,
        double lepPt,
        double lepEta,
        double lepPhi,
        double met,
        double metPhi,
        double metSumet,
        int jetNum,
        double leadingJetPt,
        double leadingJetEta,
        double leadingJetPhi,
        double subleadingJetPt,
        double subleadingJetEta,
        double subleadingJetPhi,
        double jetAllPt) {

    /** The values in schema order (jet count as a double). */
    public double[] toArray() {
        return new double[] {
            tauPt,
            tauEta,
            tauPhi,
            lepPt,
            lepEta,
            lepPhi,
            met,
            metPhi,
            metSumet,
            jetNum,
            leadingJetPt,
            leadingJetEta,
            leadingJetPhi,
            subleadingJetPt,
            subleadingJetEta,
            subleadingJetPhi,
            jetAllPt
        };
    }

    /** From values in schema order, NaN for absent. */
    public static PrimaryFeatures fromArray(double[] v) {
        if (v.length != 17) {
            throw new IllegalArgumentException("expected 17 primary features, got " + v.length);
        }
        return new PrimaryFeatures(
                v[0],
                v[1],
                v[2],
                v[3],
                v[4],
                v[5],
                v[6],
                v[7],
                v[8],
                (int) v[9],
                v[10],
                v[11],
                v[12],
                v[13],
                v[14],
                v[15],
                v[16]);
    }
}
