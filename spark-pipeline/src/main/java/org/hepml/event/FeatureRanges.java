package org.hepml.event;

/**
 * The physically possible range of each HiggsML feature, for telling a corrupt value from an unusual event:
 * angles φ in [−π, π] (to the files' 3 decimals), pseudorapidities within ±10, centralities and η products and
 * differences within their definitions' bounds, and energies, masses and momenta non-negative and below the LHC's
 * 14 TeV collision energy. A value outside is no measurement of a 13 TeV event.
 */
public final class FeatureRanges {
    /** The LHC's design collision energy in GeV: no energy, mass or momentum of an event exceeds it. */
    public static final double COLLISION_ENERGY_GEV = 14_000;

    private FeatureRanges() {}

    /** {min, max} of a feature (inclusive). */
    public static double[] of(String feature) {
        switch (feature) {
            case HiggsEventSchema.JET_COUNT:
                return new double[] {0, HiggsEventSchema.MAX_JET_COUNT};
            case "DER_deltaeta_jet_jet":
            case "DER_deltar_tau_lep":
                return new double[] {0, 20};
            case "DER_prodeta_jet_jet":
                return new double[] {-100, 100};
            case "DER_lep_eta_centrality":
                return new double[] {0, 1};
            case "DER_met_phi_centrality":
                return new double[] {-1.5, 1.5}; // ≤ √2 by its definition
            case "DER_pt_ratio_lep_tau":
                return new double[] {0, COLLISION_ENERGY_GEV};
            default:
                if (feature.endsWith("_phi")) {
                    return new double[] {-Math.PI - 1e-3, Math.PI + 1e-3};
                }
                if (feature.endsWith("_eta")) {
                    return new double[] {-10, 10};
                }
                return new double[] {0, COLLISION_ENERGY_GEV};
        }
    }

    /** Null when {@code value} is possible for {@code feature}, else why not. */
    public static String check(String feature, double value) {
        double[] r = of(feature);
        if (value >= r[0] && value <= r[1]) {
            return null;
        }
        return String.format("%s = %s is outside its physical range [%s, %s]", feature, value, trim(r[0]), trim(r[1]));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.4f", v);
    }
}
