package org.hepml.dnn;

import org.hepml.random.EventRandom;
import org.hepml.random.RandomStreams;
import org.hepml.symmetry.SymmetryTransform;

/**
 * Training-time augmentation: for each event and epoch a rotation uniform in [0, 2π) and independent fair
 * flips in z and in the transverse plane, drawn from (seed, EventId, epoch) — the same event gets the same
 * transform in the same epoch whatever the batching, partitioning or retry.
 */
public final class EpochAugmentation {
    private EpochAugmentation() {}

    public static SymmetryTransform draw(long seed, long eventId, int epoch) {
        EventRandom r = RandomStreams.augmentation(seed, eventId, epoch);
        double theta = 2 * Math.PI * r.nextDouble();
        boolean flipZ = r.nextDouble() < 0.5;
        boolean flipY = r.nextDouble() < 0.5;
        return new SymmetryTransform(theta, flipZ, flipY);
    }
}
