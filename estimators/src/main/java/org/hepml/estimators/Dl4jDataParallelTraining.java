package org.hepml.estimators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.hepml.dnn.EpochAugmentation;
import org.hepml.dnn.FeatureScaler;
import org.hepml.dnn.MemberTrainer;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.TrainingLoop;
import org.hepml.dnn.NetworkSpec;
import org.hepml.dnn.WeightAveraging;
import org.hepml.random.EventRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * {@code trainingMode = dataParallel}, for data that do not fit one executor: nothing is collected to the driver.
 * The rows are checked, summarised and scaled where they lie (the scaler from merged per-partition moments); each
 * member in turn is trained across the executors with DL4J's ParameterAveragingTrainingMaster (parameters averaged
 * every {@value #AVERAGING_FREQUENCY} mini-batches), its validation loss computed by a distributed pass after each
 * epoch, and the best state (or SWA average) kept on the driver.
 *
 * <p>Differences from the members mode, by construction: each epoch is fitted in {@value #CHUNKS_PER_EPOCH} chunks,
 * and the learning rate and β1 are set once per chunk (at its middle step), not at every step; the validation split
 * takes each event with probability {@code validationFraction} (stratified in expectation, not in count); shuffles
 * are within partitions. Augmentation draws are the same per (seed, EventId, epoch). The result depends on the
 * partitioning (parameter averaging does), but not on anything else.
 */
final class Dl4jDataParallelTraining {
  // The data-parallel mode on DL4J's Spark module (dl4j-spark3, Scala 2.12 only), kept only until the new one has
  // been measured against it on the same data: trainingMode = dl4jDataParallel.
  static final int CHUNKS_PER_EPOCH = 4;
  static final int AVERAGING_FREQUENCY = 5;
  /** Training rows (in expectation) on which the logged training loss is computed. */
  static final int TRAIN_LOSS_ROWS = 20_000;

  private Dl4jDataParallelTraining() {}

  record Result(List<String> names, FeatureScaler scaler, TrainingSummary summary, TrainedMembers members) {}

  static Result train(Dataset<?> dataset, String featuresCol, String labelCol, String weightCol, String jetCol,
      String idCol, TrainingPlan plan, String checkpointDir, String who) {
    List<String> names = TrainingRows.featureNames(dataset.schema(), featuresCol);
    int f = names.size();
    boolean hasJets = jetCol != null && !jetCol.isEmpty();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    jsc.setJobDescription(who + " (data-parallel): checking and summarising the training rows");
    JavaRDD<EventRow> rows = EventRow.select(dataset, featuresCol, labelCol, weightCol, jetCol, idCol).javaRDD()
        .map(r -> EventRow.of(r, f, hasJets, who)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      TrainingSummary summary = rows.aggregate(new TrainingSummary(), TrainingSummary::add, TrainingSummary::merge);
      summary.checkBothClasses(who);
      MomentumSlots slots = MomentumSlots.of(names);
      FeatureScaler scaler = FeatureScaler.fit(rows.aggregate(new FeatureScaler.Moments(f), (m, e) -> m.add(e.raw(), 1),
          FeatureScaler.Moments::merge), slots);
      TrainedMembers out = TrainedMembers.empty(plan.members());
      MemberCheckpoints checkpoints = checkpointDir == null || checkpointDir.isEmpty() ? null
          : new MemberCheckpoints(checkpointDir, MemberCheckpoints.key("dataParallel", plan, names, summary), jsc.hadoopConfiguration());
      for (int member : out.resumeFrom(checkpoints)) {
        trainMember(jsc, rows, member, plan, scaler, plan.augment() ? slots : null, out, who);
        if (checkpoints != null) {
          double[][] log = out.log().stream().filter(r -> r[0] == member).toArray(double[][]::new);
          checkpoints.save(member, out.params()[member], out.validationLoss()[member], log);
        }
      }
      out.sortLog();
      return new Result(names, scaler, summary, out);
    } finally {
      jsc.setJobDescription(null);
      rows.unpersist();
    }
  }

  /** Member m's validation events: each with probability validationFraction, keyed by (seed, EventId, m). */
  static boolean isValidation(long seed, int member, double fraction, long eventId) {
    return new EventRandom(seed, eventId, 1000L + member).nextDouble() < fraction;
  }

  private static void trainMember(JavaSparkContext jsc, JavaRDD<EventRow> rows, int member, TrainingPlan plan,
      FeatureScaler scaler, MomentumSlots augment, TrainedMembers out, String who) {
    long seed = plan.seed();
    double vf = plan.validationFraction();
    long memberSeed = plan.memberSeed(member);
    // {train signal w, train background w, val signal w, val background w, train rows, val rows}
    double[] sums = rows.aggregate(new double[6], (a, e) -> {
      int v = isValidation(seed, member, vf, e.id()) ? 2 : 0;
      a[v + (e.label() == 1f ? 0 : 1)] += e.weight();
      a[4 + v / 2] += 1;
      return a;
    }, (a, b) -> {
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
      return a;
    });
    for (int i = 0; i < 4; i++) {
      if (!(sums[i] > 0)) {
        throw new IllegalArgumentException(who + ": member " + member + "'s " + (i < 2 ? "training" : "validation")
            + " split has no " + (i % 2 == 0 ? "signal" : "background") + " weight; too few events for validationFraction " + vf);
      }
    }
    // class balance: each class sums to half the split's rows (mean weight 1), as in the members mode
    float[] trainFactor = {(float) (sums[4] / 2 / sums[0]), (float) (sums[4] / 2 / sums[1])};
    float[] valFactor = {(float) (sums[5] / 2 / sums[2]), (float) (sums[5] / 2 / sums[3])};
    double trainLossFraction = Math.min(1, TRAIN_LOSS_ROWS / sums[4]);
    NetworkSpec spec = plan.memberSpec(member);
    int bs = plan.batchSize();
    long stepsPerEpoch = Math.max(1, (long) Math.ceil(sums[4] / bs));
    long total = stepsPerEpoch * plan.epochs();

    ComputationGraph net = spec.build();
    ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(bs).batchSizePerWorker(bs)
        .averagingFrequency(AVERAGING_FREQUENCY).workerPrefetchNumBatches(0).saveUpdater(true)
        .rddTrainingApproach(RDDTrainingApproach.Direct).repartionData(Repartition.Never).rngSeed(memberSeed).build();
    SparkComputationGraph sparkNet = new SparkComputationGraph(jsc, net, master);
    INDArray bestParams = net.params().dup();
    double bestLoss = Double.POSITIVE_INFINITY;
    WeightAveraging swa = plan.swa() == null ? null : new WeightAveraging(plan.swa(), net.params());
    for (int epoch = 0; epoch < plan.epochs(); epoch++) {
      long t0 = System.nanoTime();
      double lr = 0;
      for (int chunk = 0; chunk < CHUNKS_PER_EPOCH; chunk++) {
        long step = epoch * stepsPerEpoch + (long) ((chunk + 0.5) * stepsPerEpoch / CHUNKS_PER_EPOCH);
        lr = plan.schedule().learningRate(step, stepsPerEpoch, total);
        setHyperparameters(sparkNet.getNetwork(), lr, plan.schedule().beta1(step, stepsPerEpoch, total));
        int e = epoch;
        int c = chunk;
        jsc.setJobDescription(who + " (data-parallel): member " + (member + 1) + "/" + plan.members() + ", epoch "
            + (epoch + 1) + "/" + plan.epochs() + ", chunk " + (chunk + 1) + "/" + CHUNKS_PER_EPOCH);
        JavaRDD<MultiDataSet> batches = rows.mapPartitions(it -> batches(it, spec, scaler, augment, seed, member, vf,
            memberSeed, e, c, bs, trainFactor));
        sparkNet.fitMultiDataSet(batches);
      }
      ComputationGraph current = sparkNet.getNetwork();
      double valLoss = loss(jsc, rows, current, spec, scaler, ev -> isValidation(seed, member, vf, ev.id()), valFactor);
      double trainLoss = loss(jsc, rows, current, spec, scaler, ev -> !isValidation(seed, member, vf, ev.id())
          && new EventRandom(memberSeed, ev.id(), 4000L).nextDouble() < trainLossFraction, trainFactor);
      if (valLoss < bestLoss) {
        bestLoss = valLoss;
        bestParams.assign(current.params());
      }
      double swaLoss = Double.NaN;
      if (swa != null) {
        INDArray live = current.params().dup();
        swaLoss = swa.endOfEpoch(epoch, live, p -> lossWith(jsc, rows, current, p, spec, scaler, seed, member, vf, valFactor));
        current.setParams(live);
        if (swaLoss < bestLoss) {
          bestLoss = swaLoss;
          bestParams.assign(swa.average());
        }
      }
      TrainingLoop.EpochLog log = new TrainingLoop.EpochLog(epoch, trainLoss, valLoss, swaLoss, lr,
          (System.nanoTime() - t0) / 1e9);
      out.log().add(TrainingPlan.logRow(member, log));
      System.err.println(plan.progress(member, log));
    }
    ComputationGraph best = sparkNet.getNetwork();
    best.setParams(bestParams);
    out.params()[member] = Ensemble.parameters(best);
    out.validationLoss()[member] = bestLoss;
  }

  /** Adam's LR and β1 in the layers and in the graph configuration (which DL4J's training masters send). */
  static void setHyperparameters(ComputationGraph net, double lr, double beta1) {
    org.hepml.dnn.MiniBatches.setHyperparameters(net, lr, beta1);
    for (org.deeplearning4j.nn.conf.graph.GraphVertex v : net.getConfiguration().getVertices().values()) {
      if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
          && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer bl
          && bl.getIUpdater() instanceof org.nd4j.linalg.learning.config.Adam adam) {
        adam.setLearningRate(lr);
        adam.setBeta1(beta1);
      }
    }
  }

  private static double lossWith(JavaSparkContext jsc, JavaRDD<EventRow> rows, ComputationGraph net, INDArray params,
      NetworkSpec spec, FeatureScaler scaler, long seed, int member, double vf, float[] factor) {
    net.setParams(params);
    return loss(jsc, rows, net, spec, scaler, ev -> isValidation(seed, member, vf, ev.id()), factor);
  }

  /** A serializable row filter. */
  interface RowFilter extends java.io.Serializable {
    boolean test(EventRow e);
  }

  /**
   * One chunk of one epoch of one partition as mini-batches: the partition's training rows of this chunk, in an
   * order keyed by (member seed, EventId, epoch), scaled, augmented and class-balanced.
   */
  static Iterator<MultiDataSet> batches(Iterator<EventRow> it, NetworkSpec spec, FeatureScaler scaler,
      MomentumSlots augment, long seed, int member, double vf, long memberSeed, int epoch, int chunk, int bs,
      float[] factor) {
    List<long[]> keyed = new ArrayList<>();
    List<EventRow> mine = new ArrayList<>();
    while (it.hasNext()) {
      EventRow e = it.next();
      if (isValidation(seed, member, vf, e.id())
          || new EventRandom(memberSeed, e.id(), 2000L + epoch).nextInt(CHUNKS_PER_EPOCH) != chunk) {
        continue;
      }
      keyed.add(new long[] {new EventRandom(memberSeed, e.id(), 3000L + epoch).nextLong(), mine.size()});
      mine.add(e);
    }
    keyed.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(mine.get((int) a[1]).id(), mine.get((int) b[1]).id()));
    int f = spec.inputs();
    List<MultiDataSet> out = new ArrayList<>();
    for (int start = 0; start < keyed.size(); start += bs) {
      int n = Math.min(bs, keyed.size() - start);
      double[] raw = new double[n * f];
      float[] jets = new float[n];
      float[] y = new float[n];
      float[] w = new float[n];
      long[] ids = new long[n];
      for (int r = 0; r < n; r++) {
        EventRow e = mine.get((int) keyed.get(start + r)[1]);
        System.arraycopy(e.raw(), 0, raw, r * f, f);
        jets[r] = e.jet();
        y[r] = e.label();
        w[r] = e.weight() * factor[e.label() == 1f ? 0 : 1];
        ids[r] = e.id();
      }
      float[] x = scaler.transform(raw);
      if (augment != null) {
        for (int r = 0; r < n; r++) {
          EpochAugmentation.draw(memberSeed, ids[r], epoch).applyToRow(x, r * f, augment.px(), augment.py(), augment.pz());
        }
      }
      out.add(MemberTrainer.batch(spec, x, jets, y, w, n, f));
    }
    return out.iterator();
  }

  /** Σ w'·bce / Σ w' over the rows that pass {@code filter}, w' = w · factor[class], computed where the rows lie. */
  static double loss(JavaSparkContext jsc, JavaRDD<EventRow> rows, ComputationGraph net, NetworkSpec spec,
      FeatureScaler scaler, RowFilter filter, float[] factor) {
    Broadcast<float[]> model = jsc.broadcast(Ensemble.parameters(net));
    try {
      double[] sums = rows.mapPartitions(it -> {
        ComputationGraph local = Ensemble.network(spec, model.value(), 0);
        int f = spec.inputs();
        double[] acc = new double[2];
        List<EventRow> batch = new ArrayList<>();
        while (it.hasNext() || !batch.isEmpty()) {
          if (it.hasNext()) {
            EventRow e = it.next();
            if (filter.test(e)) {
              batch.add(e);
            }
            if (batch.size() < 8192 && it.hasNext()) {
              continue;
            }
          }
          int n = batch.size();
          double[] raw = new double[n * f];
          float[] jets = new float[n];
          for (int r = 0; r < n; r++) {
            System.arraycopy(batch.get(r).raw(), 0, raw, r * f, f);
            jets[r] = batch.get(r).jet();
          }
          float[] p = n == 0 ? new float[0] : MemberTrainer.predict(local, spec, scaler.transform(raw), jets, n, f);
          for (int r = 0; r < n; r++) {
            EventRow e = batch.get(r);
            double q = Math.min(1 - 1e-7, Math.max(1e-7, p[r]));
            double w = e.weight() * factor[e.label() == 1f ? 0 : 1];
            acc[0] += w * (e.label() == 1f ? -Math.log(q) : -Math.log(1 - q));
            acc[1] += w;
          }
          batch.clear();
        }
        return List.of(acc).iterator();
      }).reduce((a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
      return sums[0] / sums[1];
    } finally {
      model.destroy();
    }
  }
}
