package org.hepml.event;

import java.util.Optional;

/**
 * A reconstructed object of a HiggsML event that carries a momentum: its columns in (pT, η, φ) and, after
 * conversion, in Cartesian (px, py, pz). The missing transverse momentum has no η (and so no pz).
 *
 * <p>Jets are absent (null) when the event has fewer jets than the object needs.
 */
public enum PhysicsObject {
    TAU("PRI_tau", "PRI_tau_pt", "PRI_tau_eta", "PRI_tau_phi", 0),
    LEPTON("PRI_lep", "PRI_lep_pt", "PRI_lep_eta", "PRI_lep_phi", 0),
    MET("PRI_met", "PRI_met", null, "PRI_met_phi", 0),
    LEADING_JET("PRI_jet_leading", "PRI_jet_leading_pt", "PRI_jet_leading_eta", "PRI_jet_leading_phi", 1),
    SUBLEADING_JET(
            "PRI_jet_subleading", "PRI_jet_subleading_pt", "PRI_jet_subleading_eta", "PRI_jet_subleading_phi", 2);

    private final String prefix;
    private final String pt;
    private final String eta;
    private final String phi;
    private final int jetsNeeded;

    PhysicsObject(String prefix, String pt, String eta, String phi, int jetsNeeded) {
        this.prefix = prefix;
        this.pt = pt;
        this.eta = eta;
        this.phi = phi;
        this.jetsNeeded = jetsNeeded;
    }

    public String ptColumn() {
        return pt;
    }

    /** The η column; empty for the missing transverse momentum. */
    public Optional<String> etaColumn() {
        return Optional.ofNullable(eta);
    }

    public String phiColumn() {
        return phi;
    }

    public boolean hasEta() {
        return eta != null;
    }

    public String pxColumn() {
        return prefix + "_px";
    }

    public String pyColumn() {
        return prefix + "_py";
    }

    /** The pz column; empty for the missing transverse momentum. */
    public Optional<String> pzColumn() {
        return hasEta() ? Optional.of(prefix + "_pz") : Optional.empty();
    }

    /** The smallest {@code PRI_jet_num} for which this object is present (0 for tau, lepton and met). */
    public int jetsNeeded() {
        return jetsNeeded;
    }
}
