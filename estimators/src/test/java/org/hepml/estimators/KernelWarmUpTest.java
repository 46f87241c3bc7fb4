package org.hepml.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hepml.dnn.InferenceNetwork;
import org.hepml.dnn.NetworkSpec;
import org.junit.jupiter.api.Test;

/** The warm-up shares nothing with real scoring: scores computed while it runs are the same bits; it stops. */
class KernelWarmUpTest {
    @Test
    void scoresWhileItRunsAreTheSameBitsAndItStops() throws Exception {
        NetworkSpec spec = new NetworkSpec(30, 12, 3, true, "swish", true, 4);
        SplittableRandom random = new SplittableRandom(9);
        float[] params = new float[spec.parameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) random.nextDouble(-0.5, 0.5);
        }
        InferenceNetwork net = InferenceNetwork.of(params, spec);
        int rows = 300;
        float[] x = new float[rows * 30];
        float[] jets = new float[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-3, 3);
        }
        for (int r = 0; r < rows; r++) {
            jets[r] = (r * 7) % 4;
        }
        float[] expected = net.predict(x, jets, rows, 30);
        Thread warmUp = KernelWarmUp.start(20_000);
        assertTrue(warmUp.isDaemon());
        // while it runs (and a few times more, should it have finished already)
        for (int compared = 0; compared < 50 || (warmUp.isAlive() && compared < 5000); compared++) {
            assertArrayEquals(expected, net.predict(x, jets, rows, 30));
        }
        warmUp.join(30_000);
        assertFalse(warmUp.isAlive(), "the warm-up stops once its passes are steady, within its budget");
    }
}
