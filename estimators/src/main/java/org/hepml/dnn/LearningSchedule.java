package org.hepml.dnn;

import java.io.Serializable;

/**
 * Adam's learning rate and β1 at every optimiser step, set by {@link MemberTrainer} before each mini-batch.
 * Steps count from 0 to {@code total − 1}; {@code stepsPerEpoch} lets schedules speak in epochs.
 */
public interface LearningSchedule extends Serializable {
    double learningRate(long step, long stepsPerEpoch, long total);

    double beta1(long step, long stepsPerEpoch, long total);

    /** Cosine interpolation from a (t = 0) to b (t = 1). */
    static double cosine(double a, double b, double t) {
        return b + (a - b) * 0.5 * (1 + Math.cos(Math.PI * t));
    }
}
