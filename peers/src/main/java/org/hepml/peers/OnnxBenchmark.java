package org.hepml.peers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.io.EventParquet;
import org.hepml.jobs.BenchmarkCommand;
import org.hepml.jobs.cli.ScoredOutput;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.jobs.cli.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hepml benchmark onnx}: the same events scored by the model in Spark ({@code DnnEnsembleModel}, local) and
 * by ONNX Runtime running the exported file (what CMSSW or Athena would run), with the largest difference.
 */
@Command(
        name = "onnx",
        mixinStandardHelpOptions = true,
        header = "Times ONNX Runtime on the exported model against hepml's own scoring of the same events.",
        description = "Reads the events' 30 HiggsML features into memory, exports the model to ONNX with --tta "
                + "variants, and scores them with ONNX Runtime (CPU, all cores, batches of --batch rows); then scores "
                + "the same events with the model in Spark (transform and collect). Prints seconds, events/s and the "
                + "largest difference of the two probabilities.")
public final class OnnxBenchmark implements BenchmarkCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model saved by 'hepml train'.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Event Parquet.")
    String input;

    @Option(names = "--tta", defaultValue = "1", paramLabel = "K", description = "Test-time variants (default: 1).")
    int tta;

    @Option(
            names = "--batch",
            defaultValue = "8192",
            paramLabel = "ROWS",
            description = "Rows per ONNX run (default: 8192).")
    int batch;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Sessions.Handle s = Sessions.open("hepml benchmark onnx", sparkOptions)) {
            SparkSession spark = s.spark();
            PipelineModel pm = org.hepml.jobs.cli.ScoringInputs.loadModel(spark, model);
            DnnEnsembleModel dnn = org.hepml.jobs.ExportJob.ensembleOf(pm, model);
            dnn.setTestTimeAugmentation(tta);
            Dataset<Row> events = EventParquet.read(spark, input).cache();
            List<String> cols = HiggsEventSchema.features();
            List<Row> rows = events.select(cols.stream()
                            .map(org.apache.spark.sql.functions::col)
                            .toArray(org.apache.spark.sql.Column[]::new))
                    .collectAsList();
            int n = rows.size();
            float[] x = new float[n * cols.size()];
            for (int r = 0; r < n; r++) {
                Row row = rows.get(r);
                for (int c = 0; c < cols.size(); c++) {
                    x[r * cols.size() + c] = row.isNullAt(c) ? Float.NaN : (float) row.getDouble(c);
                }
            }
            byte[] onnx = dnn.toOnnx(tta, 17);

            float[] p = new float[n];
            double[] ortSeconds = new double[1];
            // ONNX Runtime's session setup recurses deeply on a 10-member graph: past 4 MB of stack (measured: it
            // crashes the JVM with -Xss4m, runs with -Xss8m), and a Java thread has 1 MB. So it runs in a thread of
            // its own with room to spare; a Java host that loads the exported file must do the same.
            Throwable[] failed = new Throwable[1];
            Thread ort = new Thread(
                    null,
                    () -> {
                        try {
                            ortSeconds[0] = runOnnx(onnx, x, n, cols.size(), p);
                        } catch (Throwable e) {
                            failed[0] = e;
                        }
                    },
                    "onnxruntime",
                    ORT_STACK_BYTES);
            ort.start();
            ort.join();
            if (failed[0] != null) {
                throw new IllegalStateException("ONNX Runtime failed: " + failed[0].getMessage(), failed[0]);
            }

            long t1 = System.nanoTime();
            List<Row> scored = ScoredOutput.of(pm, events).select("score").collectAsList();
            double sparkSeconds = (System.nanoTime() - t1) / 1e9;
            double worst = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(scored.get(i).getDouble(0) - p[i]));
            }
            TextTable table = new TextTable("engine", "events", "seconds", "events/s");
            table.row(
                    "ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion() + " (in memory)",
                    String.format("%,d", n),
                    String.format("%.2f", ortSeconds[0]),
                    String.format("%,.0f", n / ortSeconds[0]));
            table.row(
                    "hepml DnnEnsembleModel (Spark transform, collect)",
                    String.format("%,d", n),
                    String.format("%.2f", sparkSeconds),
                    String.format("%,.0f", n / sparkSeconds));
            out.print(table);
            out.printf(
                    "%dx test-time augmentation; largest |ONNX - hepml| %.3g (same events, same order)%n", tta, worst);
        }
        return 0;
    }

    /** Stack for the thread that runs ONNX Runtime (see call()). */
    static final long ORT_STACK_BYTES = 64L << 20;

    /** Scores {@code n} rows of {@code x} with the ONNX file into {@code p}; returns the seconds the runs took. */
    private double runOnnx(byte[] onnx, float[] x, int n, int f, float[] p) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            long t0 = System.nanoTime();
            for (int start = 0; start < n; start += batch) {
                int m = Math.min(batch, n - start);
                try (OnnxTensor t = OnnxTensor.createTensor(
                                env, FloatBuffer.wrap(x, start * f, m * f).slice(), new long[] {m, f});
                        OrtSession.Result res = session.run(Map.of("features", t))) {
                    float[][] q = (float[][]) res.get("probability").get().getValue();
                    for (int i = 0; i < m; i++) {
                        p[start + i] = q[i][0];
                    }
                }
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
