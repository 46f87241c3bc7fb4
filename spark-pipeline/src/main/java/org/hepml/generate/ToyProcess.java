package org.hepml.generate;

/** The physics processes of the toy generator. */
public enum ToyProcess {
    /** Signal: a 125 GeV scalar to a tau pair, one tau to a lepton, one to hadrons; harder boson pT, VBF-like jets. */
    HIGGS_TAUTAU(true),
    /** Irreducible background: Z(91) to a tau pair with the same decays. */
    Z_TAUTAU(false),
    /** Reducible background: a W to lepton + neutrino plus a jet faking the hadronic tau; a broad mass continuum. */
    W_FAKE_TAU(false);

    private final boolean signal;

    ToyProcess(boolean signal) {
        this.signal = signal;
    }

    public boolean isSignal() {
        return signal;
    }
}
