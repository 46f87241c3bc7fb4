package org.hepml.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventRandomTest {
    @Test
    void sameInputsSameStreamOtherInputsOtherStream() {
        EventRandom a = new EventRandom(7, 123, 0);
        EventRandom b = new EventRandom(7, 123, 0);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertNotEquals(new EventRandom(7, 123, 0).nextLong(), new EventRandom(7, 124, 0).nextLong());
        assertNotEquals(new EventRandom(7, 123, 0).nextLong(), new EventRandom(8, 123, 0).nextLong());
        assertNotEquals(new EventRandom(7, 123, 0).nextLong(), new EventRandom(7, 123, 1).nextLong());
    }

    @Test
    void distributionsHaveTheirMoments() {
        EventRandom r = new EventRandom(1, 2, 3);
        int n = 200_000;
        double sum = 0;
        double gSum = 0;
        double gSq = 0;
        double eSum = 0;
        int[] bins = new int[7];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            assertTrue(u >= 0 && u < 1);
            sum += u;
            double g = r.nextGaussian();
            gSum += g;
            gSq += g * g;
            eSum += r.exponential(3.0);
            bins[r.nextInt(7)]++;
        }
        assertEquals(0.5, sum / n, 0.005); // σ of the mean ≈ 0.0006
        assertEquals(0.0, gSum / n, 0.01);
        assertEquals(1.0, gSq / n, 0.02);
        assertEquals(3.0, eSum / n, 0.05);
        for (int b : bins) {
            assertEquals(n / 7.0, b, 5 * Math.sqrt(n / 7.0));
        }
    }
}
