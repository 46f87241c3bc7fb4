package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hepml.symmetry.SymmetryTransform;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MemberTrainerTest {
    @Test
    void referenceNetworkHasTheReferenceParameterCount() {
        assertEquals(23_113, Dl4jNetworks.build(NetworkSpec.reference(30, 1)).numParams());
        // without dense connections: 33·33+33, 5 × (33·33+33), head 34, embedding 12
        assertEquals(
                6 * (33 * 33 + 33) + 34 + 12,
                Dl4jNetworks.build(new NetworkSpec(30, 33, 6, false, "relu", true, 1))
                        .numParams());
        assertEquals(23_113, NetworkSpec.reference(30, 1).parameterCount()); // the layout counts as DL4J does
    }

    @Test
    void learningRateSetPerStepTakesEffect() {
        MemberData[] d = ToyMemberData.split(1, 300, 100);
        NetworkSpec spec = new NetworkSpec(30, 8, 2, true, "swish", true, 5);
        INDArray initial = Dl4jNetworks.build(spec).params().dup();
        ComputationGraph frozen = MemberTrainer.train(
                        d[0], d[1], new MemberTrainer.Config(spec, OneCycle.constant(0.0), 1, 64, 1, null), null)
                .network();
        assertEquals(initial, frozen.params());
        ComputationGraph moved = MemberTrainer.train(
                        d[0], d[1], new MemberTrainer.Config(spec, OneCycle.constant(1e-2), 1, 64, 1, null), null)
                .network();
        assertNotEquals(initial, moved.params());
    }

    /**
     * A weight of 2 is a duplicated event: the gradient of the batch with the event weighted 2 equals the gradient of
     * the batch with the event twice (DL4J sums over the batch here; the updater divides by the batch size later).
     * The same comparison fails with the weight as DL4J's label mask: see WeightedBinaryCrossEntropy.
     */
    @Test
    void weightTwoEqualsADuplicatedEvent() {
        NetworkSpec spec = new NetworkSpec(30, 8, 2, true, "swish", true, 3);
        MemberData d = ToyMemberData.split(2, 20, 1)[0];
        int n = 20;
        int f = d.features();
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        w[7] = 2f;
        float[] x2 = Arrays.copyOf(d.x(), (n + 1) * f);
        System.arraycopy(d.x(), 7 * f, x2, n * f, f);
        float[] j2 = Arrays.copyOf(d.jets(), n + 1);
        j2[n] = d.jets()[7];
        float[] y2 = Arrays.copyOf(d.y(), n + 1);
        y2[n] = d.y()[7];
        float[] w2 = new float[n + 1];
        Arrays.fill(w2, 1f);
        double[] ga = gradient(spec, MemberTrainer.batch(spec, DataType.DOUBLE, d.x(), d.jets(), d.y(), w, n, f));
        double[] gb = gradient(spec, MemberTrainer.batch(spec, DataType.DOUBLE, x2, j2, y2, w2, n + 1, f));
        for (int i = 0; i < ga.length; i++) {
            assertEquals(ga[i], gb[i], 1e-12 * (1 + Math.abs(ga[i])), "parameter " + i);
        }
    }

    private static double[] gradient(NetworkSpec spec, org.nd4j.linalg.dataset.MultiDataSet batch) {
        ComputationGraph net = Dl4jNetworks.build(spec, DataType.DOUBLE);
        net.setInputs(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup().data().asDouble();
    }

    /** The output bias's gradient is exactly Σ w (p − y): the weight enters once. */
    @Test
    void biasGradientIsTheWeightedResidualSum() {
        NetworkSpec spec = new NetworkSpec(30, 8, 1, false, "relu", false, 3);
        MemberData d = ToyMemberData.split(2, 20, 1)[0];
        int n = 20;
        int f = d.features();
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5f + (i % 4);
        }
        ComputationGraph net = Dl4jNetworks.build(spec, DataType.DOUBLE);
        float[] p = MemberTrainer.predict(net, spec, d.x(), d.jets(), n, f);
        double expected = 0;
        for (int i = 0; i < n; i++) {
            expected += w[i] * (p[i] - d.y()[i]);
        }
        double[] g = gradient(spec, MemberTrainer.batch(spec, DataType.DOUBLE, d.x(), d.jets(), d.y(), w, n, f));
        assertEquals(expected, g[g.length - 1], 1e-5); // p came through float: 1e-5
    }

    @Test
    void learnsAndReproduces() {
        MemberData[] d = ToyMemberData.split(3, 4000, 1500);
        NetworkSpec spec = new NetworkSpec(30, 16, 3, true, "swish", true, 11);
        MemberTrainer.Config cfg =
                new MemberTrainer.Config(spec, OneCycle.reference(), 6, 128, 7, MomentumSlots.of(ToyMemberData.NAMES));
        MemberTrainer.Result a = MemberTrainer.train(d[0], d[1], cfg, null);
        float[] p = MemberTrainer.predict(a.network(), spec, d[1].x(), d[1].jets(), d[1].rows(), d[1].features());
        double auc = ToyMemberData.auc(p, d[1].y());
        assertTrue(auc > 0.85, "validation AUC " + auc);
        assertEquals(6, a.log().size());
        assertTrue(
                a.log().get(5).valLoss() < a.log().get(0).valLoss() + 1e-9 || a.bestEpoch() > 0,
                a.log().toString());
        assertEquals(
                a.bestValLoss(),
                a.log().stream()
                        .mapToDouble(TrainingLoop.EpochLog::valLoss)
                        .min()
                        .getAsDouble(),
                0.0);
        MemberTrainer.Result b = MemberTrainer.train(d[0], d[1], cfg, null);
        assertEquals(a.network().params(), b.network().params()); // same seed, same member, bit for bit
    }

    /**
     * The members mode's two steps, the hand-written one (the default) and DL4J's {@code fit}
     * ({@code -Dhepml.training=dl4j}), train the same member through the whole loop (augmentation, 1cycle, best state)
     * to float rounding (1.8e-7 apart after 3 epochs, on parameters up to 2.7): different arithmetic, so not the same
     * bits, but the same model.
     */
    @Test
    void dl4jAndHandWrittenStepsTrainTheSameMember() {
        MemberData[] d = ToyMemberData.split(5, 1500, 500);
        NetworkSpec spec = new NetworkSpec(30, 12, 2, true, "swish", true, 13);
        MemberTrainer.Config cfg =
                new MemberTrainer.Config(spec, OneCycle.reference(), 3, 64, 2, MomentumSlots.of(ToyMemberData.NAMES));
        float[] ours =
                MemberTrainer.train(d[0], d[1], cfg, null).network().params().toFloatVector();
        String before = System.getProperty("hepml.training");
        float[] dl4j;
        try {
            System.setProperty("hepml.training", "dl4j");
            assertTrue(MemberTrainer.dl4jSteps());
            dl4j = MemberTrainer.train(d[0], d[1], cfg, null).network().params().toFloatVector();
        } finally {
            if (before == null) {
                System.clearProperty("hepml.training");
            } else {
                System.setProperty("hepml.training", before);
            }
        }
        assertFalse(Arrays.equals(ours, dl4j), "two arithmetics, the same bits?");
        float scale = 0;
        double largest = 0;
        for (int i = 0; i < ours.length; i++) {
            scale = Math.max(scale, Math.abs(ours[i]));
            largest = Math.max(largest, Math.abs(ours[i] - dl4j[i]));
        }
        assertTrue(largest < 1e-5 * scale, "largest parameter difference " + largest + " of " + scale);
    }

    /**
     * With SWA from epoch 2 and a renewal every 2 epochs, the log carries the average's validation loss from epoch 2
     * on, the kept state is the best of all states and averages, and the returned network really has that loss.
     */
    @Test
    void weightAveragingCompetesForTheBestState() {
        MemberData[] d = ToyMemberData.split(5, 3000, 1000);
        NetworkSpec spec = new NetworkSpec(30, 16, 2, true, "swish", true, 13);
        MemberTrainer.Config cfg = new MemberTrainer.Config(
                spec,
                CosineRestarts.of(1e-2),
                7,
                128,
                3,
                MomentumSlots.of(ToyMemberData.NAMES),
                new WeightAveraging.Settings(2, 2));
        MemberTrainer.Result r = MemberTrainer.train(d[0], d[1], cfg, null);
        double best = Double.MAX_VALUE;
        for (TrainingLoop.EpochLog e : r.log()) {
            assertEquals(e.epoch() < 2, Double.isNaN(e.swaValLoss()), e.toString());
            best = Math.min(
                    best, Math.min(e.valLoss(), Double.isNaN(e.swaValLoss()) ? Double.MAX_VALUE : e.swaValLoss()));
        }
        assertEquals(best, r.bestValLoss(), 0.0);
        assertEquals(r.bestValLoss(), MemberTrainer.weightedLoss(r.network(), spec, d[1].classBalanced()), 1e-12);
        TrainingLoop.EpochLog kept = r.log().get(r.bestEpoch());
        assertEquals(r.bestValLoss(), r.bestIsAverage() ? kept.swaValLoss() : kept.valLoss(), 0.0);
        assertEquals(
                r.network().params(),
                MemberTrainer.train(d[0], d[1], cfg, null).network().params());
    }

    @Test
    void augmentationDrawsDependOnlyOnSeedEventAndEpoch() {
        SymmetryTransform a = EpochAugmentation.draw(1, 100_123, 4);
        assertEquals(a, EpochAugmentation.draw(1, 100_123, 4));
        assertNotEquals(a, EpochAugmentation.draw(1, 100_123, 5));
        // applied to a scaled row, px/py rotate and pz flips: the transverse momentum of each object is kept
        float[] row = {3f, 4f, 1f, 0f, 0f, 0f};
        SymmetryTransform t = new SymmetryTransform(Math.PI / 2, true, false);
        t.applyToRow(row, 0, new int[] {0, 3}, new int[] {1, 4}, new int[] {2, 5});
        assertArrayEquals(new float[] {-4f, 3f, -1f, 0f, 0f, -0f}, row, 1e-6f);
    }
}
