package org.hepml.physics;

/** A four-momentum (px, py, pz, E) in GeV, with the collider coordinates (pT, η, φ) derived from it. */
public record LorentzVector(double px, double py, double pz, double e) {

    /** From transverse momentum, pseudorapidity, azimuth and mass. */
    public static LorentzVector fromPtEtaPhiM(double pt, double eta, double phi, double m) {
        double px = pt * Math.cos(phi);
        double py = pt * Math.sin(phi);
        double pz = pt * Math.sinh(eta);
        double p2 = pt * pt + pz * pz;
        return new LorentzVector(px, py, pz, Math.sqrt(p2 + m * m));
    }

    /** From transverse momentum, rapidity, azimuth and mass. */
    public static LorentzVector fromPtRapidityPhiM(double pt, double y, double phi, double m) {
        double mt = Math.sqrt(pt * pt + m * m);
        return new LorentzVector(pt * Math.cos(phi), pt * Math.sin(phi), mt * Math.sinh(y), mt * Math.cosh(y));
    }

    public LorentzVector plus(LorentzVector o) {
        return new LorentzVector(px + o.px, py + o.py, pz + o.pz, e + o.e);
    }

    public LorentzVector scale(double f) {
        return new LorentzVector(f * px, f * py, f * pz, f * e);
    }

    public double pt() {
        return Math.hypot(px, py);
    }

    public double p() {
        return Math.sqrt(px * px + py * py + pz * pz);
    }

    /** Invariant mass; a tiny negative m² from rounding gives 0. */
    public double mass() {
        double m2 = e * e - px * px - py * py - pz * pz;
        return m2 > 0 ? Math.sqrt(m2) : 0.0;
    }

    public double phi() {
        return Math.atan2(py, px);
    }

    /** Pseudorapidity, asinh(pz / pT). */
    public double eta() {
        double pt = pt();
        return Math.log((pz + Math.sqrt(pt * pt + pz * pz)) / pt);
    }

    /** This vector seen in a frame moving with velocity (bx, by, bz) (units of c) relative to the current one. */
    public LorentzVector boost(double bx, double by, double bz) {
        double b2 = bx * bx + by * by + bz * bz;
        if (b2 == 0) {
            return this;
        }
        double gamma = 1.0 / Math.sqrt(1.0 - b2);
        double bp = bx * px + by * py + bz * pz;
        double g2 = (gamma - 1.0) / b2;
        return new LorentzVector(
                px + g2 * bp * bx + gamma * bx * e,
                py + g2 * bp * by + gamma * by * e,
                pz + g2 * bp * bz + gamma * bz * e,
                gamma * (e + bp));
    }
}
