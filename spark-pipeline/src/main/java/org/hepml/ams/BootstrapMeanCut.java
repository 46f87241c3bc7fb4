package org.hepml.ams;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.hepml.random.RandomStreams;

/**
 * The bootstrap mean cut of the QCHS 2018 study, in memory: R resamples of the events; in each, the cut of
 * maximal AMS by a scan over the sorted scores; the mean of those cuts is the cut to apply to other data.
 * One sort (O(N log N)), then R scans over multiplicity vectors (O(R·N)), resamples in parallel; each
 * resample's random draw depends only on (seed, resample), so the result does not depend on threads.
 */
public final class BootstrapMeanCut {
    /** The reference study's number of resamples. */
    public static final int DEFAULT_RESAMPLES = 512;

    private final int resamples;
    private final long seed;
    private final double br;
    private final Resampling resampling;

    public BootstrapMeanCut(int resamples, long seed, double br, Resampling resampling) {
        if (resamples < 2) {
            throw new IllegalArgumentException("the bootstrap needs at least 2 resamples, got " + resamples);
        }
        Ams.checkBr(br);
        this.resamples = resamples;
        this.seed = seed;
        this.br = br;
        this.resampling = resampling;
    }

    /** Runs the bootstrap; signal and background weights are multiplied by their scales before the AMS. */
    public BootstrapResult run(SortedScores ev, double signalScale, double backgroundScale) {
        requireBothClasses(ev);
        double[] ams = new double[resamples];
        double[] cuts = new double[resamples];
        IntStream.range(0, resamples).parallel().forEach(r -> {
            AmsScan.Best best = AmsScan.best(ev, signalScale, backgroundScale, br, multiplicities(ev, r));
            ams[r] = best.ams();
            cuts[r] = best.cut();
        });
        double meanCut = Moments.mean(cuts);
        AmsScan.Best overall = AmsScan.best(ev, signalScale, backgroundScale, br, null);
        return new BootstrapResult(
                resamples,
                meanCut,
                Moments.std(cuts),
                Moments.mean(ams),
                Moments.std(ams),
                AmsScan.at(ev, meanCut, signalScale, backgroundScale, br),
                overall.ams(),
                overall.cut(),
                ams,
                cuts,
                AmsScan.curve(ev, signalScale, backgroundScale, br, BootstrapResult.CURVE_POINTS));
    }

    /** Multiplicity of each event (in sorted order) in resample r. */
    int[] multiplicities(SortedScores ev, int r) {
        int n = ev.events();
        int[] m = new int[n];
        if (resampling == Resampling.POISSON) {
            for (int k = 0; k < n; k++) {
                m[k] = PoissonOne.multiplicity(seed, ev.eventId(k), r);
            }
        } else {
            SplittableRandom rnd = RandomStreams.bootstrapResample(seed, r);
            for (int j = 0; j < n; j++) {
                m[rnd.nextInt(n)]++;
            }
        }
        return m;
    }

    /** A set without signal or without background has no meaningful cut: a clear error, not a NaN. */
    static void requireBothClasses(SortedScores ev) {
        int signal = 0;
        for (int k = 0; k < ev.events(); k++) {
            signal += ev.signal(k) ? 1 : 0;
        }
        if (signal == 0 || signal == ev.events()) {
            throw new IllegalArgumentException("the AMS needs both signal and background events; all " + ev.events()
                    + " events are " + (signal == 0 ? "background" : "signal"));
        }
    }
}
