package org.hepml.generate;

import java.io.Serializable;
import java.util.Arrays;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.weights.ClassTotals;
import org.hepml.physics.DerivedFeatures;
import org.hepml.physics.Kinematics;
import org.hepml.physics.LorentzVector;
import org.hepml.physics.PrimaryFeatures;
import org.hepml.random.EventRandom;
import org.hepml.random.RandomStreams;

/**
 * A toy, not a simulation of ATLAS: HiggsML-schema events from a few lines of physics, for demos and the
 * project's tests (the repository holds no real data).
 *
 * <ul>
 *   <li>Signal: a 125 GeV boson to ττ; background: Z(91)→ττ, and W→ℓν with a jet faking the hadronic tau (a broad
 *       continuum). One tau decays to a lepton, the other to hadrons; the visible products take a fraction of
 *       the tau's momentum along its direction (collinear), the neutrinos the rest.</li>
 *   <li>0–3 jets (pT above 30 GeV, |η| below 4.5), more and more forward (VBF-like) in signal; the boson recoils
 *       against them. Momenta are smeared (lepton 2 %, tau 8 %, jets 12 %); the missing transverse momentum
 *       is the neutrinos' plus the smearing's imbalance plus noise of 0.5·√ΣE_T.</li>
 *   <li>Selection as in the challenge: lepton and tau pT above 20 GeV within |η| below 2.5. A rejected event is
 *       redrawn from the same per-event random stream.</li>
 *   <li>The derived features come from {@link DerivedFeatures} (the challenge's definitions; the collinear mass
 *       stands in for MMC).</li>
 *   <li>φ is uniform and every η distribution symmetric, so rotations in φ and flips in z and in the transverse
 *       plane are exact symmetries of the generated sample.</li>
 * </ul>
 *
 * <p>Event i (EventId 100000 + i) is drawn from {@code EventRandom(seed, i, ·)} alone: the same seed gives the
 * same events whatever the partitioning. The process of event i follows a cycle of 100 slots (34 signal, 33
 * Z→ττ, 33 W+fake), shuffled once by the seed; so the class counts of N events are known exactly, and the
 * weights (constant per process) make signal and background sum exactly to the given totals — by default the
 * challenge training totals, Z→ττ carrying 20 % of the background weight.
 */
public final class ToyHiggsGenerator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** EventId of the first event, as in the challenge files. */
    public static final long FIRST_EVENT_ID = 100_000L;

    static final int CYCLE = 100;
    private static final int SIGNAL_SLOTS = 34;
    private static final int Z_SLOTS = 33;
    private static final double Z_SHARE_OF_BACKGROUND_WEIGHT = 0.2;
    private static final double TAU_MASS = 1.777;
    private static final double HIGGS_MASS = 125.0;
    private static final double Z_MASS = 91.19;
    private static final double Z_WIDTH = 2.5;
    private static final double W_MASS = 80.4;
    private static final double W_WIDTH = 2.1;
    private static final int MAX_TRIES = 10_000;

    private final long seed;
    private final long events;
    private final ToyProcess[] cycle;
    private final double[] weightOf = new double[ToyProcess.values().length];

    public ToyHiggsGenerator(long seed, long events) {
        this(seed, events, ClassTotals.CHALLENGE_TRAINING);
    }

    public ToyHiggsGenerator(long seed, long events, ClassTotals totals) {
        if (events < 1) {
            throw new IllegalArgumentException("number of events must be at least 1, got " + events);
        }
        this.seed = seed;
        this.events = events;
        this.cycle = shuffledCycle(seed);
        long[] counts = new long[ToyProcess.values().length];
        for (ToyProcess p : cycle) {
            counts[p.ordinal()] += events / CYCLE;
        }
        for (int i = 0; i < events % CYCLE; i++) {
            counts[cycle[i].ordinal()]++;
        }
        double zWeight = totals.background() * Z_SHARE_OF_BACKGROUND_WEIGHT;
        double wWeight = totals.background() - zWeight;
        long nBackground = counts[ToyProcess.Z_TAUTAU.ordinal()] + counts[ToyProcess.W_FAKE_TAU.ordinal()];
        setWeight(ToyProcess.HIGGS_TAUTAU, totals.signal(), counts);
        if (counts[ToyProcess.Z_TAUTAU.ordinal()] == 0 || counts[ToyProcess.W_FAKE_TAU.ordinal()] == 0) {
            // so few events that one background process is absent: the other carries all the background weight
            zWeight = totals.background() * counts[ToyProcess.Z_TAUTAU.ordinal()] / Math.max(1, nBackground);
            wWeight = totals.background() - zWeight;
        }
        setWeight(ToyProcess.Z_TAUTAU, zWeight, counts);
        setWeight(ToyProcess.W_FAKE_TAU, wWeight, counts);
    }

    private void setWeight(ToyProcess p, double total, long[] counts) {
        long n = counts[p.ordinal()];
        weightOf[p.ordinal()] = n == 0 ? 0.0 : total / n;
    }

    private static ToyProcess[] shuffledCycle(long seed) {
        ToyProcess[] c = new ToyProcess[CYCLE];
        for (int i = 0; i < CYCLE; i++) {
            c[i] = i < SIGNAL_SLOTS
                    ? ToyProcess.HIGGS_TAUTAU
                    : i < SIGNAL_SLOTS + Z_SLOTS ? ToyProcess.Z_TAUTAU : ToyProcess.W_FAKE_TAU;
        }
        EventRandom r = RandomStreams.generatorCycle(seed);
        for (int i = CYCLE - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            ToyProcess t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return c;
    }

    public long events() {
        return events;
    }

    /** The process of event i (0-based). */
    public ToyProcess process(long index) {
        return cycle[(int) (index % CYCLE)];
    }

    /** The weight of an event of this process. */
    public double weight(ToyProcess p) {
        return weightOf[p.ordinal()];
    }

    /**
     * Event i as event-Parquet row values ({@code HiggsEventSchema.parquetSchema(true, false)}): EventId, 30
     * features (null where undefined), label, weight, original_weight.
     */
    public Object[] row(long index) {
        ToyProcess p = process(index);
        PrimaryFeatures prim = primaries(index, p);
        double[] der = DerivedFeatures.compute(prim);
        double[] pri = prim.toArray();
        Object[] v = new Object[1 + der.length + pri.length + 3];
        int k = 0;
        v[k++] = FIRST_EVENT_ID + index;
        for (double d : der) {
            v[k++] = Double.isNaN(d) ? null : d;
        }
        for (double d : pri) {
            v[k++] = Double.isNaN(d) ? null : d;
        }
        double w = weight(p);
        v[k++] = p.isSignal() ? 1.0 : 0.0;
        v[k++] = w;
        v[k] = w;
        return v;
    }

    /** The primary features of event i: drawn until the selection passes. */
    PrimaryFeatures primaries(long index, ToyProcess p) {
        EventRandom r = RandomStreams.generatorEvent(seed, index);
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            PrimaryFeatures f =
                    p == ToyProcess.W_FAKE_TAU ? drawWFakeTau(r) : drawTauTau(r, p == ToyProcess.HIGGS_TAUTAU);
            if (f != null) {
                return f;
            }
        }
        throw new IllegalStateException("toy event " + index + " failed the selection " + MAX_TRIES + " times");
    }

    /** Jets of the event, sorted by pT descending: {pt, eta, phi} each. */
    private static double[][] drawJets(EventRandom r, boolean signal) {
        double[] probs = signal ? new double[] {0.30, 0.32, 0.23, 0.15} : new double[] {0.45, 0.33, 0.15, 0.07};
        double u = r.nextDouble();
        int n = 0;
        double cumulative = probs[0];
        while (n < 3 && u >= cumulative) {
            n++;
            cumulative += probs[n];
        }
        boolean vbf = signal && n >= 2 && r.chance(0.5);
        double[][] jets = new double[n][];
        for (int i = 0; i < n; i++) {
            double pt = 30 + r.exponential(signal ? 45 : 32);
            double eta;
            if (vbf && i < 2) {
                double side = (i == 0) == r.chance(0.5) ? 1 : -1;
                eta = side * Math.abs(r.gaussian(2.4, 0.9));
            } else {
                eta = r.gaussian(0, 1.8);
            }
            jets[i] = new double[] {pt, eta, r.uniform(-Math.PI, Math.PI)};
        }
        return jets;
    }

    /** A boson of mass m recoiling against the jets (plus soft radiation), with a rapidity drawn around 0. */
    private static LorentzVector recoilingBoson(EventRandom r, double m, double[][] jets, double ySigma) {
        double px = r.gaussian(0, 8);
        double py = r.gaussian(0, 8);
        for (double[] j : jets) {
            px -= j[0] * Math.cos(j[2]);
            py -= j[0] * Math.sin(j[2]);
        }
        return LorentzVector.fromPtRapidityPhiM(Math.hypot(px, py), r.gaussian(0, ySigma), Math.atan2(py, px), m);
    }

    /** Two-body decay isotropic in the parent's frame; returns the two daughters in the lab. */
    private static LorentzVector[] decay(EventRandom r, LorentzVector parent, double m1, double m2) {
        double m = parent.mass();
        double pStar =
                Math.sqrt(Math.max(0, (m * m - (m1 + m2) * (m1 + m2)) * (m * m - (m1 - m2) * (m1 - m2)))) / (2 * m);
        double cosT = r.uniform(-1, 1);
        double sinT = Math.sqrt(1 - cosT * cosT);
        double phi = r.uniform(-Math.PI, Math.PI);
        double x = pStar * sinT * Math.cos(phi);
        double y = pStar * sinT * Math.sin(phi);
        double z = pStar * cosT;
        LorentzVector d1 = new LorentzVector(x, y, z, Math.sqrt(pStar * pStar + m1 * m1));
        LorentzVector d2 = new LorentzVector(-x, -y, -z, Math.sqrt(pStar * pStar + m2 * m2));
        double bx = parent.px() / parent.e();
        double by = parent.py() / parent.e();
        double bz = parent.pz() / parent.e();
        return new LorentzVector[] {d1.boost(bx, by, bz), d2.boost(bx, by, bz)};
    }

    /** Visible energy fraction of a leptonic tau decay: density (5 − 9x² + 4x³)/3 on [0, 1], by rejection. */
    private static double leptonicFraction(EventRandom r) {
        while (true) {
            double x = r.nextDouble();
            if (r.uniform(0, 5.0 / 3.0) < (5 - 9 * x * x + 4 * x * x * x) / 3.0) {
                return x;
            }
        }
    }

    /** Visible fraction of a hadronic tau decay: a mix of a flat (π-like) and a rising (ρ, a1-like) spectrum. */
    private static double hadronicFraction(EventRandom r) {
        double x = r.chance(0.4) ? r.nextDouble() : Math.max(r.nextDouble(), r.nextDouble());
        return Math.max(x, 0.02);
    }

    private static double breitWigner(EventRandom r, double mass, double width, double lo, double hi) {
        while (true) {
            double m = mass + 0.5 * width * Math.tan(Math.PI * (r.nextDouble() - 0.5));
            if (m > lo && m < hi) {
                return m;
            }
        }
    }

    private PrimaryFeatures drawTauTau(EventRandom r, boolean signal) {
        double[][] jets = drawJets(r, signal);
        double m = signal ? r.gaussian(HIGGS_MASS, 1.0) : breitWigner(r, Z_MASS, Z_WIDTH, 60, 130);
        LorentzVector boson = recoilingBoson(r, m, jets, signal ? 1.3 : 1.6);
        LorentzVector[] taus = decay(r, boson, TAU_MASS, TAU_MASS);
        int lepIndex = r.chance(0.5) ? 0 : 1;
        LorentzVector lepTau = taus[lepIndex];
        LorentzVector hadTau = taus[1 - lepIndex];
        double xl = leptonicFraction(r);
        double xh = hadronicFraction(r);
        LorentzVector lep = lepTau.scale(xl);
        LorentzVector had = hadTau.scale(xh);
        double nuPx = (1 - xl) * lepTau.px() + (1 - xh) * hadTau.px();
        double nuPy = (1 - xl) * lepTau.py() + (1 - xh) * hadTau.py();
        return measure(r, lep, had, nuPx, nuPy, jets);
    }

    private PrimaryFeatures drawWFakeTau(EventRandom r) {
        double[][] jets = drawJets(r, false);
        double fakePt = 20 + r.exponential(22);
        double fakeEta = r.gaussian(0, 1.3);
        double fakePhi = r.uniform(-Math.PI, Math.PI);
        LorentzVector fake = LorentzVector.fromPtEtaPhiM(fakePt, fakeEta, fakePhi, 0);
        double[][] recoil = new double[jets.length + 1][];
        System.arraycopy(jets, 0, recoil, 0, jets.length);
        recoil[jets.length] = new double[] {fakePt, fakeEta, fakePhi};
        LorentzVector w = recoilingBoson(r, breitWigner(r, W_MASS, W_WIDTH, 50, 150), recoil, 1.6);
        LorentzVector[] products = decay(r, w, 0, 0);
        return measure(r, products[0], fake, products[1].px(), products[1].py(), jets);
    }

    /** Smears, selects (null when rejected) and packs the primary features. */
    private static PrimaryFeatures measure(
            EventRandom r, LorentzVector lep, LorentzVector had, double nuPx, double nuPy, double[][] trueJets) {
        double lepPt = lep.pt() * r.gaussian(1, 0.02);
        double tauPt = had.pt() * r.gaussian(1, 0.08);
        double lepEta = lep.eta();
        double tauEta = had.eta();
        if (lepPt < 20 || tauPt < 20 || Math.abs(lepEta) > 2.5 || Math.abs(tauEta) > 2.5) {
            return null;
        }
        double lepPhi = lep.phi();
        double tauPhi = had.phi();
        // the missing momentum balances what was mis-measured, too
        double mx = nuPx - (lepPt - lep.pt()) * Math.cos(lepPhi) - (tauPt - had.pt()) * Math.cos(tauPhi);
        double my = nuPy - (lepPt - lep.pt()) * Math.sin(lepPhi) - (tauPt - had.pt()) * Math.sin(tauPhi);

        double[][] jets = new double[trueJets.length][];
        int n = 0;
        double jetAllPt = 0;
        for (double[] j : trueJets) {
            double pt = j[0] * Math.max(0.1, r.gaussian(1, 0.12));
            mx -= (pt - j[0]) * Math.cos(j[2]);
            my -= (pt - j[0]) * Math.sin(j[2]);
            if (pt > 30 && Math.abs(j[1]) < 4.5) {
                jets[n++] = new double[] {pt, j[1], j[2]};
                jetAllPt += pt;
            }
        }
        Arrays.sort(jets, 0, n, (a, b) -> Double.compare(b[0], a[0]));
        double sumet = lepPt + tauPt + jetAllPt + 60 + r.exponential(80);
        double noise = 0.5 * Math.sqrt(sumet);
        mx += r.gaussian(0, noise);
        my += r.gaussian(0, noise);
        double nan = Double.NaN;
        double[] j1 = n >= 1 ? jets[0] : new double[] {nan, nan, nan};
        double[] j2 = n >= 2 ? jets[1] : new double[] {nan, nan, nan};
        return new PrimaryFeatures(
                tauPt,
                tauEta,
                Kinematics.wrapPhi(tauPhi),
                lepPt,
                lepEta,
                Kinematics.wrapPhi(lepPhi),
                Math.hypot(mx, my),
                Math.atan2(my, mx),
                sumet,
                Math.min(n, HiggsEventSchema.MAX_JET_COUNT),
                j1[0],
                j1[1],
                j1[2],
                j2[0],
                j2[1],
                j2[2],
                jetAllPt);
    }
}
