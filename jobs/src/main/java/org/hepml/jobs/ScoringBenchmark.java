package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.dnn.InferenceNetwork;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.event.io.EventParquet;
import org.hepml.jobs.cli.Hardware;
import org.hepml.jobs.cli.ScoringInputs;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.TextTable;
import org.hepml.symmetry.SymmetryTransform;
import org.hepml.symmetry.TestTimeGrid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scoring's cost, kernel first: the plain-Java forward pass of the reference network on N events × M members × K
 * passes, beside ND4J's OpenBLAS SGEMM in the same process (its peak on large squares, and on the network's own
 * layer shapes), and with {@code --model} and {@code --input} the whole pipeline's transform of cached events.
 */
@Command(
        name = "scoring",
        mixinStandardHelpOptions = true,
        header = "Scoring speed: the inference kernel's events/s and GFLOP/s beside ND4J's SGEMM peak.",
        description = "Runs InferenceNetwork's forward pass of the reference network (30 inputs, 6 dense × 33 Swish "
                + "units, jet embedding: 22,902 multiply-adds per event and pass) with random parameters on N "
                + "random events, M members, K passes each (the work of K test-time variants; the grid's "
                + "transforms are not in this row), on --threads threads in batches of --batch rows; then ND4J "
                + "SGEMM (OpenBLAS, its own threads) on 2048² squares and on the network's layer shapes. With "
                + "--model (from 'hepml train') and --input (event Parquet), also the model's transform of the "
                + "cached events with --tta variants, run to the end with Spark's noop sink. Best of --repeat.")
final class ScoringBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(
            names = "--events",
            defaultValue = "550000",
            paramLabel = "N",
            description = "Events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(
            names = "--tta",
            defaultValue = "1",
            paramLabel = "K",
            description = "Passes per member (default: ${DEFAULT-VALUE}).")
    int tta;

    @Option(
            names = "--members",
            defaultValue = "10",
            paramLabel = "M",
            description = "Members (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(
            names = "--batch",
            defaultValue = "4096",
            paramLabel = "B",
            description = "Rows per call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--threads",
            defaultValue = "0",
            paramLabel = "T",
            description = "Kernel threads (default: 0, one per core).")
    int threads;

    @Option(
            names = "--repeat",
            defaultValue = "3",
            paramLabel = "R",
            description = "Runs of each row, best kept (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description = "A model from 'hepml train', to time its transform too.")
    String model;

    @Option(names = "--input", paramLabel = "DIR", description = "Event Parquet for --model's transform.")
    String input;

    @Option(
            names = "--partitions",
            defaultValue = "0",
            paramLabel = "P",
            description = "Repartition --input's cached events into P partitions (default: 0, as read).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (events < 1 || tta < 1 || members < 1 || batch < 1 || repeat < 1 || threads < 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--events, --tta, --members, --batch and --repeat must be positive");
        }
        if ((model == null) != (input == null)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--model and --input go together: the transform row needs both");
        }
        int cores = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        NetworkSpec net = NetworkSpec.reference(30, 1);
        long macs = multiplyAdds(net);
        SplittableRandom r = new SplittableRandom(7);
        InferenceNetwork[] nets = new InferenceNetwork[members];
        for (int m = 0; m < members; m++) {
            float[] p = new float[net.parameterCount()];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (r.nextGaussian() * 0.2);
            }
            nets[m] = InferenceNetwork.of(p, net);
        }
        float[] x = new float[events * net.inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] jets = new float[events];
        for (int i = 0; i < events; i++) {
            jets[i] = r.nextInt(NetworkSpec.JET_CATEGORIES);
        }

        TextTable t =
                new TextTable("what", "events", "passes", "seconds", "events/s", "GFLOP/s", "share of SGEMM peak");
        double kernel = best(() -> kernel(nets, x, jets, net.inputs(), cores, false));
        double grid = tta > 1 ? best(() -> kernel(nets, x, jets, net.inputs(), cores, true)) : Double.NaN;
        double flops = 2.0 * macs * events * members * tta;
        // bin/hepml runs ND4J on one OpenMP thread (its training runs many networks side by side); SGEMM gets all
        Nd4j.scalar(0f); // loads ND4J's backend, which the native ops need first
        org.nd4j.nativeblas.NativeOps nd4j =
                org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
        nd4j.setOmpNumThreads(cores);
        double peak = sgemmPeak(2048);
        t.row(
                "InferenceNetwork (" + InferenceNetwork.kernel() + "), " + cores + " threads",
                String.format(Locale.ROOT, "%,d", events),
                members + " × " + tta,
                String.format(Locale.ROOT, "%.2f", kernel),
                String.format(Locale.ROOT, "%,.0f", events / kernel),
                String.format(Locale.ROOT, "%.1f", flops / kernel / 1e9),
                String.format(Locale.ROOT, "%.0f %%", 100 * flops / kernel / 1e9 / peak));
        if (tta > 1) {
            t.row(
                    "InferenceNetwork test-time grid pass (invariant share once per event), " + cores + " threads",
                    String.format(Locale.ROOT, "%,d", events),
                    members + " × " + tta,
                    String.format(Locale.ROOT, "%.2f", grid),
                    String.format(Locale.ROOT, "%,.0f", events / grid),
                    String.format(Locale.ROOT, "%.1f eff.", flops / grid / 1e9),
                    String.format(Locale.ROOT, "%.0f %% eff.", 100 * flops / grid / 1e9 / peak));
        }
        double shapes = best(() -> sgemmShapes(net, events * (long) members * tta));
        t.row(
                "ND4J SGEMM on the layer shapes (batch " + batch + ", no activation), " + cores + " threads",
                String.format(Locale.ROOT, "%,d", events),
                members + " × " + tta,
                String.format(Locale.ROOT, "%.2f", shapes),
                String.format(Locale.ROOT, "%,.0f", events / shapes),
                String.format(Locale.ROOT, "%.1f", flops / shapes / 1e9),
                String.format(Locale.ROOT, "%.0f %%", 100 * flops / shapes / 1e9 / peak));
        t.row(
                "ND4J SGEMM peak, 2048 × 2048 squares",
                "",
                "",
                "",
                "",
                String.format(Locale.ROOT, "%.1f", peak),
                "100 %");
        if (model != null) {
            try (Sessions.Handle s = Sessions.open("hepml benchmark scoring", sparkOptions)) {
                PipelineModel pm = ScoringInputs.loadModel(s.spark(), model);
                for (var stage : pm.stages()) {
                    if (stage instanceof DnnEnsembleModel d) {
                        d.setTestTimeAugmentation(tta);
                        d.setScoringBatchSize(batch);
                    }
                }
                Dataset<Row> read = EventParquet.read(s.spark(), input);
                Dataset<Row> ev = (partitions > 0 ? read.repartition(partitions) : read).cache();
                long n = ev.count();
                double job = best(() -> pm.transform(ev)
                        .write()
                        .format("noop")
                        .mode("overwrite")
                        .save());
                t.row(
                        "pipeline transform of cached events, " + ev.rdd().getNumPartitions() + " partitions (Spark "
                                + s.spark().version() + ")",
                        String.format(Locale.ROOT, "%,d", n),
                        "model's × " + tta,
                        String.format(Locale.ROOT, "%.2f", job),
                        String.format(Locale.ROOT, "%,.0f", n / job),
                        "",
                        "");
            }
        }
        out.print(t);
        out.printf(
                "%n%,d multiply-adds per event and pass (the reference network); GFLOP/s counts 2 per multiply-add%n"
                        + "machine: %s%n",
                macs, Hardware.describe("local"));
        return 0;
    }

    /** Multiply-adds of one forward pass: every hidden layer's and the head's (the embedding is a lookup). */
    static long multiplyAdds(NetworkSpec net) {
        long macs = net.width();
        for (int i = 0; i < net.depth(); i++) {
            macs += (long) net.layerInputs(i) * net.width();
        }
        return macs;
    }

    private interface Run {
        void run() throws Exception;
    }

    private double best(Run run) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            run.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    /** K passes per member, or with {@code grid} the K-variant grid pass ({@code predictGrid}). */
    private void kernel(InferenceNetwork[] nets, float[] x, float[] jets, int f, int cores, boolean grid)
            throws InterruptedException, ExecutionException {
        MomentumSlots slots = MomentumSlots.of(List.of(ReferencePipeline.inputs()));
        List<SymmetryTransform> variants = grid ? TestTimeGrid.ofSize(tta) : null;
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int start = 0; start < events; start += batch) {
                int from = start;
                int rows = Math.min(batch, events - start);
                done.add(pool.submit(() -> {
                    float[] cx = java.util.Arrays.copyOfRange(x, from * f, (from + rows) * f);
                    float[] cj = java.util.Arrays.copyOfRange(jets, from, from + rows);
                    float sink = 0;
                    for (InferenceNetwork n : nets) {
                        if (grid) {
                            sink += n.predictGrid(cx, cj, rows, f, slots, variants)[0][0];
                            continue;
                        }
                        for (int k = 0; k < tta; k++) {
                            sink += n.predict(cx, cj, rows, f)[0];
                        }
                    }
                    return sink;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** GFLOP/s of ND4J's SGEMM on n × n squares, best of three after a warm-up. */
    static double sgemmPeak(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    /** ND4J SGEMM on each layer's shape ([batch × nIn] · [nIn × width]) for {@code rows} rows in all. */
    private void sgemmShapes(NetworkSpec net, long rows) {
        INDArray[] in = new INDArray[net.depth() + 1];
        INDArray[] w = new INDArray[net.depth() + 1];
        INDArray[] o = new INDArray[net.depth() + 1];
        for (int i = 0; i <= net.depth(); i++) {
            int nIn = i < net.depth() ? net.layerInputs(i) : net.width();
            int nOut = i < net.depth() ? net.width() : 1;
            in[i] = Nd4j.rand(DataType.FLOAT, batch, nIn);
            w[i] = Nd4j.rand(DataType.FLOAT, nIn, nOut);
            o[i] = Nd4j.create(DataType.FLOAT, batch, nOut);
        }
        for (long done = 0; done < rows; done += batch) {
            for (int i = 0; i <= net.depth(); i++) {
                Nd4j.gemm(in[i], w[i], o[i], false, false, 1.0, 0.0);
            }
        }
    }
}
