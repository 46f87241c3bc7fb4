package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningScheduleTest {
    @Test
    void oneCycleByHand() {
        OneCycle c = OneCycle.reference();
        assertEquals(1e-4, c.learningRate(0, 4), 1e-15);
        assertEquals(1e-2, c.learningRate(1, 4), 1e-15); // p = 1/3: the peak
        assertEquals(0.0, c.learningRate(3, 4), 1e-15); // the end
        assertEquals(0.5e-2, c.learningRate(2, 4), 1e-12); // halfway down the cosine
        assertEquals(0.95, c.beta1(0, 4), 1e-15);
        assertEquals(0.85, c.beta1(1, 4), 1e-15);
        assertEquals(0.95, c.beta1(3, 4), 1e-15);
        assertEquals(3e-3, OneCycle.constant(3e-3).learningRate(7, 10));
        assertEquals(c.learningRate(2, 4), c.learningRate(2, 2, 4)); // the epoch length does not matter to 1cycle
    }

    /** Cycles of 1, 2, 4 epochs with 10 steps per epoch: restarts at steps 10 and 30, midpoints at 5, 20 and 50. */
    @Test
    void cosineRestartsByHand() {
        CosineRestarts c = new CosineRestarts(1e-2, 0, 1, 2, 0.9);
        assertEquals(1e-2, c.learningRate(0, 10, 70), 1e-15);
        assertEquals(0.5e-2, c.learningRate(5, 10, 70), 1e-15);
        assertEquals(1e-2, c.learningRate(10, 10, 70), 1e-15); // first restart
        assertEquals(0.5e-2, c.learningRate(20, 10, 70), 1e-15); // middle of the 2-epoch cycle
        assertEquals(1e-2, c.learningRate(30, 10, 70), 1e-15); // second restart
        assertEquals(0.5e-2, c.learningRate(50, 10, 70), 1e-15); // middle of the 4-epoch cycle
        assertEquals(1e-2 * 0.5 * (1 + Math.cos(Math.PI * 9 / 40.0)), c.learningRate(39, 10, 70), 1e-15);
        assertEquals(0.9, c.beta1(13, 10, 70));
        // multiplier 1: every cycle one epoch long, with a floor
        CosineRestarts flat = new CosineRestarts(1e-2, 1e-3, 1, 1, 0.9);
        assertEquals(
                flat.learningRate(3, 10, 100), flat.learningRate(93, 10, 100), 1e-15); // 9.3 − 9 is not exactly 0.3
        assertEquals(1e-3 + (1e-2 - 1e-3) * 0.5 * (1 + Math.cos(Math.PI * 0.3)), flat.learningRate(3, 10, 100), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> new CosineRestarts(1e-2, 0, 0, 2, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new CosineRestarts(1e-2, 0, 1, 0.5, 0.9));
    }
}
