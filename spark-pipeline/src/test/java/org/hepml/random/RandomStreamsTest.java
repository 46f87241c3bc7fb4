package org.hepml.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * The streams are pinned: each value below is what the stream gave when the README's figures were measured, so a
 * change of a stream number, a derivation or a mixer shows here before it silently changes every result.
 */
class RandomStreamsTest {
    private static final long SEED = 42;
    private static final long EVENT = 100_017L;

    @Test
    void everyStreamGivesItsPinnedValues() {
        long member = RandomStreams.memberSeed(SEED, 3);
        assertEquals(1305, member);
        assertEquals(42_000_129, RandomStreams.memberInitSeed(SEED, 3));
        assertEquals(0.1857675978716914, RandomStreams.memberSplit(SEED, 3, EVENT));
        assertEquals(0.30054433010144077, RandomStreams.trainLossSample(member, EVENT));
        assertEquals(
                0.6031509586507637, RandomStreams.augmentation(member, EVENT, 5).nextDouble());
        assertEquals(
                -2772409830558906610L, RandomStreams.epochShuffle(member, 5).nextLong());
        assertEquals(
                7447790677315704872L, RandomStreams.bootstrapResample(SEED, 7).nextLong());
        assertEquals(0.6129305161312072, RandomStreams.poissonResample(SEED, EVENT, 7));
        assertEquals(0.46148451624514086, RandomStreams.generatorEvent(SEED, 17).nextDouble());
        assertEquals(0.04378105878593541, RandomStreams.generatorCycle(SEED).nextDouble());
    }

    @Test
    void streamsOfOneEventAreApart() {
        long member = RandomStreams.memberSeed(SEED, 3);
        assertNotEquals(RandomStreams.memberSplit(SEED, 3, EVENT), RandomStreams.memberSplit(SEED, 4, EVENT));
        assertNotEquals(
                RandomStreams.augmentation(member, EVENT, 5).nextDouble(),
                RandomStreams.augmentation(member, EVENT, 6).nextDouble());
        assertNotEquals(
                RandomStreams.trainLossSample(member, EVENT),
                RandomStreams.augmentation(member, EVENT, 0).nextDouble());
    }
}
