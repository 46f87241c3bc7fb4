package org.hepml.estimators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
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

  static TrainedMembers train(JavaSparkContext jsc, TrainingRows rows, TrainingPlan plan) {
    Broadcast<TrainingRows> data = jsc.broadcast(rows);
    MomentumSlots slots = MomentumSlots.of(rows.names);
    int m = plan.members();
    String group = "hepml-members-" + java.util.UUID.randomUUID();
    jsc.setJobGroup(group, "DnnEnsembleClassifier: training " + m + " members on " + rows.y.length + " events", false);
    List<Object[]> trained;
    try (MemberProgress progress = MemberProgress.start(jsc.sc(), group, m)) {
      trained = new ArrayList<>(jsc.parallelize(IntStream.range(0, m).boxed().toList(), m).map(member -> {
        MemberData[] split = data.value().split(member, plan.validationFraction(), plan.seed());
        MemberTrainer.Result r = MemberTrainer.train(split[0], split[1], plan.config(member, slots),
            e -> System.err.println(plan.progress(member, e)));
        double[][] log = r.log().stream().map(e -> TrainingPlan.logRow(member, e)).toArray(double[][]::new);
        return new Object[] {member, Ensemble.toBytes(r.network()), r.bestValLoss(), log};
      }).collect());
    } finally {
      jsc.clearJobGroup();
    }
    data.destroy();
    trained.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
    TrainedMembers out = TrainedMembers.empty(m);
    for (Object[] t : trained) {
      int i = (Integer) t[0];
      out.bytes()[i] = (byte[]) t[1];
      out.validationLoss()[i] = (Double) t[2];
      out.log().addAll(Arrays.asList((double[][]) t[3]));
    }
    return out;
  }
}
