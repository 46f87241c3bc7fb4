package org.hepml.estimators;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.hepml.dnn.CosineRestarts;
import org.hepml.dnn.FeatureScaler;
import org.hepml.dnn.LearningRateFinder;
import org.hepml.dnn.LearningSchedule;
import org.hepml.dnn.MemberData;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.dnn.OneCycle;
import org.hepml.dnn.WeightAveraging;
import org.hepml.event.HiggsEventSchema;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The reference study's classifier as a spark.ml Estimator: an ensemble of {@code members} densely connected
 * networks (defaults: 10 × [6 × 33, Swish, jet-count embedding], Adam, batch 256, 1cycle to 1e-2, 15 epochs),
 * trained with per-event, per-epoch symmetry augmentation of the momenta (found by name in the features vector's
 * ML attributes), each member on its own stratified 90 % / 10 % split, keeping its best-validation state;
 * ensemble weights ∝ 1 / validation loss.
 *
 * <p>Members train in parallel, one Spark task each, on one thread with plain DL4J; the scaled rows reach the
 * tasks once, by broadcast. Everything is seeded from (seed, member, EventId), so a retried task gives the same
 * member. This is {@code trainingMode = members}, for data that fit an executor; {@code dataParallel} trains each
 * member across the executors instead (see {@link DataParallelTraining}); {@code auto}, the default, picks by size.
 */
public final class DnnEnsembleClassifier extends IdentifiedEstimator<DnnEnsembleModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final Param<String> featuresCol = new Param<>(this, "featuresCol", "features vector (with ML attribute names)");
  private final Param<String> labelCol = new Param<>(this, "labelCol", "label: 1 signal, 0 background");
  private final Param<String> weightCol = new Param<>(this, "weightCol", "event weight");
  private final Param<String> jetCountCol = new Param<>(this, "jetCountCol", "jet count for the embedding ('' for none)");
  private final Param<String> eventIdCol = new Param<>(this, "eventIdCol", "event id: keys splits and augmentation");
  private final IntParam members = new IntParam(this, "members", "ensemble members");
  private final IntParam width = new IntParam(this, "width", "units per layer");
  private final IntParam depth = new IntParam(this, "depth", "hidden layers");
  private final BooleanParam dense = new BooleanParam(this, "dense", "densely connected layers");
  private final Param<String> activation = new Param<>(this, "activation", "swish, relu or selu");
  private final IntParam epochs = new IntParam(this, "epochs", "training epochs per member");
  private final IntParam batchSize = new IntParam(this, "batchSize", "mini-batch size");
  private final Param<String> schedule = new Param<>(this, "schedule", "onecycle, constant or cosine (annealing with warm restarts)");
  private final DoubleParam learningRate = new DoubleParam(this, "learningRate", "peak (onecycle, cosine) or constant learning rate");
  private final DoubleParam restartPeriod = new DoubleParam(this, "restartPeriod", "cosine: epochs in the first cycle");
  private final DoubleParam restartMultiplier = new DoubleParam(this, "restartMultiplier", "cosine: growth of each next cycle");
  private final IntParam swaStart = new IntParam(this, "swaStart", "stochastic weight averaging from this 0-based epoch (-1: off)");
  private final IntParam swaRenewal = new IntParam(this, "swaRenewal", "SWA: epochs between tries of a fresh average (0: never)");
  private final DoubleParam validationFraction = new DoubleParam(this, "validationFraction", "validation share per member");
  private final BooleanParam augment = new BooleanParam(this, "augment", "random rotation and flips per event and epoch");
  private final LongParam seed = new LongParam(this, "seed", "random seed");
  private final IntParam testTimeAugmentation = new IntParam(this, "testTimeAugmentation", "variants at inference (1: none)");
  private final Param<String> checkpointDir = new Param<>(this, "checkpointDir", "directory where finished members are "
      + "kept while training, and read back when a training of the same data and settings resumes ('' for none)");
  private final IntParam averagingSteps = new IntParam(this, "averagingSteps",
      "dataParallel: mini-batch steps each partition runs between two averagings of the parameters");
  private final Param<String> trainingMode = new Param<>(this, "trainingMode",
      "members (each member one Spark task, data broadcast), dataParallel (each member across executors, nothing "
      + "collected) or auto (by data size)");

  public DnnEnsembleClassifier(String uid) {
    super(uid);
    setDefault(featuresCol, "features");
    setDefault(labelCol, HiggsEventSchema.LABEL);
    setDefault(weightCol, HiggsEventSchema.WEIGHT);
    setDefault(jetCountCol, HiggsEventSchema.JET_COUNT);
    setDefault(eventIdCol, HiggsEventSchema.EVENT_ID);
    setDefault(members, 10);
    setDefault(width, 33);
    setDefault(depth, 6);
    setDefault(dense, true);
    setDefault(activation, "swish");
    setDefault(epochs, 15);
    setDefault(batchSize, 256);
    setDefault(schedule, "onecycle");
    setDefault(learningRate, 1e-2);
    setDefault(restartPeriod, 1.0);
    setDefault(restartMultiplier, 2.0);
    setDefault(swaStart, -1);
    setDefault(swaRenewal, 0);
    setDefault(validationFraction, 0.1);
    setDefault(augment, true);
    setDefault(seed, 42L);
    setDefault(testTimeAugmentation, 32);
    setDefault(trainingMode, "auto");
    setDefault(averagingSteps, 8);
    setDefault(checkpointDir, "");
  }

  public DnnEnsembleClassifier() {
    this(Identifiable$.MODULE$.randomUID("dnnEnsemble"));
  }

  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> labelCol() { return labelCol; }
  public Param<String> weightCol() { return weightCol; }
  public Param<String> jetCountCol() { return jetCountCol; }
  public Param<String> eventIdCol() { return eventIdCol; }
  public IntParam members() { return members; }
  public IntParam width() { return width; }
  public IntParam depth() { return depth; }
  public BooleanParam dense() { return dense; }
  public Param<String> activation() { return activation; }
  public IntParam epochs() { return epochs; }
  public IntParam batchSize() { return batchSize; }
  public Param<String> schedule() { return schedule; }
  public DoubleParam learningRate() { return learningRate; }
  public DoubleParam restartPeriod() { return restartPeriod; }
  public DoubleParam restartMultiplier() { return restartMultiplier; }
  public IntParam swaStart() { return swaStart; }
  public IntParam swaRenewal() { return swaRenewal; }
  public DoubleParam validationFraction() { return validationFraction; }
  public BooleanParam augment() { return augment; }
  public LongParam seed() { return seed; }
  public IntParam testTimeAugmentation() { return testTimeAugmentation; }
  public Param<String> trainingMode() { return trainingMode; }
  public IntParam averagingSteps() { return averagingSteps; }
  public Param<String> checkpointDir() { return checkpointDir; }

  public DnnEnsembleClassifier setFeaturesCol(String v) { set(featuresCol, v); return this; }
  public DnnEnsembleClassifier setLabelCol(String v) { set(labelCol, v); return this; }
  public DnnEnsembleClassifier setWeightCol(String v) { set(weightCol, v); return this; }
  public DnnEnsembleClassifier setJetCountCol(String v) { set(jetCountCol, v); return this; }
  public DnnEnsembleClassifier setEventIdCol(String v) { set(eventIdCol, v); return this; }
  public DnnEnsembleClassifier setMembers(int v) { set(members, positive("members", v)); return this; }
  public DnnEnsembleClassifier setWidth(int v) { set(width, positive("width", v)); return this; }
  public DnnEnsembleClassifier setDepth(int v) { set(depth, positive("depth", v)); return this; }
  public DnnEnsembleClassifier setDense(boolean v) { set(dense, v); return this; }
  public DnnEnsembleClassifier setActivation(String v) { set(activation, v.toLowerCase(Locale.ROOT)); return this; }
  public DnnEnsembleClassifier setEpochs(int v) { set(epochs, positive("epochs", v)); return this; }
  public DnnEnsembleClassifier setBatchSize(int v) { set(batchSize, positive("batchSize", v)); return this; }
  public DnnEnsembleClassifier setSchedule(String v) { set(schedule, v.toLowerCase(Locale.ROOT)); return this; }
  public DnnEnsembleClassifier setLearningRate(double v) { set(learningRate, v); return this; }
  public DnnEnsembleClassifier setRestartPeriod(double v) { set(restartPeriod, v); return this; }
  public DnnEnsembleClassifier setRestartMultiplier(double v) { set(restartMultiplier, v); return this; }
  public DnnEnsembleClassifier setSwaStart(int v) { set(swaStart, v); return this; }
  public DnnEnsembleClassifier setSwaRenewal(int v) { set(swaRenewal, v); return this; }
  public DnnEnsembleClassifier setValidationFraction(double v) { set(validationFraction, v); return this; }
  public DnnEnsembleClassifier setAugment(boolean v) { set(augment, v); return this; }
  public DnnEnsembleClassifier setSeed(long v) { set(seed, v); return this; }
  public DnnEnsembleClassifier setTestTimeAugmentation(int v) { set(testTimeAugmentation, v); return this; }
  public DnnEnsembleClassifier setTrainingMode(String v) { set(trainingMode, v); return this; }
  public DnnEnsembleClassifier setAveragingSteps(int v) { set(averagingSteps, positive("averagingSteps", v)); return this; }
  /** Keep finished members in this directory while training; a later fit of the same data and settings resumes. */
  public DnnEnsembleClassifier setCheckpointDir(String v) { set(checkpointDir, v == null ? "" : v); return this; }
  public String getCheckpointDir() { return value(checkpointDir); }

  private static int positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + v);
    }
    return v;
  }

  private <T> T value(Param<T> p) {
    return getOrDefault(p);
  }

  /** The schedule the params describe; a clear error for an unknown name or bad numbers. */
  LearningSchedule learningSchedule() {
    double lr = (Double) value(learningRate);
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("DnnEnsembleClassifier: learningRate must be a finite number >= 0, got " + lr);
    }
    return switch (value(schedule)) {
      case "onecycle" -> new OneCycle(lr / 100, lr, 1.0 / 3, 0.95, 0.85, true);
      case "constant" -> OneCycle.constant(lr);
      case "cosine" -> new CosineRestarts(lr, 0, (Double) value(restartPeriod), (Double) value(restartMultiplier), 0.9);
      default -> throw new IllegalArgumentException(
          "DnnEnsembleClassifier: schedule must be onecycle, constant or cosine, got '" + value(schedule) + "'");
    };
  }

  /** SWA settings, or null when off. */
  WeightAveraging.Settings swaSettings() {
    int start = (Integer) value(swaStart);
    if (start < 0) {
      return null;
    }
    if (start >= (Integer) value(epochs)) {
      throw new IllegalArgumentException("DnnEnsembleClassifier: swaStart " + start + " is not before the last epoch ("
          + value(epochs) + " epochs)");
    }
    return new WeightAveraging.Settings(start, (Integer) value(swaRenewal));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    TrainingRows.checkSchema(schema, value(featuresCol), value(labelCol), value(weightCol), value(jetCountCol), null, "DnnEnsembleClassifier");
    double vf = (Double) value(validationFraction);
    if (!(vf > 0 && vf < 1)) {
      throw new IllegalArgumentException("DnnEnsembleClassifier: validationFraction must be in (0, 1), got " + vf);
    }
    learningSchedule();
    swaSettings();
    if (!List.of("auto", "members", "dataParallel").contains(value(trainingMode))) {
      throw new IllegalArgumentException("DnnEnsembleClassifier: trainingMode must be auto, members or dataParallel, got '"
          + value(trainingMode) + "'");
    }
    return copyValues(new DnnEnsembleModel(uid(), null), ParamMap.empty()).transformSchema(schema);
  }

  /** Every param's value (set or default) but the checkpoint directory: what reproduces the training. */
  private Map<String, Object> settings() {
    Map<String, Object> m = new java.util.TreeMap<>();
    for (Param<?> p : params()) {
      if (isDefined(p) && !p.name().equals("checkpointDir")) {
        m.put(p.name(), getOrDefault(p));
      }
    }
    return m;
  }

  @Override
  public DnnEnsembleModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String who = "DnnEnsembleClassifier";
    long s = (Long) value(seed);
    int f = TrainingRows.featureNames(dataset.schema(), value(featuresCol)).size();
    TrainingPlan plan = new TrainingPlan(new NetworkSpec(f, (Integer) value(width), (Integer) value(depth),
        (Boolean) value(dense), value(activation), !value(jetCountCol).isEmpty(), s, DataType.FLOAT), learningSchedule(),
        swaSettings(), (Integer) value(epochs), (Integer) value(batchSize), (Double) value(validationFraction), s,
        (Integer) value(members), (Boolean) value(augment), (Integer) value(averagingSteps));
    String mode = resolveTrainingMode(dataset, f);
    Ensemble ensemble;
    if (mode.equals("dataParallel")) {
      DataParallelTraining.Result r = DataParallelTraining.train(dataset, value(featuresCol), value(labelCol),
          value(weightCol), value(jetCountCol), value(eventIdCol), plan, value(checkpointDir), who);
      ensemble = new Ensemble(plan.spec(), r.names(), r.scaler(), r.members().params(), r.members().validationLoss());
      ensemble.trainingLog = r.members().log();
      ensemble.provenance = Provenance.of(r.summary(), s, mode, dataset.sparkSession().version(), r.members().resumed(),
          settings());
    } else {
      Object[] collected = TrainingRows.collect(dataset, value(featuresCol), value(labelCol), value(weightCol),
          value(jetCountCol), value(eventIdCol), who);
      TrainingRows rows = (TrainingRows) collected[0];
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
      MemberCheckpoints checkpoints = value(checkpointDir).isEmpty() ? null : new MemberCheckpoints(value(checkpointDir),
          MemberCheckpoints.key("members", plan, rows.names, (TrainingSummary) collected[2]), jsc.hadoopConfiguration());
      TrainedMembers t = MemberParallelTraining.train(jsc, rows, plan, checkpoints);
      ensemble = new Ensemble(plan.spec(), rows.names, (FeatureScaler) collected[1], t.params(), t.validationLoss());
      ensemble.trainingLog = t.log();
      ensemble.provenance = Provenance.of((TrainingSummary) collected[2], s, mode, dataset.sparkSession().version(),
          t.resumed(), settings());
    }
    DnnEnsembleModel model = new DnnEnsembleModel(uid(), ensemble);
    return copyValues(model, ParamMap.empty()).setParent(this);
  }

  /**
   * members or dataParallel; auto picks members when the training rows, as the members mode holds them (on the
   * driver while collecting, then once per executor by broadcast, about 8·f + 32 bytes per row with its copies),
   * take at most a quarter of the smaller of the driver's and an executor's memory.
   */
  String resolveTrainingMode(Dataset<?> dataset, int features) {
    String mode = value(trainingMode);
    if (!mode.equals("auto")) {
      return mode;
    }
    long rows = dataset.count();
    long bytesNeeded = rows * (8L * features + 32);
    long budget = Math.min(Runtime.getRuntime().maxMemory(),
        dataset.sparkSession().sparkContext().getConf().getSizeAsBytes("spark.executor.memory", "1g")) / 4;
    if (dataset.sparkSession().sparkContext().isLocal()) {
      budget = Runtime.getRuntime().maxMemory() / 4;   // local: the executor is the driver
    }
    return bytesNeeded <= budget ? "members" : "dataParallel";
  }

  /**
   * The learning-rate range test on this data with this classifier's network, batch size, augmentation and seed:
   * one pass, the rate growing geometrically from {@code lrMin} to {@code lrMax} (the reference: 1e-5 to 10).
   */
  public LearningRateFinder.Curve findLearningRate(Dataset<?> dataset, double lrMin, double lrMax) {
    transformSchema(dataset.schema());
    Object[] collected = TrainingRows.collect(dataset, value(featuresCol), value(labelCol), value(weightCol),
        value(jetCountCol), value(eventIdCol), "DnnEnsembleClassifier");
    TrainingRows rows = (TrainingRows) collected[0];
    long s = (Long) value(seed);
    NetworkSpec spec = new NetworkSpec(rows.features, (Integer) value(width), (Integer) value(depth), (Boolean) value(dense),
        value(activation), !value(jetCountCol).isEmpty(), s, DataType.FLOAT);
    MemberData all = new MemberData(rows.x, rows.features, rows.jets, rows.y, rows.w, rows.ids);
    return LearningRateFinder.run(all, spec, (Integer) value(batchSize), lrMin, lrMax, s,
        (Boolean) value(augment) ? MomentumSlots.of(rows.names) : null);
  }

  @Override
  public DnnEnsembleClassifier copy(ParamMap extra) {
    return (DnnEnsembleClassifier) defaultCopy(extra);
  }

  public static MLReader<DnnEnsembleClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static DnnEnsembleClassifier load(String path) {
    return read().load(path);
  }
}
