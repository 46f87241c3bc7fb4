package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The Vector API kernel and the scalar one give the same bits, and the float exp they share is accurate. */
class BlockKernelTest {
    @Test
    void theTestJvmLoadsTheVectorKernelSoTheComparisonsBelowCompareTwoKernels() {
        assertNotNull(BlockKernels.vector(), "surefire's argLine must add jdk.incubator.vector");
        assertTrue(InferenceNetwork.kernel().startsWith("Vector API"), InferenceNetwork.kernel());
    }

    @Test
    void vectorAndScalarKernelsGiveTheSameScoresBitForBit() {
        NetworkSpec[] specs = {
            NetworkSpec.reference(30, 1),
            new NetworkSpec(30, 100, 4, false, "relu", true, 2),
            new NetworkSpec(30, 20, 3, true, "selu", false, 3),
            new NetworkSpec(30, 16, 1, false, "swish", false, 4),
            new NetworkSpec(7, 5, 2, true, "swish", true, 5)
        };
        BlockKernel vector = BlockKernels.vector();
        SplittableRandom r = new SplittableRandom(11);
        for (NetworkSpec spec : specs) {
            float[] p = new float[spec.parameterCount()];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (r.nextGaussian() * 0.6);
            }
            InferenceNetwork net = InferenceNetwork.of(p, spec);
            for (int rows : new int[] {1, 15, 256, 257, 1000}) {
                float[] x = new float[rows * spec.inputs()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (r.nextGaussian() * (i % 5 == 0 ? 30 : 1));
                }
                float[] jets = new float[rows];
                for (int i = 0; i < rows; i++) {
                    jets[i] = r.nextInt(4);
                }
                float[] s = net.predict(x, jets, rows, spec.inputs(), BlockKernels.SCALAR);
                float[] v = net.predict(x, jets, rows, spec.inputs(), vector);
                float lo = 1;
                float hi = 0;
                for (int i = 0; i < rows; i++) {
                    assertEquals(
                            Float.floatToIntBits(s[i]), Float.floatToIntBits(v[i]), spec + " row " + i + " of " + rows);
                    lo = Math.min(lo, s[i]);
                    hi = Math.max(hi, s[i]);
                }
                assertTrue(rows < 100 || hi - lo > 0.1, spec + ": scores spread " + lo + " to " + hi);
            }
        }
    }

    @Test
    void floatExpIsWithinTwoUlpsOfMathExpOnItsRange() {
        assertEquals(1f, FloatExp.exp(0f));
        assertEquals(1f, FloatExp.exp(-0f));
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 0.00137f) {
            double exact = Math.exp(x);
            worst = Math.max(worst, Math.abs(FloatExp.exp(x) - exact) / exact);
        }
        assertTrue(worst < 2.5e-7, "worst relative error " + worst);
        // clamped outside: finite, no overflow into infinity, no NaN from the exponent bits
        assertEquals(FloatExp.exp(88f), FloatExp.exp(1000f));
        assertEquals(FloatExp.exp(-87f), FloatExp.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FloatExp.exp(Float.NaN)));
    }

    @Test
    void vectorExpMatchesTheScalarOneLaneByLane() {
        int n = FloatVector.SPECIES_PREFERRED.length();
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[n * 4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((r.nextDouble() - 0.5) * 240);
        }
        float[] special = {0f, -0f, 87f, -87f, 88f, 1e30f, -1e30f, Float.NaN, Float.POSITIVE_INFINITY, 0.5f};
        System.arraycopy(special, 0, x, 0, special.length);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += n) {
            VectorBlockKernel.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, i))
                    .intoArray(y, i);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(FloatExp.exp(x[i])), Float.floatToIntBits(y[i]), "exp(" + x[i] + ")");
        }
    }
}
