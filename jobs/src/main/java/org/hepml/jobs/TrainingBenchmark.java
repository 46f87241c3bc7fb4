package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hepml.dnn.Dl4jNetworks;
import org.hepml.dnn.MemberData;
import org.hepml.dnn.MemberTrainer;
import org.hepml.dnn.MiniBatches;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.dnn.OneCycle;
import org.hepml.dnn.TrainingNetwork;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.jobs.cli.Hardware;
import org.hepml.jobs.cli.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Training's cost per optimiser step: DL4J mini-batch steps of the reference network (the members mode's loop,
 * {@link MiniBatches}: augmentation, 1cycle, Adam) on random events, one member per thread as the members mode runs
 * them, beside ND4J's SGEMM peak in the same process.
 */
@Command(
        name = "training",
        mixinStandardHelpOptions = true,
        header = "Training speed: mini-batch steps per second and GFLOP/s of the reference network, DL4J's fit and "
                + "the hand-written TrainingNetwork.",
        description = "Trains the reference network (30 inputs, 6 dense × 33 Swish units, jet embedding) with the "
                + "members mode's own loop (per-event augmentation, 1cycle schedule, Adam, batch --batch) for "
                + "--epochs epochs of N random events, with DL4J's fit and with the hand-written TrainingNetwork step "
                + "(the members mode's default): first one member alone, then one member per thread on "
                + "--threads threads, as 'hepml train' runs members in parallel. GFLOP/s counts 3 × 2 per "
                + "multiply-add and event (forward, and a backward pass of twice its work). Compare with the "
                + "PyTorch peer: /usr/bin/python3 ../shared/tools/peer_torch.py train DEV.csv HOLDOUT.csv OUT.csv "
                + "--members M --epochs E, whose log gives its training seconds.")
final class TrainingBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "100000",
            description = "Training events per member (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs per member (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "256", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "Members trained side by side in the second row (default: 0, one per core).")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (events < batch || epochs < 1 || batch < 1 || threads < 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--epochs and --batch must be positive and --events at least --batch");
        }
        int cores = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        NetworkSpec net = NetworkSpec.reference(30, 1);
        MemberData data = randomEvents(events, net.inputs());
        long macs = ScoringBenchmark.multiplyAdds(net);
        List<Object[]> rows = new ArrayList<>();
        for (boolean dl4j : new boolean[] {true, false}) {
            train(net, data, 1, dl4j); // warm-up: JIT and ND4J's first allocations, not timed
            for (int members : cores == 1 ? new int[] {1} : new int[] {1, cores}) {
                long t0 = System.nanoTime();
                train(net, data, members, dl4j);
                double s = (System.nanoTime() - t0) / 1e9;
                double samples = (double) events * epochs * members;
                double steps = Math.ceil((double) events / batch) * epochs * members;
                rows.add(new Object[] {members, samples, steps, s, dl4j});
            }
        }
        String kernel = new TrainingNetwork(net, new float[net.parameterCount()]).describe();
        // the peak after training: bin/hepml runs ND4J on one OpenMP thread per member; SGEMM gets every core
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(cores);
        double peak = ScoringBenchmark.sgemmPeak(2048);
        TextTable t = new TextTable(
                "what", "members", "events × epochs", "seconds", "steps/s", "events/s", "GFLOP/s", "share of peak");
        for (Object[] row : rows) {
            int members = (Integer) row[0];
            double samples = (Double) row[1];
            double steps = (Double) row[2];
            double s = (Double) row[3];
            String how = (Boolean) row[4] ? "DL4J fit" : "TrainingNetwork (" + kernel + ")";
            double gflops = 6.0 * macs * samples / s / 1e9;
            t.row(
                    how + ", batch " + batch + ", " + members + " member"
                            + (members == 1 ? "" : "s side by side") + " (" + members + " thread"
                            + (members == 1 ? "" : "s") + ")",
                    Integer.toString(members),
                    String.format(Locale.ROOT, "%,d × %d", events, epochs),
                    String.format(Locale.ROOT, "%.2f", s),
                    String.format(Locale.ROOT, "%,.0f", steps / s),
                    String.format(Locale.ROOT, "%,.0f", samples / s),
                    String.format(Locale.ROOT, "%.1f", gflops),
                    String.format(Locale.ROOT, "%.0f %%", 100 * gflops / peak));
        }
        t.row(
                "ND4J SGEMM peak, 2048 × 2048 squares, " + cores + " threads",
                "",
                "",
                "",
                "",
                "",
                String.format(Locale.ROOT, "%.1f", peak),
                "100 %");
        out.print(t);
        out.printf(
                "%n%,d multiply-adds per event and forward pass; a training step counts 3 passes' worth%n"
                        + "machine: %s%n",
                macs, Hardware.describe("local"));
        return 0;
    }

    private void train(NetworkSpec net, MemberData data, int members, boolean dl4j) throws Exception {
        MomentumSlots slots = MomentumSlots.of(List.of(ReferencePipeline.inputs()));
        ExecutorService pool = Executors.newFixedThreadPool(members);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                long seed = m;
                done.add(pool.submit(() -> {
                    ComputationGraph g = Dl4jNetworks.build(net);
                    MiniBatches steps = new MiniBatches(
                            net, new OneCycle(1e-4, 1e-2, 1.0 / 3, 0.95, 0.85, true), slots, seed, batch);
                    MiniBatches.Step step = dl4j
                            ? steps.dl4j(g)
                            : MiniBatches.of(new TrainingNetwork(net, g.params().toFloatVector()));
                    long perEpoch = steps.batches(data.rows());
                    for (int e = 0; e < epochs; e++) {
                        int[] order = MemberTrainer.permutation(data.rows(), seed, e);
                        steps.run(step, data, order, e, 0, (int) perEpoch, e * perEpoch, perEpoch, perEpoch * epochs);
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static MemberData randomEvents(int n, int f) {
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[n * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] jets = new float[n];
        float[] y = new float[n];
        float[] w = new float[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            jets[i] = r.nextInt(NetworkSpec.JET_CATEGORIES);
            y[i] = r.nextInt(2);
            w[i] = 1f;
            ids[i] = i;
        }
        return new MemberData(x, f, jets, y, w, ids);
    }
}
