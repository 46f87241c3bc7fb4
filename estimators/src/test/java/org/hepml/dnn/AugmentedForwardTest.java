package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hepml.symmetry.SymmetryTransform;
import org.hepml.symmetry.TestTimeGrid;
import org.junit.jupiter.api.Test;

/**
 * The grid pass that computes the invariant share once per event gives each variant the score of the transformed
 * copy to rounding, the same bits in both kernels, and the same bits for a row whatever its batch.
 */
class AugmentedForwardTest {
    /** Five objects of the reference layout: (px, py, pz) triplets, the last (met) without pz. */
    private static final MomentumSlots FIVE =
            new MomentumSlots(new int[] {0, 3, 6, 9, 12}, new int[] {1, 4, 7, 10, 13}, new int[] {2, 5, 8, 11, -1});

    private static final MomentumSlots ONE = new MomentumSlots(new int[] {4}, new int[] {1}, new int[] {6});

    @Test
    void eachVariantIsTheScoreOfItsTransformedCopyAndBothKernelsAgreeBitForBit() {
        Object[][] cases = {
            {NetworkSpec.reference(30, 1), FIVE},
            {new NetworkSpec(30, 100, 4, false, "relu", true, 2), FIVE},
            {new NetworkSpec(30, 20, 3, true, "selu", false, 3), FIVE},
            {new NetworkSpec(30, 16, 1, false, "swish", false, 4), FIVE},
            {new NetworkSpec(7, 5, 2, true, "swish", true, 5), ONE}
        };
        SplittableRandom r = new SplittableRandom(21);
        for (Object[] c : cases) {
            NetworkSpec spec = (NetworkSpec) c[0];
            MomentumSlots slots = (MomentumSlots) c[1];
            InferenceNetwork net = network(spec, r);
            for (int variants : new int[] {4, 8, 32}) {
                List<SymmetryTransform> grid = TestTimeGrid.ofSize(variants);
                int rows = 300;
                float[] x = inputs(rows, spec.inputs(), r);
                float[] jets = jets(rows, r);
                float[][] vector = net.predictGrid(x, jets, rows, spec.inputs(), slots, grid, BlockKernels.vector());
                float[][] scalar = net.predictGrid(x, jets, rows, spec.inputs(), slots, grid, BlockKernels.SCALAR);
                double worst = 0;
                for (int v = 0; v < variants; v++) {
                    float[] copy = x.clone();
                    for (int i = 0; i < rows; i++) {
                        grid.get(v).applyToRow(copy, i * spec.inputs(), slots.px(), slots.py(), slots.pz());
                    }
                    float[] one = net.predict(copy, jets, rows, spec.inputs());
                    for (int i = 0; i < rows; i++) {
                        assertEquals(
                                Float.floatToIntBits(scalar[v][i]),
                                Float.floatToIntBits(vector[v][i]),
                                spec + " variant " + v + " row " + i);
                        worst = Math.max(worst, Math.abs(vector[v][i] - one[i]));
                    }
                }
                assertTrue(worst < 1e-6, spec + " x" + variants + ": largest difference " + worst);
                // the variants differ: the inputs are not symmetric, so the grid is not a no-op
                assertNotEquals(vector[0][0], vector[variants - 1][0], spec.toString());
            }
        }
    }

    @Test
    void aRowGetsTheSameBitsWhateverItsBatch() {
        NetworkSpec spec = NetworkSpec.reference(30, 1);
        SplittableRandom r = new SplittableRandom(5);
        InferenceNetwork net = network(spec, r);
        List<SymmetryTransform> grid = TestTimeGrid.ofSize(8);
        int rows = 1000;
        float[] x = inputs(rows, 30, r);
        float[] jets = jets(rows, r);
        float[][] all = net.predictGrid(x, jets, rows, 30, FIVE, grid);
        for (int[] range : new int[][] {{0, 1}, {257, 700}, {999, 1000}, {3, 259}}) {
            int n = range[1] - range[0];
            float[][] part = net.predictGrid(
                    Arrays.copyOfRange(x, range[0] * 30, range[1] * 30),
                    Arrays.copyOfRange(jets, range[0], range[1]),
                    n,
                    30,
                    FIVE,
                    grid);
            for (int v = 0; v < grid.size(); v++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(
                            Float.floatToIntBits(all[v][range[0] + i]),
                            Float.floatToIntBits(part[v][i]),
                            "variant " + v + " row " + (range[0] + i) + " in rows " + Arrays.toString(range));
                }
            }
        }
    }

    private static InferenceNetwork network(NetworkSpec spec, SplittableRandom r) {
        float[] p = new float[spec.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            // weights of a trained network's scale (unit-variance pre-activations): with much larger ones the
            // network is chaotic and any change of rounding grows layer by layer
            p[i] = (float) (r.nextGaussian() * 0.15);
        }
        return InferenceNetwork.of(p, spec);
    }

    private static float[] inputs(int rows, int f, SplittableRandom r) {
        float[] x = new float[rows * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static float[] jets(int rows, SplittableRandom r) {
        float[] j = new float[rows];
        for (int i = 0; i < rows; i++) {
            j[i] = r.nextInt(4);
        }
        return j;
    }
}
