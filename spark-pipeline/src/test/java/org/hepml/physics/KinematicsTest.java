package org.hepml.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KinematicsTest {
    private static final double PI = Math.PI;

    @Test
    void wrapPhiIntoHalfOpenInterval() {
        assertEquals(PI, Kinematics.wrapPhi(PI));
        assertEquals(PI, Kinematics.wrapPhi(-PI)); // −π belongs to (−π, π] as π
        assertEquals(-PI / 2, Kinematics.wrapPhi(3 * PI / 2), 1e-15);
        assertEquals(0.5, Kinematics.wrapPhi(0.5 + 4 * PI), 1e-12);
        assertEquals(-3.0, Kinematics.deltaPhi(-3.0 + 2 * PI, 0), 1e-12);
        assertEquals(0.2, Kinematics.deltaPhi(-PI + 0.1, PI - 0.1), 1e-12); // across the ±π seam
    }

    @Test
    void massesByHand() {
        // two 40 GeV massless objects back to back in φ at η = 0: m = 80
        assertEquals(80.0, Kinematics.masslessPairMass(40, 0, 0, 40, 0, PI), 1e-12);
        // same pair from four-vectors
        LorentzVector a = LorentzVector.fromPtEtaPhiM(40, 0.7, 0.3, 0);
        LorentzVector b = LorentzVector.fromPtEtaPhiM(25, -1.1, 2.0, 0);
        assertEquals(a.plus(b).mass(), Kinematics.masslessPairMass(40, 0.7, 0.3, 25, -1.1, 2.0), 1e-9);
        // transverse mass: perpendicular 30 and 40 → sqrt(2·30·40)
        assertEquals(Math.sqrt(2400), Kinematics.transverseMass(30, 0, 40, PI / 2), 1e-12);
        assertEquals(Math.hypot(0.3, 1.0), Kinematics.deltaR(0.5, 0.2, 0.2, 1.2), 1e-12);
    }

    @Test
    void lorentzVectorRoundTripsAndBoosts() {
        LorentzVector v = LorentzVector.fromPtEtaPhiM(50, -1.3, 2.5, 10);
        assertEquals(50, v.pt(), 1e-12);
        assertEquals(-1.3, v.eta(), 1e-12);
        assertEquals(2.5, v.phi(), 1e-12);
        assertEquals(10, v.mass(), 1e-9);
        LorentzVector boosted = v.boost(0.3, -0.2, 0.5);
        assertEquals(10, boosted.mass(), 1e-9); // mass is invariant
        LorentzVector back = boosted.boost(-0.3, 0.2, -0.5); // not the exact inverse (Wigner rotation) in general,
        assertEquals(v.e(), v.boost(0, 0, 0.6).boost(0, 0, -0.6).e(), 1e-9); // but collinear boosts invert exactly
        assertEquals(10, back.mass(), 1e-9);
        LorentzVector y = LorentzVector.fromPtRapidityPhiM(20, 0.8, 0, 5);
        assertEquals(0.8, 0.5 * Math.log((y.e() + y.pz()) / (y.e() - y.pz())), 1e-12);
    }
}
