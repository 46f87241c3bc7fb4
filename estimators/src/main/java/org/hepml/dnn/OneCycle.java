package org.hepml.dnn;

/**
 * The 1cycle schedule of the reference study, cosine-shaped: the learning rate rises from {@code lrStart} to
 * {@code lrMax} over the first {@code warmFraction} of training, then falls to 0; β1 (Adam's momentum) moves
 * the opposite way, from {@code beta1High} to {@code beta1Low} and back. A constant schedule is lrStart = lrMax
 * with no fall ({@link #constant}).
 */
public record OneCycle(
        double lrStart, double lrMax, double warmFraction, double beta1High, double beta1Low, boolean anneal)
        implements LearningSchedule {

    /** The reference: 1e-4 → 1e-2 over 1/3 of training, then → 0; β1 0.95 → 0.85 → 0.95. */
    public static OneCycle reference() {
        return new OneCycle(1e-4, 1e-2, 1.0 / 3, 0.95, 0.85, true);
    }

    public static OneCycle constant(double lr) {
        return new OneCycle(lr, lr, 0, 0.9, 0.9, false);
    }

    private static double cosine(double a, double b, double t) {
        return LearningSchedule.cosine(a, b, t);
    }

    @Override
    public double learningRate(long step, long stepsPerEpoch, long total) {
        return learningRate(step, total);
    }

    @Override
    public double beta1(long step, long stepsPerEpoch, long total) {
        return beta1(step, total);
    }

    /** Learning rate at step {@code step} of {@code total}. */
    public double learningRate(long step, long total) {
        if (!anneal) {
            return lrMax;
        }
        double p = total <= 1 ? 1 : step / (double) (total - 1);
        if (p < warmFraction) {
            return cosine(lrStart, lrMax, p / warmFraction);
        }
        return cosine(lrMax, 0.0, (p - warmFraction) / (1 - warmFraction));
    }

    /** Adam's β1 at step {@code step} of {@code total}. */
    public double beta1(long step, long total) {
        if (!anneal) {
            return beta1High;
        }
        double p = total <= 1 ? 1 : step / (double) (total - 1);
        if (p < warmFraction) {
            return cosine(beta1High, beta1Low, p / warmFraction);
        }
        return cosine(beta1Low, beta1High, (p - warmFraction) / (1 - warmFraction));
    }
}
