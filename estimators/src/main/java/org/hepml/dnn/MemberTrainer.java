package org.hepml.dnn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hepml.random.RandomStreams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The members mode's {@link TrainingLoop.Steps}: one member trained on one thread, over its own rows, by the
 * hand-written {@link TrainingNetwork} step on the {@link Dl4jNetworks} graph's initial parameters (the system
 * property {@code hepml.training=dl4j} runs DL4J's own {@code fit} instead, for comparisons); the graph holds the
 * parameters between epochs, for the losses, weight averaging and the member file.
 * Adam with the learning rate and β1 of a {@link LearningSchedule} (1cycle, constant, cosine with restarts) set at
 * every step, mini-batches of a seeded per-epoch shuffle ({@link MiniBatches}), per-event weights (class-balanced),
 * optional per-event, per-epoch symmetry augmentation of the momenta; the loop keeps the best-validation state and
 * optionally averages weights.
 *
 * <p>Weights travel beside the labels, (y, w), into {@link WeightedBinaryCrossEntropy}, which applies them exactly
 * once (DL4J's label masks scale the output's pre-activations: not weights). The logged training loss is the
 * weighted loss after each epoch on a fixed subset of the training rows.
 */
public final class MemberTrainer implements TrainingLoop.Steps {
    /** Training rows on which the logged training loss is computed after each epoch. */
    public static final int TRAIN_LOSS_ROWS = 20_000;

    private final ComputationGraph net;
    private final Config config;
    private final MemberData train;
    private final MemberData validation;
    private final MemberData trainSample;
    private final MiniBatches steps;
    private final MiniBatches.Step step;
    private final TrainingNetwork fast;
    private final long stepsPerEpoch;

    private MemberTrainer(MemberData train, MemberData val, Config c) {
        this.train = train.classBalanced();
        this.validation = val.classBalanced();
        this.trainSample = head(this.train, TRAIN_LOSS_ROWS);
        this.config = c;
        this.net = Dl4jNetworks.build(c.spec());
        this.steps = new MiniBatches(
                c.spec(), c.schedule(), c.augment(), c.seed(), Math.min(c.batchSize(), this.train.rows()));
        this.stepsPerEpoch = steps.batches(this.train.rows());
        if (dl4jSteps()) {
            this.fast = null;
            this.step = steps.dl4j(net);
        } else {
            this.fast = new TrainingNetwork(c.spec(), net.params().toFloatVector());
            this.step = MiniBatches.of(fast);
        }
    }

    /** Whether DL4J's own {@code fit} was asked for ({@code -Dhepml.training=dl4j}). */
    public static boolean dl4jSteps() {
        return "dl4j".equalsIgnoreCase(System.getProperty("hepml.training", ""));
    }

    /** The first rows of the data (a fixed subset). */
    static MemberData head(MemberData d, int rows) {
        int m = Math.min(rows, d.rows());
        int f = d.features();
        return new MemberData(
                Arrays.copyOf(d.x(), m * f),
                f,
                d.jets() == null ? null : Arrays.copyOf(d.jets(), m),
                Arrays.copyOf(d.y(), m),
                Arrays.copyOf(d.w(), m),
                Arrays.copyOf(d.eventId(), m));
    }

    /**
     * What to train: the network, schedule, epochs, batch size, seed; {@code augment} null for no augmentation,
     * {@code swa} null for no weight averaging.
     */
    public record Config(
            NetworkSpec spec,
            LearningSchedule schedule,
            int epochs,
            int batchSize,
            long seed,
            MomentumSlots augment,
            WeightAveraging.Settings swa) {
        public Config {
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException(
                        "epochs and batch size must be positive, got " + epochs + ", " + batchSize);
            }
        }

        public Config(
                NetworkSpec spec,
                LearningSchedule schedule,
                int epochs,
                int batchSize,
                long seed,
                MomentumSlots augment) {
            this(spec, schedule, epochs, batchSize, seed, augment, null);
        }
    }

    /**
     * The trained member: the network with the best-validation state, its loss and epoch, whether that state is the
     * weight average, and the log.
     */
    public record Result(
            ComputationGraph network,
            double bestValLoss,
            int bestEpoch,
            boolean bestIsAverage,
            List<TrainingLoop.EpochLog> log) {}

    /** The steps of one member on these rows (weights class-balanced here), for {@link TrainingLoop#run}. */
    public static MemberTrainer of(MemberData train, MemberData val, Config c) {
        return new MemberTrainer(train, val, c);
    }

    /** Trains with {@link TrainingLoop}; the returned network has the best state. */
    public static Result train(MemberData train, MemberData val, Config c, Consumer<TrainingLoop.EpochLog> progress) {
        MemberTrainer t = new MemberTrainer(train, val, c);
        TrainingLoop.Result r = TrainingLoop.run(t, c.epochs(), c.swa(), progress);
        t.net.setParams(r.bestParams());
        return new Result(t.net, r.bestValLoss(), r.bestEpoch(), r.bestIsAverage(), r.log());
    }

    @Override
    public double fitEpoch(int epoch) {
        int[] order = permutation(train.rows(), config.seed(), epoch);
        double lr = steps.run(
                step,
                train,
                order,
                epoch,
                0,
                (int) stepsPerEpoch,
                epoch * stepsPerEpoch,
                stepsPerEpoch,
                stepsPerEpoch * config.epochs());
        if (fast != null) {
            net.setParams(Nd4j.create(fast.params(), net.params().shape(), DataType.FLOAT));
        }
        return lr;
    }

    @Override
    public double validationLoss(INDArray params) {
        if (params == null) {
            return weightedLoss(net, config.spec(), validation);
        }
        INDArray live = net.params().dup();
        net.setParams(params);
        double loss = weightedLoss(net, config.spec(), validation);
        net.setParams(live);
        return loss;
    }

    @Override
    public double trainingLoss() {
        return weightedLoss(net, config.spec(), trainSample);
    }

    @Override
    public INDArray params() {
        return net.params();
    }

    @Override
    public void setParams(INDArray params) {
        net.setParams(params);
        if (fast != null) {
            fast.setParams(params.toFloatVector());
        }
    }

    /** A shuffle of 0..n−1 that depends only on (seed, epoch). */
    public static int[] permutation(int n, long seed, int epoch) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = RandomStreams.epochShuffle(seed, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    /** A freshly allocated batch of {@code rows} rows: inputs (and jet counts) and the (y, w) label pairs. */
    public static MultiDataSet batch(
            NetworkSpec spec, DataType dt, float[] x, float[] jets, float[] y, float[] w, int rows, int f) {
        INDArray xs = Nd4j.create(Arrays.copyOf(x, rows * f), new long[] {rows, f}, DataType.FLOAT)
                .castTo(dt);
        float[] yw = new float[rows * 2];
        for (int i = 0; i < rows; i++) {
            yw[2 * i] = y[i];
            yw[2 * i + 1] = w == null ? 1f : w[i];
        }
        INDArray ys = Nd4j.create(yw, new long[] {rows, 2}, DataType.FLOAT).castTo(dt);
        INDArray[] inputs = spec.jetEmbedding()
                ? new INDArray[] {
                    xs,
                    Nd4j.create(Arrays.copyOf(jets, rows), new long[] {rows, 1}, DataType.FLOAT)
                            .castTo(dt)
                }
                : new INDArray[] {xs};
        return new MultiDataSet(inputs, new INDArray[] {ys});
    }

    /**
     * Signal probabilities for scaled rows, in batches. A row's probability can differ in the last float bit with
     * its position in a batch (BLAS kernels work in tiles), so scores agree across batchings and partitionings to
     * float rounding (about 1e-7), not bit for bit; training, whose batches are fixed by the seed, is bitwise.
     */
    public static float[] predict(ComputationGraph net, NetworkSpec spec, float[] x, float[] jets, int rows, int f) {
        DataType dt = net.params().dataType();
        float[] out = new float[rows];
        int bs = 8192;
        for (int start = 0; start < rows; start += bs) {
            int m = Math.min(bs, rows - start);
            INDArray xs = Nd4j.create(
                            Arrays.copyOfRange(x, start * f, (start + m) * f), new long[] {m, f}, DataType.FLOAT)
                    .castTo(dt);
            INDArray[] in = spec.jetEmbedding()
                    ? new INDArray[] {
                        xs,
                        Nd4j.create(Arrays.copyOfRange(jets, start, start + m), new long[] {m, 1}, DataType.FLOAT)
                                .castTo(dt)
                    }
                    : new INDArray[] {xs};
            float[] p = net.output(false, in)[0].castTo(DataType.FLOAT).data().asFloat();
            System.arraycopy(p, 0, out, start, m);
        }
        return out;
    }

    /**
     * Weighted binary cross-entropy, Σ w·bce / Σ w, probabilities clipped to [1e-7, 1 − 1e-7] ({@link LossSum}),
     * with the network's parameters scored by {@link InferenceNetwork} (DL4J's output to float rounding, and 5-10
     * times faster on these layers: with the hand-written step, DL4J's scoring of the validation and training-loss
     * rows was most of an epoch's time).
     */
    public static double weightedLoss(ComputationGraph net, NetworkSpec spec, MemberData d) {
        float[] p = InferenceNetwork.of(net.params().toFloatVector(), spec)
                .predict(d.x(), d.jets(), d.rows(), d.features());
        return new LossSum().add(p, d.y(), d.w(), p.length).mean();
    }
}
