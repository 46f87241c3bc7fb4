package org.hepml.random;

import java.util.SplittableRandom;

/**
 * Every random stream of the project, named, each derived from the one seed and (where it is per event) the event
 * id, never from partition or task order. The numbers that keep streams apart live here and nowhere else; changing
 * one changes results, so they are as they were when the figures in the README were measured.
 *
 * <p>Spark-side draws of the same kind (the hold-out, the folds, the symmetry stages' choices) are
 * {@link RandomColumns}.
 */
public final class RandomStreams {
    /** Toy generator: the sample's process cycle (drawn once; event id −1). */
    static final long GENERATOR_CYCLE = 0;
    /** Toy generator: each event's features. */
    static final long GENERATOR_EVENT = 1;
    /** Member m's validation split: stream MEMBER_SPLIT + m. */
    static final long MEMBER_SPLIT = 1000;
    /** Data-parallel training: the subset the logged training loss is computed on (member seed). */
    static final long TRAIN_LOSS_SAMPLE = 4000;
    /** Kept apart from the member seed's other uses by xor: training-time augmentation, per (event, epoch). */
    static final long AUGMENTATION = 0x6175676dL; // "augm"
    /** Bootstrap resample r in memory: mixed into its SplittableRandom. */
    static final long BOOTSTRAP = 0x5DEECE66DL;

    private RandomStreams() {}

    /** The toy generator's draw of its process cycle. */
    public static EventRandom generatorCycle(long seed) {
        return new EventRandom(seed, -1L, GENERATOR_CYCLE);
    }

    /** The toy generator's draws for event {@code index}. */
    public static EventRandom generatorEvent(long seed, long index) {
        return new EventRandom(seed, index, GENERATOR_EVENT);
    }

    /** Member m's seed: its shuffles and augmentation draws. */
    public static long memberSeed(long seed, int member) {
        return seed * 31L + member;
    }

    /** Member m's weight initialisation seed. */
    public static long memberInitSeed(long seed, int member) {
        return seed * 1_000_003L + member;
    }

    /** Uniform in [0, 1) for event {@code eventId} in member m's validation split (the lowest go to validation). */
    public static double memberSplit(long seed, int member, long eventId) {
        return new EventRandom(seed, eventId, MEMBER_SPLIT + member).nextDouble();
    }

    /** Uniform in [0, 1): whether a training event enters the data-parallel mode's training-loss subset. */
    public static double trainLossSample(long memberSeed, long eventId) {
        return new EventRandom(memberSeed, eventId, TRAIN_LOSS_SAMPLE).nextDouble();
    }

    /** The augmentation draws of an event in an epoch (angle, z flip, transverse flip, in that order). */
    public static EventRandom augmentation(long memberSeed, long eventId, int epoch) {
        return new EventRandom(memberSeed ^ AUGMENTATION, eventId, epoch);
    }

    /** The shuffle of an epoch's mini-batches (a member's own rows, in their canonical order). */
    public static SplittableRandom epochShuffle(long memberSeed, int epoch) {
        return new SplittableRandom(EventRandom.mix64(memberSeed) + epoch);
    }

    /** Bootstrap resample r, drawn in memory (multinomial). */
    public static SplittableRandom bootstrapResample(long seed, int resample) {
        return new SplittableRandom(EventRandom.mix64(seed) ^ EventRandom.mix64(resample + BOOTSTRAP));
    }

    /** Bootstrap resample r's Poisson(1) draw for one event (the distributed path, and memory mode with poisson). */
    public static double poissonResample(long seed, long eventId, int resample) {
        return new EventRandom(seed, eventId, resample).nextDouble();
    }
}
