package org.hepml.dnn;

import org.hepml.random.EventRandom;
import org.hepml.symmetry.SymmetryTransform;

/**
 * Training-time augmentation: for each event and epoch a rotation uniform in [0, 2π) and independent fair
 * flips in z and in the transverse plane, drawn from (seed, EventId, epoch) — the same event gets the same
 * transform in the same epoch whatever the batching, partitioning or retry.
 */
public final class EpochAugmentation {
  private static final long STREAM = 0x6175676dL; // "augm": keeps these draws apart from other uses of the seed

  private EpochAugmentation() {}

  public static SymmetryTransform draw(long seed, long eventId, int epoch) {
    EventRandom r = new EventRandom(seed ^ STREAM, eventId, epoch);
    double theta = 2 * Math.PI * r.nextDouble();
    boolean flipZ = r.nextDouble() < 0.5;
    boolean flipY = r.nextDouble() < 0.5;
    return new SymmetryTransform(theta, flipZ, flipY);
  }
}
