package org.hepml.jobs.cli;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.SparkSession;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.event.io.EventInputException;
import org.hepml.persistence.SavedStages;
import picocli.CommandLine.Option;

/** What a scoring command reads: the events, the saved model, and an override of its test-time augmentation. */
public final class ScoringInputs {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Event Parquet.")
    public String input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model saved by 'hepml train'.")
    public String model;

    @Option(names = "--tta", description = "Test-time augmentation variants (default: the model's).")
    public Integer tta;

    /** The saved pipeline, with --tta set on its DNN ensemble; errors name the directory. */
    public PipelineModel load(SparkSession spark) throws IOException {
        PipelineModel pm = loadModel(spark, model);
        if (tta != null) {
            ensemble(pm).setTestTimeAugmentation(tta);
        }
        return pm;
    }

    /**
     * The pipeline saved at {@code model} (by 'hepml train' or {@code PipelineModel.save}), its metadata read
     * without Spark jobs ({@link SavedStages}); errors name the directory.
     */
    public static PipelineModel loadModel(SparkSession spark, String model) throws IOException {
        Path mp = new Path(model);
        if (!mp.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(new Path(mp, "metadata"))) {
            throw new EventInputException(
                    "not a model directory: " + model + " (no metadata/; train one with 'hepml train')");
        }
        return SavedStages.loadPipelineModel(spark, model);
    }

    /** The pipeline's last stage, which must be a DNN ensemble. */
    public DnnEnsembleModel ensemble(PipelineModel pm) {
        Transformer last = pm.stages()[pm.stages().length - 1];
        if (!(last instanceof DnnEnsembleModel d)) {
            throw new IllegalArgumentException((tta != null ? "--tta" : "this command") + " needs a DNN ensemble "
                    + "model; " + model + " ends with " + last.getClass().getSimpleName());
        }
        return d;
    }
}
