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
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.hepml.dnn.CosineRestarts;
import org.hepml.dnn.LearningRateFinder;
import org.hepml.dnn.LearningSchedule;
import org.hepml.dnn.MemberData;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.dnn.OneCycle;
import org.hepml.dnn.WeightAveraging;
import org.hepml.event.HiggsEventSchema;
import org.hepml.params.Check;
import org.hepml.params.HasEventIdCol;
import org.hepml.params.HasFeaturesCol;
import org.hepml.params.HasFeaturesCols;
import org.hepml.params.HasJetCountCol;
import org.hepml.params.HasLabelCol;
import org.hepml.params.HasWeightCol;
import org.hepml.persistence.ParamsReader;

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
public final class DnnEnsembleClassifier extends IdentifiedEstimator<DnnEnsembleModel>
        implements DefaultParamsWritable,
                HasFeaturesCol<DnnEnsembleClassifier>,
                HasFeaturesCols<DnnEnsembleClassifier>,
                HasLabelCol<DnnEnsembleClassifier>,
                HasWeightCol<DnnEnsembleClassifier>,
                HasJetCountCol<DnnEnsembleClassifier>,
                HasEventIdCol<DnnEnsembleClassifier>,
                HasTestTimeAugmentation<DnnEnsembleClassifier> {
    private static final long serialVersionUID = 1L;
    static final String[] ACTIVATIONS = {"swish", "relu", "selu"};
    static final String[] SCHEDULES = {"onecycle", "constant", "cosine"};
    static final String[] TRAINING_MODES = {"auto", "members", "dataParallel"};

    private final IntParam members =
            new IntParam(this, "members", "ensemble members", Check.atLeast(this, "members", 1));
    private final IntParam width = new IntParam(this, "width", "units per layer", Check.atLeast(this, "width", 1));
    private final IntParam depth = new IntParam(this, "depth", "hidden layers", Check.atLeast(this, "depth", 1));
    private final BooleanParam dense = new BooleanParam(this, "dense", "densely connected layers");
    private final Param<String> activation =
            new Param<>(this, "activation", "swish, relu or selu", Check.oneOf(this, "activation", ACTIVATIONS));
    private final IntParam epochs =
            new IntParam(this, "epochs", "training epochs per member", Check.atLeast(this, "epochs", 1));
    private final IntParam batchSize =
            new IntParam(this, "batchSize", "mini-batch size", Check.atLeast(this, "batchSize", 1));
    private final Param<String> schedule = new Param<>(
            this,
            "schedule",
            "onecycle, constant or cosine (annealing with warm restarts)",
            Check.oneOf(this, "schedule", SCHEDULES));
    private final DoubleParam learningRate = new DoubleParam(
            this,
            "learningRate",
            "peak (onecycle, cosine) or constant learning rate",
            Check.positive(this, "learningRate", false));
    private final DoubleParam restartPeriod = new DoubleParam(
            this, "restartPeriod", "cosine: epochs in the first cycle", Check.positive(this, "restartPeriod", true));
    private final DoubleParam restartMultiplier = new DoubleParam(
            this,
            "restartMultiplier",
            "cosine: growth of each next cycle",
            Check.positive(this, "restartMultiplier", true));
    private final IntParam swaStart = new IntParam(
            this,
            "swaStart",
            "stochastic weight averaging from this 0-based epoch (-1: off)",
            Check.atLeast(this, "swaStart", -1));
    private final IntParam swaRenewal = new IntParam(
            this,
            "swaRenewal",
            "SWA: epochs between tries of a fresh average (0: never)",
            Check.atLeast(this, "swaRenewal", 0));
    private final DoubleParam validationFraction = new DoubleParam(
            this, "validationFraction", "validation share per member", Check.between(this, "validationFraction", 0, 1));
    private final BooleanParam augment =
            new BooleanParam(this, "augment", "random rotation and flips per event and epoch");
    private final LongParam seed = new LongParam(this, "seed", "random seed");
    private final Param<String> checkpointDir = new Param<>(
            this,
            "checkpointDir",
            "directory where finished members are "
                    + "kept while training, and read back when a training of the same data and settings resumes ('' "
                    + "for none)",
            Check.column(this, "checkpointDir"));
    private final IntParam averagingSteps = new IntParam(
            this,
            "averagingSteps",
            "dataParallel: mini-batch steps each partition runs between two averagings of the parameters",
            Check.atLeast(this, "averagingSteps", 1));
    private final Param<String> trainingMode = new Param<>(
            this,
            "trainingMode",
            "members (each member one Spark task, data broadcast), dataParallel (each member across executors, nothing "
                    + "collected) or auto (by data size)",
            Check.oneOf(this, "trainingMode", TRAINING_MODES));

    public DnnEnsembleClassifier(String uid) {
        super(uid);
        setDefault(featuresCol(), "features");
        setDefault(featuresCols(), new String[0]);
        setDefault(labelCol(), HiggsEventSchema.LABEL);
        setDefault(weightCol(), HiggsEventSchema.WEIGHT);
        setDefault(jetCountCol(), HiggsEventSchema.JET_COUNT);
        setDefault(eventIdCol(), HiggsEventSchema.EVENT_ID);
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
        setDefault(testTimeAugmentation(), 32);
        setDefault(trainingMode, "auto");
        setDefault(averagingSteps, 8);
        setDefault(checkpointDir, "");
    }

    public DnnEnsembleClassifier() {
        this(Identifiable$.MODULE$.randomUID("dnnEnsemble"));
    }

    public IntParam members() {
        return members;
    }

    public IntParam width() {
        return width;
    }

    public IntParam depth() {
        return depth;
    }

    public BooleanParam dense() {
        return dense;
    }

    public Param<String> activation() {
        return activation;
    }

    public IntParam epochs() {
        return epochs;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public Param<String> schedule() {
        return schedule;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public DoubleParam restartPeriod() {
        return restartPeriod;
    }

    public DoubleParam restartMultiplier() {
        return restartMultiplier;
    }

    public IntParam swaStart() {
        return swaStart;
    }

    public IntParam swaRenewal() {
        return swaRenewal;
    }

    public DoubleParam validationFraction() {
        return validationFraction;
    }

    public BooleanParam augment() {
        return augment;
    }

    public LongParam seed() {
        return seed;
    }

    public Param<String> trainingMode() {
        return trainingMode;
    }

    public IntParam averagingSteps() {
        return averagingSteps;
    }

    public Param<String> checkpointDir() {
        return checkpointDir;
    }

    public int getMembers() {
        return (Integer) getOrDefault(members);
    }

    public int getWidth() {
        return (Integer) getOrDefault(width);
    }

    public int getDepth() {
        return (Integer) getOrDefault(depth);
    }

    public boolean getDense() {
        return (Boolean) getOrDefault(dense);
    }

    public String getActivation() {
        return getOrDefault(activation);
    }

    public int getEpochs() {
        return (Integer) getOrDefault(epochs);
    }

    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    public String getSchedule() {
        return getOrDefault(schedule);
    }

    public double getLearningRate() {
        return (Double) getOrDefault(learningRate);
    }

    public double getRestartPeriod() {
        return (Double) getOrDefault(restartPeriod);
    }

    public double getRestartMultiplier() {
        return (Double) getOrDefault(restartMultiplier);
    }

    public int getSwaStart() {
        return (Integer) getOrDefault(swaStart);
    }

    public int getSwaRenewal() {
        return (Integer) getOrDefault(swaRenewal);
    }

    public double getValidationFraction() {
        return (Double) getOrDefault(validationFraction);
    }

    public boolean getAugment() {
        return (Boolean) getOrDefault(augment);
    }

    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    public String getTrainingMode() {
        return getOrDefault(trainingMode);
    }

    public int getAveragingSteps() {
        return (Integer) getOrDefault(averagingSteps);
    }

    public String getCheckpointDir() {
        return getOrDefault(checkpointDir);
    }

    public DnnEnsembleClassifier setMembers(int v) {
        set(members, v);
        return this;
    }

    public DnnEnsembleClassifier setWidth(int v) {
        set(width, v);
        return this;
    }

    public DnnEnsembleClassifier setDepth(int v) {
        set(depth, v);
        return this;
    }

    public DnnEnsembleClassifier setDense(boolean v) {
        set(dense, v);
        return this;
    }
    /** swish, relu or selu (any case). */
    public DnnEnsembleClassifier setActivation(String v) {
        set(activation, v == null ? null : v.toLowerCase(Locale.ROOT));
        return this;
    }

    public DnnEnsembleClassifier setEpochs(int v) {
        set(epochs, v);
        return this;
    }

    public DnnEnsembleClassifier setBatchSize(int v) {
        set(batchSize, v);
        return this;
    }
    /** onecycle, constant or cosine (any case). */
    public DnnEnsembleClassifier setSchedule(String v) {
        set(schedule, v == null ? null : v.toLowerCase(Locale.ROOT));
        return this;
    }

    public DnnEnsembleClassifier setLearningRate(double v) {
        set(learningRate, v);
        return this;
    }

    public DnnEnsembleClassifier setRestartPeriod(double v) {
        set(restartPeriod, v);
        return this;
    }

    public DnnEnsembleClassifier setRestartMultiplier(double v) {
        set(restartMultiplier, v);
        return this;
    }

    public DnnEnsembleClassifier setSwaStart(int v) {
        set(swaStart, v);
        return this;
    }

    public DnnEnsembleClassifier setSwaRenewal(int v) {
        set(swaRenewal, v);
        return this;
    }

    public DnnEnsembleClassifier setValidationFraction(double v) {
        set(validationFraction, v);
        return this;
    }

    public DnnEnsembleClassifier setAugment(boolean v) {
        set(augment, v);
        return this;
    }

    public DnnEnsembleClassifier setSeed(long v) {
        set(seed, v);
        return this;
    }

    public DnnEnsembleClassifier setTrainingMode(String v) {
        set(trainingMode, v);
        return this;
    }

    public DnnEnsembleClassifier setAveragingSteps(int v) {
        set(averagingSteps, v);
        return this;
    }
    /** Keep finished members in this directory while training; a later fit of the same data and settings resumes. */
    public DnnEnsembleClassifier setCheckpointDir(String v) {
        set(checkpointDir, v == null ? "" : v);
        return this;
    }

    /** The schedule the params describe. */
    LearningSchedule learningSchedule() {
        double lr = getLearningRate();
        return switch (getSchedule()) {
            case "onecycle" -> new OneCycle(lr / 100, lr, 1.0 / 3, 0.95, 0.85, true);
            case "constant" -> OneCycle.constant(lr);
            default -> new CosineRestarts(lr, 0, getRestartPeriod(), getRestartMultiplier(), 0.9);
        };
    }

    /** SWA settings, or null when off; swaStart must come before the last epoch (a check across two params). */
    WeightAveraging.Settings swaSettings() {
        if (getSwaStart() < 0) {
            return null;
        }
        if (getSwaStart() >= getEpochs()) {
            throw new IllegalArgumentException("DnnEnsembleClassifier: swaStart " + getSwaStart()
                    + " is not before the last epoch (" + getEpochs() + " epochs)");
        }
        return new WeightAveraging.Settings(getSwaStart(), getSwaRenewal());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        TrainingInput.of(this).check(schema);
        swaSettings();
        return copyValues(new DnnEnsembleModel(uid(), null), ParamMap.empty()).transformSchema(schema);
    }

    /** Every param's value (set or default) but the checkpoint directory: what reproduces the training. */
    private Map<String, Object> settings() {
        Map<String, Object> m = new java.util.TreeMap<>();
        for (Param<?> p : params()) {
            if (isDefined(p) && !p.name().equals("checkpointDir")) {
                Object v = getOrDefault(p);
                m.put(p.name(), v instanceof Object[] a ? List.of(a) : v); // a list: what JSON reads back
            }
        }
        return m;
    }

    private NetworkSpec networkSpec(int features) {
        return new NetworkSpec(
                features,
                getWidth(),
                getDepth(),
                getDense(),
                getActivation(),
                !getJetCountCol().isEmpty(),
                getSeed());
    }

    @Override
    public DnnEnsembleModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        int f = FeatureInput.of(this).names(dataset.schema()).size();
        TrainingPlan plan = new TrainingPlan(
                networkSpec(f),
                learningSchedule(),
                swaSettings(),
                getEpochs(),
                getBatchSize(),
                getValidationFraction(),
                getSeed(),
                getMembers(),
                getAugment(),
                getAveragingSteps());
        String mode = resolveTrainingMode(dataset, f);
        String version = dataset.sparkSession().version();
        Ensemble ensemble;
        if (mode.equals("dataParallel")) {
            DataParallelTraining.Result r =
                    DataParallelTraining.train(dataset, TrainingInput.of(this), plan, getCheckpointDir());
            ensemble = Ensemble.trained(
                    plan.spec(),
                    r.names(),
                    r.scaler(),
                    r.members(),
                    Provenance.of(
                            r.summary(), getSeed(), mode, version, r.members().resumed(), settings()));
        } else {
            TrainingRows.Collected c = TrainingRows.collect(dataset, TrainingInput.of(this));
            JavaSparkContext jsc =
                    JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
            MemberCheckpoints checkpoints = getCheckpointDir().isEmpty()
                    ? null
                    : new MemberCheckpoints(
                            getCheckpointDir(),
                            MemberCheckpoints.key("members", plan, c.rows().names, c.summary()),
                            jsc.hadoopConfiguration());
            TrainedMembers t = MemberParallelTraining.train(jsc, c.rows(), plan, checkpoints);
            ensemble = Ensemble.trained(
                    plan.spec(),
                    c.rows().names,
                    c.scaler(),
                    t,
                    Provenance.of(c.summary(), getSeed(), mode, version, t.resumed(), settings()));
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
        String mode = getTrainingMode();
        if (!mode.equals("auto")) {
            return mode;
        }
        long rows = dataset.count();
        long bytesNeeded = rows * (8L * features + 32);
        long budget = Math.min(
                        Runtime.getRuntime().maxMemory(),
                        dataset.sparkSession().sparkContext().getConf().getSizeAsBytes("spark.executor.memory", "1g"))
                / 4;
        if (dataset.sparkSession().sparkContext().isLocal()) {
            budget = Runtime.getRuntime().maxMemory() / 4; // local: the executor is the driver
        }
        return bytesNeeded <= budget ? "members" : "dataParallel";
    }

    /**
     * The learning-rate range test on this data with this classifier's network, batch size, augmentation and seed:
     * one pass, the rate growing geometrically from {@code lrMin} to {@code lrMax} (the reference: 1e-5 to 10).
     */
    public LearningRateFinder.Curve findLearningRate(Dataset<?> dataset, double lrMin, double lrMax) {
        transformSchema(dataset.schema());
        TrainingRows rows =
                TrainingRows.collect(dataset, TrainingInput.of(this)).rows();
        MemberData all = new MemberData(rows.x, rows.features, rows.jets, rows.y, rows.w, rows.ids);
        return LearningRateFinder.run(
                all,
                networkSpec(rows.features),
                getBatchSize(),
                lrMin,
                lrMax,
                getSeed(),
                getAugment() ? MomentumSlots.of(rows.names) : null);
    }

    @Override
    public DnnEnsembleClassifier copy(ParamMap extra) {
        return (DnnEnsembleClassifier) defaultCopy(extra);
    }

    public static MLReader<DnnEnsembleClassifier> read() {
        return new ParamsReader<>();
    }

    public static DnnEnsembleClassifier load(String path) {
        return read().load(path);
    }
}
