package org.hepml.dnn;

import java.util.ArrayList;
import java.util.List;

/**
 * The learning-rate range test (Smith 2015; used by the reference study): one pass over shuffled training data with
 * the learning rate growing geometrically from {@code lrMin} to {@code lrMax} (the training step,
 * {@link TrainingNetwork}), recording the (weighted) batch loss; stops when the smoothed loss exceeds 4 times its
 * minimum (divergence). The suggestion is the learning rate at the minimum of the smoothed loss divided by 10 — a
 * conventional reading of "the highest rate at which the loss still falls clearly"; look at the curve.
 */
public final class LearningRateFinder {
    /** Loss smoothing for long sweeps; shorter sweeps smooth over about a tenth of their steps (see run). */
    private static final double SMOOTHING = 0.98;

    private static final double DIVERGENCE = 4.0;

    private LearningRateFinder() {}

    /** The curve: learning rate, raw and smoothed batch loss per step; the suggested rate. */
    public record Curve(
            double[] learningRate, double[] loss, double[] smoothedLoss, double suggested, boolean diverged) {}

    public static Curve run(
            MemberData data,
            NetworkSpec spec,
            int batchSize,
            double lrMin,
            double lrMax,
            long seed,
            MomentumSlots augment) {
        if (!(lrMin > 0) || !(lrMax > lrMin)) {
            throw new IllegalArgumentException("need 0 < lrMin < lrMax, got " + lrMin + ", " + lrMax);
        }
        MemberData t = data.classBalanced();
        TrainingNetwork net =
                new TrainingNetwork(spec, Dl4jNetworks.build(spec).params().toFloatVector());
        int n = t.rows();
        int f = t.features();
        int bs = Math.min(batchSize, n);
        int steps = Math.max(2, n / bs);
        int[] order = MemberTrainer.permutation(n, seed, 0);
        float[] xb = new float[bs * f];
        float[] jb = new float[bs];
        float[] yb = new float[bs];
        float[] wb = new float[bs];
        // smoothing over ~50 steps lags a short sweep past its divergence: keep the memory to ~steps/10, and none at
        // all under 10 steps (a negative beta would divide the bias correction by zero at every other step)
        double beta = Math.max(0, Math.min(SMOOTHING, 1 - 10.0 / steps));
        List<double[]> points = new ArrayList<>();
        double avg = 0;
        double best = Double.POSITIVE_INFINITY;
        boolean diverged = false;
        for (int step = 0; step < steps; step++) {
            double lr = lrMin * Math.pow(lrMax / lrMin, step / (double) (steps - 1));
            for (int r = 0; r < bs; r++) {
                int i = order[step * bs + r];
                System.arraycopy(t.x(), i * f, xb, r * f, f);
                jb[r] = t.jets() == null ? 0 : t.jets()[i];
                yb[r] = t.y()[i];
                wb[r] = t.w()[i];
                if (augment != null) {
                    EpochAugmentation.draw(seed, t.eventId()[i], 0)
                            .applyToRow(xb, r * f, augment.px(), augment.py(), augment.pz());
                }
            }
            net.fit(xb, f, jb, yb, wb, bs, lr, 0.9);
            double loss = net.loss(); // the weighted mean loss of the batch, before this step's update
            avg = beta * avg + (1 - beta) * loss;
            double smoothed = avg / (1 - Math.pow(beta, step + 1));
            points.add(new double[] {lr, loss, smoothed});
            if (!Double.isFinite(smoothed) || (step > 10 && smoothed > DIVERGENCE * best)) {
                diverged = true;
                break;
            }
            best = Math.min(best, smoothed);
        }
        int m = points.size();
        double[] lrs = new double[m];
        double[] losses = new double[m];
        double[] smooth = new double[m];
        int argmin = 0;
        for (int i = 0; i < m; i++) {
            lrs[i] = points.get(i)[0];
            losses[i] = points.get(i)[1];
            smooth[i] = points.get(i)[2];
            if (Double.isFinite(smooth[i]) && smooth[i] < smooth[argmin]) {
                argmin = i;
            }
        }
        return new Curve(lrs, losses, smooth, lrs[argmin] / 10, diverged);
    }
}
