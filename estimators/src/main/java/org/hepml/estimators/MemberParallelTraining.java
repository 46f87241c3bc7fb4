package org.hepml.estimators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.hepml.dnn.MemberData;
import org.hepml.dnn.MemberTrainer;
import org.hepml.dnn.MomentumSlots;

/**
 * {@code trainingMode = members}: each member trains in its own Spark task with plain DL4J on one thread; the scaled
 * rows reach the tasks once, by broadcast. Everything is seeded from (seed, member, EventId), so a retried task
 * gives the same member, and the members do not depend on the input's partitioning.
 */
final class MemberParallelTraining {
  private MemberParallelTraining() {}

  static TrainedMembers train(JavaSparkContext jsc, TrainingRows rows, TrainingPlan plan, MemberCheckpoints checkpoints) {
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
    jsc.setJobGroup(group, "DnnEnsembleClassifier: training " + todo.size() + " of " + m + " members on "
        + rows.y.length + " events", false);
    List<Object[]> trained;
    try (MemberProgress progress = MemberProgress.start(jsc.sc(), group, todo.size())) {
      trained = new ArrayList<>(jsc.parallelize(todo, todo.size()).map(member -> {
        MemberData[] split = data.value().split(member, plan.validationFraction(), plan.seed());
        MemberTrainer.Result r = MemberTrainer.train(split[0], split[1], plan.config(member, slots),
            e -> System.err.println(plan.progress(member, e)));
        double[][] log = r.log().stream().map(e -> TrainingPlan.logRow(member, e)).toArray(double[][]::new);
        float[] params = Ensemble.parameters(r.network());
        if (checkpoints != null) {
          checkpoints.save(member, params, r.bestValLoss(), log);
        }
        return new Object[] {member, params, r.bestValLoss(), log};
      }).collect());
    } finally {
      jsc.clearJobGroup();
    }
    data.destroy();
    for (Object[] t : trained) {
      int i = (Integer) t[0];
      out.params()[i] = (float[]) t[1];
      out.validationLoss()[i] = (Double) t[2];
      out.log().addAll(Arrays.asList((double[][]) t[3]));
    }
    out.sortLog();
    return out;
  }
}
