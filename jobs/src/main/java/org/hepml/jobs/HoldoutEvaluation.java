package org.hepml.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hepml.ams.BootstrapResult;
import org.hepml.evaluation.BootstrapAmsEvaluator;
import org.hepml.evaluation.WeightedRoc;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.io.EventInputException;
import org.hepml.jobs.cli.JsonText;
import org.hepml.jobs.report.ScoredSample;

/**
 * The one evaluation of a hold-out, for 'train' and 'demo': the exact weighted AUC and the bootstrap AMS (seeded)
 * of every held-out event, and a sample of them for the report's plots. 'train' keeps the figures in
 * {@code MODEL/holdout-evaluation.json}, beside the saved PipelineModel, so that 'score --submission' applies the cut
 * chosen on held-out events.
 */
final class HoldoutEvaluation {
    static final String FILE = "holdout-evaluation.json";

    private HoldoutEvaluation() {}

    /** A hold-out's figures: its events, the weight scale, the AUC, the bootstrap, and the plots' sample. */
    record Figures(long events, double weightScale, double auc, BootstrapResult bootstrap, ScoredSample sample) {
        /** The console line. */
        String line() {
            return String.format(
                    "hold-out (%,d events, weights x %.2f): weighted AUC %.4f, AMS at bootstrap mean cut %.4f "
                            + "(cut %.4f), max AMS %.4f",
                    events, weightScale, auc, bootstrap.amsAtMeanCut(), bootstrap.meanCut(), bootstrap.amsMax());
        }

        String json() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("events", events);
            figures.put("weight_scale", weightScale);
            figures.put("auc", auc);
            figures.put("mean_cut", bootstrap.meanCut());
            figures.put("cut_std", bootstrap.cutStd());
            figures.put("ams_at_mean_cut", bootstrap.amsAtMeanCut());
            figures.put("ams_mean", bootstrap.amsMean());
            figures.put("ams_std", bootstrap.amsStd());
            figures.put("ams_max", bootstrap.amsMax());
            figures.put("cut_at_max", bootstrap.cutAtMax());
            return JsonText.of(figures);
        }
    }

    /**
     * Figures of scored hold-out events ({@code score}, label, weight), their weights scaled by {@code weightScale}.
     */
    static Figures evaluate(Dataset<Row> scored, double weightScale, long seed) {
        long n = scored.count();
        double auc = WeightedRoc.of(scored, "score", HiggsEventSchema.LABEL, HiggsEventSchema.WEIGHT)
                .auc();
        BootstrapResult r = new BootstrapAmsEvaluator()
                .setScoreCol("score")
                .setWeightScale(weightScale)
                .setSeed(seed)
                .bootstrap(scored);
        ScoredSample sample = ScoredSample.of(
                scored, "score", HiggsEventSchema.LABEL, HiggsEventSchema.WEIGHT, ScoredSample.DEFAULT_MAX, seed);
        return new Figures(n, weightScale, auc, r, sample);
    }

    static void write(SparkSession spark, String model, String json) throws IOException {
        Path p = new Path(model, FILE);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(p, true)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The hold-out's bootstrap mean cut; a clear error when the model has no hold-out evaluation. */
    static double meanCut(SparkSession spark, String model) throws IOException {
        Path p = new Path(model, FILE);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(p)) {
            throw new EventInputException(
                    model + " has no " + FILE + " (it was trained with --holdout 0): give the cut " + "with --cut");
        }
        try (InputStream in = fs.open(p)) {
            // a plain map, not readTree: see SavedStages (the JsonNode needs a newer jackson-core than some Spark 3.5
            // classpaths carry)
            Object cut = new ObjectMapper().readValue(in, java.util.Map.class).get("mean_cut");
            if (!(cut instanceof Number n)) {
                throw new EventInputException(p + ": no numeric mean_cut");
            }
            return n.doubleValue();
        }
    }
}
