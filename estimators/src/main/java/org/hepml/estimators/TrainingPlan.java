package org.hepml.estimators;

import java.io.Serializable;
import org.hepml.dnn.LearningSchedule;
import org.hepml.dnn.MemberTrainer;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.dnn.TrainingLoop;
import org.hepml.dnn.WeightAveraging;
import org.hepml.random.RandomStreams;

/**
 * What every member is trained with, whatever the training mode: the network (its seed is the ensemble's), the
 * schedule, SWA (null: none), epochs, batch size, validation share, seed, member count and augmentation. Member m
 * gets its own initialisation seed and its own seed for shuffles, splits and augmentation. {@code averagingSteps}:
 * the data-parallel mode's mini-batch steps per partition between two averagings.
 */
record TrainingPlan(
        NetworkSpec spec,
        LearningSchedule schedule,
        WeightAveraging.Settings swa,
        int epochs,
        int batchSize,
        double validationFraction,
        long seed,
        int members,
        boolean augment,
        int averagingSteps)
        implements Serializable {

    NetworkSpec memberSpec(int member) {
        return new NetworkSpec(
                spec.inputs(),
                spec.width(),
                spec.depth(),
                spec.dense(),
                spec.activation(),
                spec.jetEmbedding(),
                RandomStreams.memberInitSeed(seed, member));
    }

    /** Seed of member m's shuffles and augmentation draws. */
    long memberSeed(int member) {
        return RandomStreams.memberSeed(seed, member);
    }

    MemberTrainer.Config config(int member, MomentumSlots slots) {
        return new MemberTrainer.Config(
                memberSpec(member), schedule, epochs, batchSize, memberSeed(member), augment ? slots : null, swa);
    }

    /** The console line for one member's epoch. */
    String progress(int member, TrainingLoop.EpochLog e) {
        return String.format(
                "member %d/%d epoch %d/%d: train loss %.4f, validation loss %.4f%s, lr %.2e, %.1f s, "
                        + "member ETA %.0f s",
                member + 1,
                members,
                e.epoch() + 1,
                epochs,
                e.trainLoss(),
                e.valLoss(),
                Double.isNaN(e.swaValLoss()) ? "" : String.format(" (SWA %.4f)", e.swaValLoss()),
                e.learningRate(),
                e.seconds(),
                e.seconds() * (epochs - e.epoch() - 1));
    }

    /** One row of the training log: member, epoch, train loss, validation loss, SWA validation loss, LR, seconds. */
    static double[] logRow(int member, TrainingLoop.EpochLog e) {
        return new double[] {
            member, e.epoch(), e.trainLoss(), e.valLoss(), e.swaValLoss(), e.learningRate(), e.seconds()
        };
    }
}
