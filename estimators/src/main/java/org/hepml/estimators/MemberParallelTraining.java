package org.hepml.estimators;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.hepml.dnn.MemberData;
import org.hepml.dnn.MemberTrainer;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.TrainingLoop;

/**
 * {@code trainingMode = members}: each member trains in its own Spark task with plain DL4J on one thread; the scaled
 * rows reach the tasks once, by broadcast. Everything is seeded from (seed, member, EventId), so a retried task
 * gives the same member, and the members do not depend on the input's partitioning.
 */
final class MemberParallelTraining {
    private MemberParallelTraining() {}

    static TrainedMembers train(
            JavaSparkContext jsc, TrainingRows rows, TrainingPlan plan, MemberCheckpoints checkpoints) {
        int m = plan.members();
        TrainedMembers out = TrainedMembers.empty(m);
        List<Integer> todo = out.resumeFrom(checkpoints);
        if (todo.isEmpty()) {
            out.sortLog();
            return out;
        }
        Broadcast<TrainingRows> data = jsc.broadcast(rows);
        MomentumSlots slots = MomentumSlots.of(rows.names);
        String group = "hepml-members-" + java.util.UUID.randomUUID();
        jsc.setJobGroup(
                group,
                "DnnEnsembleClassifier: training " + todo.size() + " of " + m + " members on " + rows.y.length
                        + " events",
                false);
        List<TrainedMembers.Member> trained;
        try (MemberProgress progress = MemberProgress.start(jsc.sc(), group, todo.size())) {
            trained = jsc.parallelize(todo, todo.size())
                    .map(member -> {
                        MemberData[] split = data.value().split(member, plan.validationFraction(), plan.seed());
                        MemberTrainer t = MemberTrainer.of(split[0], split[1], plan.config(member, slots));
                        TrainingLoop.Result r = TrainingLoop.run(
                                t, plan.epochs(), plan.swa(), e -> System.err.println(plan.progress(member, e)));
                        return TrainedMembers.Member.of(member, r).checkpoint(checkpoints);
                    })
                    .collect();
        } finally {
            jsc.clearJobGroup();
        }
        data.destroy();
        trained.forEach(out::add);
        out.sortLog();
        return out;
    }
}
