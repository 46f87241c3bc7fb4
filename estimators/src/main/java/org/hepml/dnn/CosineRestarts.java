package org.hepml.dnn;

/**
 * Cosine annealing with warm restarts (SGDR, Loshchilov and Hutter): within each cycle the learning rate falls
 * along a cosine from {@code lrMax} to {@code lrMin}, then jumps back to {@code lrMax}. The first cycle lasts
 * {@code firstCycleEpochs} epochs, each next one {@code multiplier} times longer (1, 2, 4, 8 epochs: 15 in all, the
 * default). β1 stays at {@code beta1}.
 */
public record CosineRestarts(double lrMax, double lrMin, double firstCycleEpochs, double multiplier, double beta1)
        implements LearningSchedule {

    public CosineRestarts {
        if (!(firstCycleEpochs > 0) || !(multiplier >= 1)) {
            throw new IllegalArgumentException(
                    "cosine restarts: the first cycle must be > 0 epochs and the multiplier >= 1, got "
                            + firstCycleEpochs + ", " + multiplier);
        }
    }

    public static CosineRestarts of(double lrMax) {
        return new CosineRestarts(lrMax, 0, 1, 2, 0.9);
    }

    /** Position in the current cycle, in [0, 1), at a (fractional) epoch. */
    double cyclePosition(double epoch) {
        double start = 0;
        double length = firstCycleEpochs;
        while (epoch >= start + length) {
            start += length;
            length *= multiplier;
        }
        return (epoch - start) / length;
    }

    @Override
    public double learningRate(long step, long stepsPerEpoch, long total) {
        return LearningSchedule.cosine(lrMax, lrMin, cyclePosition(step / (double) stepsPerEpoch));
    }

    @Override
    public double beta1(long step, long stepsPerEpoch, long total) {
        return beta1;
    }
}
