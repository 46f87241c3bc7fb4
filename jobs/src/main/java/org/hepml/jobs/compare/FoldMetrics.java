package org.hepml.jobs.compare;

import java.util.List;
import org.hepml.ams.BootstrapMeanCut;
import org.hepml.ams.BootstrapResult;
import org.hepml.ams.Resampling;
import org.hepml.ams.SortedScores;
import org.hepml.evaluation.WeightedRoc;
import org.hepml.event.weights.ClassTotals;

/**
 * One method's figures on one test fold: weighted ROC AUC, the bootstrap's mean maximal AMS and the AMS at the
 * bootstrap mean cut (weights rescaled per class to the challenge's training totals, so the AMS stands for the full
 * 250k set), how many background events pass that cut (the AMS's statistical footing: on a small fold a handful of
 * heavy background events decide it), and the weighted log-loss (weights rescaled so each class sums to 1, as in
 * training).
 */
public record FoldMetrics(
        int fold,
        long events,
        double auc,
        double amsMean,
        double amsAtMeanCut,
        double meanCut,
        int backgroundPassing,
        double logLoss,
        double trainSeconds,
        double scoreSeconds) {

    static final int RESAMPLES = 512;

    /** Computes the figures from a test fold's scores, labels (1 signal), weights and EventIds. */
    static FoldMetrics of(
            int fold,
            double[] score,
            double[] label,
            double[] weight,
            long[] ids,
            long seed,
            double trainSeconds,
            double scoreSeconds) {
        double sw = classSum(label, weight, true);
        double bw = classSum(label, weight, false);
        BootstrapResult r = bootstrap(score, label, weight, ids, seed);
        return new FoldMetrics(
                fold,
                label.length,
                weightedAuc(score, label, weight),
                r.amsMean(),
                r.amsAtMeanCut(),
                r.meanCut(),
                backgroundPassing(score, label, r.meanCut()),
                logLoss(score, label, weight, sw, bw),
                trainSeconds,
                scoreSeconds);
    }

    /** The bootstrap mean-cut evaluation of scores, weights rescaled per class to the challenge training totals. */
    static BootstrapResult bootstrap(double[] score, double[] label, double[] weight, long[] ids, long seed) {
        ClassTotals totals = ClassTotals.CHALLENGE_TRAINING;
        return new BootstrapMeanCut(RESAMPLES, seed, 10, Resampling.MULTINOMIAL)
                .run(
                        SortedScores.of(score, label, weight, ids),
                        totals.signal() / classSum(label, weight, true),
                        totals.background() / classSum(label, weight, false));
    }

    /** Σ weight over signal (label 1) or background events. */
    static double classSum(double[] label, double[] weight, boolean signal) {
        double sum = 0;
        for (int i = 0; i < label.length; i++) {
            if ((label[i] == 1) == signal) {
                sum += weight[i];
            }
        }
        return sum;
    }

    /** Background events (unweighted) with score ≥ cut. */
    static int backgroundPassing(double[] score, double[] label, double cut) {
        int n = 0;
        for (int i = 0; i < score.length; i++) {
            if (label[i] != 1 && score[i] >= cut) {
                n++;
            }
        }
        return n;
    }

    /** Weighted ROC AUC (see {@link WeightedRoc}). */
    static double weightedAuc(double[] score, double[] label, double[] weight) {
        return WeightedRoc.of(score, label, weight).auc();
    }

    /** Σ w'·bce / Σ w' with w' = w / (its class's weight sum); probabilities clipped to [1e-7, 1 − 1e-7]. */
    static double logLoss(double[] score, double[] label, double[] weight, double signalSum, double backgroundSum) {
        double sum = 0;
        for (int i = 0; i < score.length; i++) {
            double q = Math.min(1 - 1e-7, Math.max(1e-7, score[i]));
            sum += label[i] == 1 ? weight[i] / signalSum * -Math.log(q) : weight[i] / backgroundSum * -Math.log(1 - q);
        }
        return sum / 2;
    }

    /** Mean and (sample) standard deviation of one figure over folds. */
    static double[] meanStd(List<FoldMetrics> folds, java.util.function.ToDoubleFunction<FoldMetrics> f) {
        double mean = folds.stream().mapToDouble(f).average().orElse(Double.NaN);
        double ss =
                folds.stream().mapToDouble(f).map(v -> (v - mean) * (v - mean)).sum();
        return new double[] {mean, folds.size() > 1 ? Math.sqrt(ss / (folds.size() - 1)) : 0};
    }
}
