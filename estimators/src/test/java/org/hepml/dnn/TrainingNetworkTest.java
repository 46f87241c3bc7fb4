package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TrainingNetworkTest {
    private static final List<NetworkSpec> SPECS = List.of(
            NetworkSpec.reference(30, 3),
            new NetworkSpec(30, 9, 3, false, "relu", true, 4),
            new NetworkSpec(30, 17, 2, true, "selu", false, 5),
            new NetworkSpec(30, 5, 1, false, "swish", false, 6));

    /** Random rows: inputs of unit scale (some large, to reach the loss's clipping), jets 0-3, labels, weights. */
    private record Batch(float[] x, float[] jets, float[] y, float[] w, int rows) {
        static Batch random(int rows, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = new float[rows * 30];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextGaussian() * (i % 97 == 0 ? 40 : 1));
            }
            float[] jets = new float[rows];
            float[] y = new float[rows];
            float[] w = new float[rows];
            for (int i = 0; i < rows; i++) {
                jets[i] = r.nextInt(NetworkSpec.JET_CATEGORIES);
                y[i] = r.nextInt(2);
                w[i] = (float) (0.2 + 2 * r.nextDouble());
            }
            return new Batch(x, jets, y, w, rows);
        }
    }

    /** The DL4J graph of {@code spec} in double, holding exactly these float parameters. */
    private static ComputationGraph dl4j(NetworkSpec spec, float[] params) {
        ComputationGraph net = Dl4jNetworks.build(spec, DataType.DOUBLE);
        net.setParams(Nd4j.create(params, net.params().shape(), DataType.FLOAT).castTo(DataType.DOUBLE));
        return net;
    }

    private static float[] initial(NetworkSpec spec) {
        return Dl4jNetworks.build(spec).params().toFloatVector();
    }

    /**
     * The summed gradient of every parameter agrees with DL4J's (computed in double from the same float parameters)
     * to float rounding, for dense and plain stacks, the three activations, with and without the embedding, on a
     * batch of whole blocks and one ending in a partial block.
     */
    @Test
    void gradientAgreesWithDl4j() {
        for (NetworkSpec spec : SPECS) {
            for (int rows : new int[] {256, 77}) {
                Batch b = Batch.random(rows, spec.seed() * 31 + rows);
                float[] p = initial(spec);
                float[] ours = new TrainingNetwork(spec, p)
                        .gradient(b.x, 30, b.jets, b.y, b.w, rows)
                        .clone();
                ComputationGraph net = dl4j(spec, p);
                net.setInputs(MemberTrainer.batch(spec, DataType.DOUBLE, b.x, b.jets, b.y, b.w, rows, 30)
                        .getFeatures());
                net.setLabels(MemberTrainer.batch(spec, DataType.DOUBLE, b.x, b.jets, b.y, b.w, rows, 30)
                        .getLabels());
                net.computeGradientAndScore();
                double[] theirs = net.gradient().gradient().dup().data().asDouble();
                assertEquals(theirs.length, ours.length);
                double scale = 0;
                for (double g : theirs) {
                    scale = Math.max(scale, Math.abs(g));
                }
                assertTrue(scale > 1e-3, "a gradient to compare: " + scale);
                for (int i = 0; i < ours.length; i++) {
                    assertEquals(theirs[i], ours[i], 2e-5 * scale, spec + ", " + rows + " rows, parameter " + i);
                }
            }
        }
    }

    /**
     * Three Adam steps at changing learning rates and β1 land where DL4J's three {@code fit}s land, from the same
     * parameters on the same batches: the step size, bias correction, averaging over the batch and step count; and
     * each step's batch loss is DL4J's score.
     */
    @Test
    void adamStepsAgreeWithDl4j() {
        NetworkSpec spec = NetworkSpec.reference(30, 8);
        float[] p = initial(spec);
        TrainingNetwork ours = new TrainingNetwork(spec, p);
        ComputationGraph net = dl4j(spec, p);
        double[] lr = {1e-3, 5e-3, 2e-3};
        double[] beta1 = {0.95, 0.9, 0.86};
        for (int s = 0; s < 3; s++) {
            Batch b = Batch.random(200, 40 + s);
            ours.fit(b.x, 30, b.jets, b.y, b.w, b.rows, lr[s], beta1[s]);
            MiniBatches.setHyperparameters(net, lr[s], beta1[s]);
            net.fit(MemberTrainer.batch(spec, DataType.DOUBLE, b.x, b.jets, b.y, b.w, b.rows, 30));
            assertEquals(net.score(), ours.loss(), 1e-5 * net.score(), "the batch loss before step " + s);
        }
        assertEquals(3, ours.iteration());
        double[] theirs = net.params().data().asDouble();
        double moved = 0;
        for (int i = 0; i < theirs.length; i++) {
            moved = Math.max(moved, Math.abs(theirs[i] - p[i]));
            assertEquals(theirs[i], ours.params()[i], 1e-3 * 5e-3 + 1e-6 * Math.abs(theirs[i]), "parameter " + i);
        }
        assertTrue(moved > 5e-3, "the steps moved the parameters: " + moved);
    }

    /** The Vector API and scalar kernels train to the same bits, whole and partial blocks alike. */
    @Test
    void kernelsTrainToTheSameBits() {
        BlockKernel vector = BlockKernels.vector();
        assumeTrue(vector != null, "the Vector API module is not loaded");
        for (NetworkSpec spec : SPECS) {
            float[] p = initial(spec);
            TrainingNetwork a = new TrainingNetwork(spec, p, BlockKernels.SCALAR);
            TrainingNetwork v = new TrainingNetwork(spec, p, vector);
            for (int s = 0; s < 4; s++) {
                Batch b = Batch.random(s % 2 == 0 ? 256 : 45, s);
                a.fit(b.x, 30, b.jets, b.y, b.w, b.rows, 1e-2, 0.9);
                v.fit(b.x, 30, b.jets, b.y, b.w, b.rows, 1e-2, 0.9);
            }
            assertArrayEquals(a.params(), v.params(), spec.toString());
        }
    }

    /** A zero weight removes a row: the gradient is that of the batch without it. */
    @Test
    void zeroWeightRemovesTheRow() {
        NetworkSpec spec = NetworkSpec.reference(30, 2);
        Batch b = Batch.random(60, 7);
        float[] p = initial(spec);
        float[] w = b.w.clone();
        w[59] = 0f;
        float[] with = new TrainingNetwork(spec, p)
                .gradient(b.x, 30, b.jets, b.y, w, 60)
                .clone();
        float[] without = new TrainingNetwork(spec, p).gradient(b.x, 30, b.jets, b.y, b.w, 59);
        assertArrayEquals(without, with);
    }

    @Test
    void badInputsAreNamed() {
        NetworkSpec spec = NetworkSpec.reference(30, 2);
        TrainingNetwork t = new TrainingNetwork(spec, initial(spec));
        Batch b = Batch.random(10, 1);
        b.jets[4] = 5;
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> t.fit(b.x, 30, b.jets, b.y, b.w, 10, 1e-3, 0.9));
        assertTrue(e.getMessage().contains("row 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingNetwork(spec, new float[10]));
    }
}
