package org.hepml.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.hepml.dnn.MemberData;
import org.hepml.dnn.MemberTrainer;
import org.hepml.dnn.MiniBatches;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.dnn.OneCycle;
import org.hepml.dnn.ToyMemberData;
import org.hepml.dnn.TrainingLoop;
import org.hepml.dnn.WeightAveraging;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

/** The data-parallel mode's steps: the members mode's step, averaged exactly. */
class DataParallelTrainingTest {
    private static final JavaSparkContext JSC =
            JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    private static final MomentumSlots SLOTS = MomentumSlots.of(ToyMemberData.NAMES);

    /** The first k signal and k background rows, unit weights: class balancing leaves it exactly as it is. */
    static MemberData balanced(MemberData d, int k) {
        int f = d.features();
        boolean[] keep = new boolean[d.rows()];
        int s = 0;
        int b = 0;
        for (int i = 0; i < d.rows(); i++) {
            if (d.y()[i] == 1f ? s++ < k : b++ < k) {
                keep[i] = true;
            }
        }
        int m = 2 * k;
        float[] x = new float[m * f];
        float[] j = new float[m];
        float[] y = new float[m];
        float[] w = new float[m];
        long[] ids = new long[m];
        int r = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                System.arraycopy(d.x(), i * f, x, r * f, f);
                j[r] = d.jets()[i];
                y[r] = d.y()[i];
                w[r] = 1f;
                ids[r++] = d.eventId()[i];
            }
        }
        return new MemberData(x, f, j, y, w, ids);
    }

    static TrainingPlan plan(int epochs, WeightAveraging.Settings swa, int averagingSteps) {
        return new TrainingPlan(
                new NetworkSpec(30, 12, 2, true, "swish", true, 3),
                OneCycle.reference(),
                swa,
                epochs,
                64,
                0.1,
                9,
                1,
                true,
                averagingSteps);
    }

    /**
     * With one partition there is nothing to average: the data-parallel mode must then be the members mode, step for
     * step, bit for bit (learning rates, β1, Adam's bias correction, augmentation, order, losses, SWA, best state).
     */
    @Test
    void onOnePartitionItIsTheMembersMode() {
        MemberData[] d = ToyMemberData.split(3, 2000, 800);
        MemberData train = balanced(d[0], 500);
        MemberData val = balanced(d[1], 150);
        TrainingPlan plan = plan(4, new WeightAveraging.Settings(2, 0), 5);
        TrainingLoop.Result members =
                TrainingLoop.run(MemberTrainer.of(train, val, plan.config(0, SLOTS)), 4, plan.swa(), null);
        JavaRDD<DataParallelTraining.Shard> one =
                JSC.parallelize(List.of(new DataParallelTraining.Shard(train, val, train)), 1);
        TrainingLoop.Result parallel =
                TrainingLoop.run(new DataParallelTraining.Steps(JSC, one, plan, 0, SLOTS, "test"), 4, plan.swa(), null);
        assertArrayEquals(
                members.bestParams().toFloatVector(), parallel.bestParams().toFloatVector());
        assertEquals(members.bestEpoch(), parallel.bestEpoch());
        for (int e = 0; e < 4; e++) {
            TrainingLoop.EpochLog a = members.log().get(e);
            TrainingLoop.EpochLog b = parallel.log().get(e);
            assertEquals(a.valLoss(), b.valLoss(), 0.0, "epoch " + e);
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "epoch " + e);
            assertEquals(a.swaValLoss(), b.swaValLoss(), 0.0, "epoch " + e);
            assertEquals(a.learningRate(), b.learningRate(), 0.0, "epoch " + e);
        }
    }

    /**
     * Two partitions, one round: the new state is the step-weighted mean of what each partition's steps made of the
     * broadcast state, computed here by hand; and the same partitions give the same state again.
     */
    @Test
    void aRoundIsTheStepWeightedMeanOfThePartitionsSteps() {
        MemberData[] d = ToyMemberData.split(4, 2000, 400);
        MemberData a = balanced(d[0], 320); // 640 rows: 10 batches of 64
        MemberData b = balanced(d[0], 224); // 448 rows: 7 batches; the first rows overlap a's, harmlessly
        MemberData val = balanced(d[1], 100);
        TrainingPlan plan = plan(1, null, 16); // one round covers the epoch
        JavaRDD<DataParallelTraining.Shard> two = JSC.parallelize(
                List.of(new DataParallelTraining.Shard(a, val, a), new DataParallelTraining.Shard(b, val, b)), 2);
        DataParallelTraining.Steps steps = new DataParallelTraining.Steps(JSC, two, plan, 0, SLOTS, "test");
        float[] start = steps.params().toFloatVector();
        steps.fitEpoch(0);
        float[] averaged = steps.params().toFloatVector();

        float[] pa = byHand(plan, a, 10);
        float[] pb = byHand(plan, b, 7);
        for (int i = 0; i < start.length; i++) {
            float expected = (float) ((10.0 * pa[i] + 7.0 * pb[i]) / 17);
            assertEquals(expected, averaged[i], Math.ulp(expected), "parameter " + i);
        }
        assertNotEquals(Arrays.toString(start), Arrays.toString(averaged));
        DataParallelTraining.Steps again = new DataParallelTraining.Steps(JSC, two, plan, 0, SLOTS, "test");
        again.fitEpoch(0);
        assertArrayEquals(averaged, again.params().toFloatVector());
    }

    /** One partition's steps of epoch 0 from the initial network, as the members mode takes them. */
    private static float[] byHand(TrainingPlan plan, MemberData d, int batches) {
        org.hepml.dnn.TrainingNetwork net = new org.hepml.dnn.TrainingNetwork(
                plan.memberSpec(0),
                org.hepml.dnn.Dl4jNetworks.build(plan.memberSpec(0)).params().toFloatVector());
        MiniBatches mb =
                new MiniBatches(plan.memberSpec(0), plan.schedule(), SLOTS, plan.memberSeed(0), plan.batchSize());
        int[] order = MemberTrainer.permutation(d.rows(), plan.memberSeed(0), 0);
        // the epoch has the largest partition's 10 steps
        mb.run(MiniBatches.of(net), d, order, 0, 0, batches, 0, 10, 10);
        return net.params().clone();
    }
}
