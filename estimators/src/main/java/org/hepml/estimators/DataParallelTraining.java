package org.hepml.estimators;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;
import org.hepml.dnn.Dl4jNetworks;
import org.hepml.dnn.FeatureScaler;
import org.hepml.dnn.InferenceNetwork;
import org.hepml.dnn.LossSum;
import org.hepml.dnn.MemberData;
import org.hepml.dnn.MemberTrainer;
import org.hepml.dnn.MiniBatches;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.dnn.TrainingLoop;
import org.hepml.dnn.TrainingNetwork;
import org.hepml.random.RandomStreams;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code trainingMode = dataParallel}, for data that do not fit one executor: nothing is collected to the driver.
 * The rows are checked, summarised and scaled where they lie (the scaler from merged per-partition moments). Each
 * member in turn runs {@link TrainingLoop}, the members mode's loop, with steps spread over the partitions:
 * synchronous parameter averaging. In each round the driver broadcasts the parameters and Adam's state; every
 * partition sets them on its own copy of the network and runs the members mode's step ({@link MiniBatches},
 * {@link TrainingNetwork}) over
 * its next {@code averagingSteps} mini-batches of the epoch; {@code treeAggregate} sums the results exactly
 * ({@link ExactSum}), weighted by the steps each partition ran, and the mean is the next state. Losses are computed
 * where the rows lie. Nothing goes through DL4J's Spark module.
 *
 * <p>An epoch has as many steps as the largest partition has mini-batches; step k of an epoch gets the schedule's
 * learning rate and Adam's bias correction of step k in every partition. The validation split takes each event
 * with probability {@code validationFraction} (stratified in expectation, not in count: an exact count would need a
 * global sort); each partition shuffles its own rows each epoch. Augmentation draws are the members mode's: per
 * (seed, EventId, epoch). The result depends on the partitioning (averaging does), on nothing else: not on the
 * order tasks finish in, nor on a retried task.
 */
final class DataParallelTraining {
    /** Training rows (in expectation) on which the logged training loss is computed. */
    static final int TRAIN_LOSS_ROWS = MemberTrainer.TRAIN_LOSS_ROWS;

    private DataParallelTraining() {}

    record Result(List<String> names, FeatureScaler scaler, TrainingSummary summary, TrainedMembers members) {}

    static Result train(Dataset<?> dataset, TrainingInput input, TrainingPlan plan, String checkpointDir) {
        List<String> names = input.names(dataset.schema());
        int f = names.size();
        boolean hasJets = input.hasJets();
        String who = input.who();
        JavaSparkContext jsc =
                JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        jsc.setJobDescription(who + " (data-parallel): checking and summarising the training rows");
        JavaRDD<PartitionRows> blocks = input.select(dataset)
                .javaRDD()
                .mapPartitions(it -> {
                    Iterator<EventRow> checked = new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public EventRow next() {
                            return EventRow.of(it.next(), f, hasJets, who);
                        }
                    };
                    return Collections.singletonList(PartitionRows.of(checked, f))
                            .iterator();
                })
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            TrainingSummary summary = blocks.aggregate(
                    new TrainingSummary(),
                    (s, b) -> {
                        for (int i = 0; i < b.rows(); i++) {
                            s.add(b.row(i));
                        }
                        return s;
                    },
                    TrainingSummary::merge);
            summary.checkBothClasses(who);
            MomentumSlots slots = MomentumSlots.of(names);
            FeatureScaler scaler = FeatureScaler.fit(
                    blocks.aggregate(
                            new FeatureScaler.Moments(f),
                            (m, b) -> m.add(b.raw(), b.rows()),
                            FeatureScaler.Moments::merge),
                    slots);
            TrainedMembers out = TrainedMembers.empty(plan.members());
            MemberCheckpoints checkpoints = checkpointDir == null || checkpointDir.isEmpty()
                    ? null
                    : new MemberCheckpoints(
                            checkpointDir,
                            MemberCheckpoints.key("dataParallel", plan, names, summary),
                            jsc.hadoopConfiguration());
            for (int member : out.resumeFrom(checkpoints)) {
                JavaRDD<Shard> shards = shards(blocks, member, plan, scaler, hasJets, who);
                try {
                    TrainingLoop.Result r = TrainingLoop.run(
                            new Steps(jsc, shards, plan, member, plan.augment() ? slots : null, who),
                            plan.epochs(),
                            plan.swa(),
                            e -> System.err.println(plan.progress(member, e)));
                    out.add(TrainedMembers.Member.of(member, r).checkpoint(checkpoints));
                } finally {
                    shards.unpersist();
                }
            }
            out.sortLog();
            return new Result(names, scaler, summary, out);
        } finally {
            jsc.setJobDescription(null);
            blocks.unpersist();
        }
    }

    /** Member m's validation events: each with probability validationFraction, keyed by (seed, EventId, m). */
    static boolean isValidation(long seed, int member, double fraction, long eventId) {
        return RandomStreams.memberSplit(seed, member, eventId) < fraction;
    }

    /**
     * One partition's rows as member m sees them: its training rows, its validation rows and the training-loss
     * subset, scaled and class-balanced with the factors of the whole split.
     */
    record Shard(MemberData train, MemberData validation, MemberData trainSample) implements Serializable {}

    /** Member m's shards, persisted; each class of each split sums to half its rows, as in the members mode. */
    static JavaRDD<Shard> shards(
            JavaRDD<PartitionRows> blocks,
            int member,
            TrainingPlan plan,
            FeatureScaler scaler,
            boolean hasJets,
            String who) {
        long seed = plan.seed();
        double vf = plan.validationFraction();
        // {train signal w, train background w, val signal w, val background w, train rows, val rows}
        double[] sums = blocks.aggregate(
                new double[6],
                (a, b) -> {
                    for (int i = 0; i < b.rows(); i++) {
                        int v = isValidation(seed, member, vf, b.ids()[i]) ? 2 : 0;
                        a[v + (b.y()[i] == 1f ? 0 : 1)] += b.w()[i];
                        a[4 + v / 2] += 1;
                    }
                    return a;
                },
                (a, b) -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] += b[i];
                    }
                    return a;
                });
        for (int i = 0; i < 4; i++) {
            if (!(sums[i] > 0)) {
                throw new IllegalArgumentException(
                        who + ": member " + member + "'s " + (i < 2 ? "training" : "validation") + " split has no "
                                + (i % 2 == 0 ? "signal" : "background")
                                + " weight; too few events for validationFraction " + vf);
            }
        }
        float[] trainFactor = {(float) (sums[4] / 2 / sums[0]), (float) (sums[4] / 2 / sums[1])};
        float[] valFactor = {(float) (sums[5] / 2 / sums[2]), (float) (sums[5] / 2 / sums[3])};
        double sampleFraction = Math.min(1, TRAIN_LOSS_ROWS / sums[4]);
        long memberSeed = plan.memberSeed(member);
        return blocks.map(b -> {
                    int n = b.rows();
                    boolean[] train = new boolean[n];
                    boolean[] val = new boolean[n];
                    boolean[] sample = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        val[i] = isValidation(seed, member, vf, b.ids()[i]);
                        train[i] = !val[i];
                        sample[i] = train[i] && RandomStreams.trainLossSample(memberSeed, b.ids()[i]) < sampleFraction;
                    }
                    return new Shard(
                            b.select(train, scaler, trainFactor, hasJets),
                            b.select(val, scaler, valFactor, hasJets),
                            b.select(sample, scaler, trainFactor, hasJets));
                })
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** What every task of a member's training needs, shipped once per task with the closure. */
    record Task(String id, TrainingPlan plan, int member, MomentumSlots augment, long stepsPerEpoch)
            implements Serializable {
        NetworkSpec spec() {
            return plan.memberSpec(member);
        }

        long total() {
            return stepsPerEpoch * plan.epochs();
        }
    }

    /** The member's steps spread over the partitions (see the class comment). */
    static final class Steps implements TrainingLoop.Steps {
        private final JavaSparkContext jsc;
        private final JavaRDD<Shard> shards;
        private final Task task;
        private final String who;
        private final int rounds;
        private final INDArray params;
        private float[] updaterState;

        Steps(
                JavaSparkContext jsc,
                JavaRDD<Shard> shards,
                TrainingPlan plan,
                int member,
                MomentumSlots augment,
                String who) {
            this.jsc = jsc;
            this.shards = shards;
            this.who = who;
            int bs = plan.batchSize();
            long largest = shards.map(s -> (long) s.train().rows()).reduce(Math::max);
            long stepsPerEpoch = Math.max(1, (largest + bs - 1) / bs);
            this.task = new Task(java.util.UUID.randomUUID().toString(), plan, member, augment, stepsPerEpoch);
            this.rounds = (int) ((stepsPerEpoch + plan.averagingSteps() - 1) / plan.averagingSteps());
            this.params = Dl4jNetworks.build(task.spec()).params().dup();
            this.updaterState = new float[2 * Math.toIntExact(params.length())]; // Adam's moments, zero
        }

        @Override
        public double fitEpoch(int epoch) {
            int k = task.plan().averagingSteps();
            int p = params.toFloatVector().length;
            for (int round = 0; round < rounds; round++) {
                jsc.setJobDescription(String.format(
                        "%s (data-parallel): member %d/%d, epoch %d/%d, averaging %d/%d",
                        who,
                        task.member() + 1,
                        task.plan().members(),
                        epoch + 1,
                        task.plan().epochs(),
                        round + 1,
                        rounds));
                float[] state = concat(params.toFloatVector(), updaterState);
                Broadcast<float[]> b = jsc.broadcast(state);
                int e = epoch;
                int from = round * k;
                Task t = task;
                ExactSum sum;
                try {
                    sum = shards.mapPartitions(it -> step(it, t, b.value(), e, from, from + k))
                            .treeAggregate(
                                    new ExactSum(state.length), (s, c) -> s.add(c.state(), c.steps()), ExactSum::merge);
                } finally {
                    b.destroy();
                }
                if (sum.weight() == 0) {
                    continue; // no partition has mini-batches this far into the epoch (cannot happen: rounds cover the
                    // largest)
                }
                float[] mean = sum.mean();
                params.assign(Nd4j.create(java.util.Arrays.copyOf(mean, p), params.shape()));
                updaterState = java.util.Arrays.copyOfRange(mean, p, mean.length);
            }
            long last = epoch * task.stepsPerEpoch() + task.stepsPerEpoch() - 1;
            return task.plan().schedule().learningRate(last, task.stepsPerEpoch(), task.total());
        }

        @Override
        public double validationLoss(INDArray at) {
            return loss(at == null ? params : at, true);
        }

        @Override
        public double trainingLoss() {
            return loss(params, false);
        }

        @Override
        public INDArray params() {
            return params;
        }

        @Override
        public void setParams(INDArray p) {
            params.assign(p);
        }

        /** Σ w·bce / Σ w over every partition's validation (or training-loss) rows, summed in partition order. */
        private double loss(INDArray at, boolean validation) {
            Broadcast<float[]> b = jsc.broadcast(at.toFloatVector());
            Task t = task;
            try {
                List<LossSum> parts = shards.map(s -> {
                            MemberData d = validation ? s.validation() : s.trainSample();
                            float[] p = InferenceNetwork.of(b.value(), t.spec())
                                    .predict(d.x(), d.jets(), d.rows(), d.features());
                            return new LossSum().add(p, d.y(), d.w(), d.rows());
                        })
                        .collect();
                LossSum total = new LossSum();
                parts.forEach(total::merge);
                return total.mean();
            } finally {
                b.destroy();
            }
        }
    }

    /** One partition's result of a round: its parameters and Adam state, and the steps it ran. */
    record Contribution(float[] state, int steps) implements Serializable {}

    /**
     * One partition's share of a round: mini-batches {@code from} to {@code to} of its epoch (fewer at its end, none
     * past it), from the broadcast state.
     */
    static Iterator<Contribution> step(Iterator<Shard> it, Task t, float[] state, int epoch, int from, int to) {
        if (!it.hasNext()) {
            return Collections.emptyIterator();
        }
        MemberData d = it.next().train();
        Worker w = Worker.forTask(t);
        int last = Math.min(to, w.batches.batches(d.rows()));
        if (from >= last) {
            return Collections.emptyIterator();
        }
        long epochStart = epoch * t.stepsPerEpoch();
        w.net.setState(state, epochStart + from);
        int[] order = MemberTrainer.permutation(d.rows(), t.plan().memberSeed(t.member()), epoch);
        w.batches.run(MiniBatches.of(w.net), d, order, epoch, from, last, epochStart, t.stepsPerEpoch(), t.total());
        return Collections.singletonList(new Contribution(w.net.state(), last - from))
                .iterator();
    }

    static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** A task thread's copy of the member's network and its mini-batch buffers, kept between rounds. */
    static final class Worker {
        private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();
        private final Task task;
        private final TrainingNetwork net;
        private final MiniBatches batches;

        private Worker(Task t) {
            this.task = t;
            this.net = new TrainingNetwork(t.spec(), new float[t.spec().parameterCount()]);
            this.batches = new MiniBatches(
                    t.spec(),
                    t.plan().schedule(),
                    t.augment(),
                    t.plan().memberSeed(t.member()),
                    t.plan().batchSize());
        }

        static Worker forTask(Task t) {
            Worker w = CURRENT.get();
            if (w == null || !w.task.id().equals(t.id())) {
                w = new Worker(t);
                CURRENT.set(w);
            }
            return w;
        }
    }
}
