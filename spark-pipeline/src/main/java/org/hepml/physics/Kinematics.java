package org.hepml.physics;

/** Collider kinematics on (pT, η, φ): angles, separations, masses. Pure functions, no state. */
public final class Kinematics {
    private Kinematics() {}

    /** φ wrapped into (−π, π]. */
    public static double wrapPhi(double phi) {
        double w = Math.IEEEremainder(phi, 2 * Math.PI);
        return w <= -Math.PI ? w + 2 * Math.PI : w;
    }

    /** φ1 − φ2 wrapped into (−π, π]. */
    public static double deltaPhi(double phi1, double phi2) {
        return wrapPhi(phi1 - phi2);
    }

    /** ΔR = sqrt(Δη² + Δφ²). */
    public static double deltaR(double eta1, double phi1, double eta2, double phi2) {
        return Math.hypot(eta1 - eta2, deltaPhi(phi1, phi2));
    }

    /** Invariant mass of two massless objects: m² = 2 pT1 pT2 (cosh Δη − cos Δφ). */
    public static double masslessPairMass(double pt1, double eta1, double phi1, double pt2, double eta2, double phi2) {
        double m2 = 2 * pt1 * pt2 * (Math.cosh(eta1 - eta2) - Math.cos(phi1 - phi2));
        return m2 > 0 ? Math.sqrt(m2) : 0.0;
    }

    /** Transverse mass of a visible object and the missing transverse momentum: sqrt(2 pT MET (1 − cos Δφ)). */
    public static double transverseMass(double pt, double phi, double met, double metPhi) {
        double m2 = 2 * pt * met * (1 - Math.cos(phi - metPhi));
        return m2 > 0 ? Math.sqrt(m2) : 0.0;
    }
}
