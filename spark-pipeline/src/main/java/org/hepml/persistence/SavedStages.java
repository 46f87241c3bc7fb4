package org.hepml.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.SparkSession;

/**
 * Loads saved Spark ML stages as Spark's {@code PipelineModel.load} does: the stage uids from the pipeline's
 * metadata, each stage from {@code stages/N_uid} (Spark's own path rule) by its class's static {@code read()}, and
 * the {@code PipelineModel} made with the pipeline's uid. The difference: every metadata file is read by
 * {@link ParamsMetadata}, so finding the stages and their classes starts no Spark job (Spark's loader starts one per
 * file; hepml's own stages read theirs directly, wherever they are loaded from). Stages with Spark's own readers
 * load as Spark loads them.
 */
public final class SavedStages {
    private SavedStages() {}

    /** The {@code PipelineModel} saved at {@code path}; errors name the directory or stage at fault. */
    public static PipelineModel loadPipelineModel(SparkSession spark, String path) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String json = ParamsMetadata.json(path, conf);
        DefaultParamsReader.Metadata md = ParamsMetadata.parse(json, path, PipelineModel.class.getName());
        List<?> uids;
        try {
            // readValue into plain maps, not readTree: a JsonNode needs a newer jackson-core than some Spark 3.5
            // classpaths carry beside their jackson-databind (NoClassDefFoundError: StreamConstraintsException)
            Object stageUids = new ObjectMapper().readValue(json, Map.class).get("paramMap") instanceof Map<?, ?> pm
                    ? pm.get("stageUids")
                    : null;
            uids = stageUids instanceof List<?> l ? l : null;
        } catch (IOException ex) {
            throw new IllegalArgumentException(new Path(path, "metadata") + " is not JSON: " + ex.getMessage(), ex);
        }
        if (uids == null) {
            throw new IllegalArgumentException(
                    new Path(path, "metadata") + " lists no stages (paramMap.stageUids): not a saved PipelineModel");
        }
        String stagesDir = new Path(path, "stages").toString();
        Transformer[] stages = new Transformer[uids.size()];
        for (int i = 0; i < stages.length; i++) {
            String stagePath = Pipeline.SharedReadWrite$.MODULE$.getStagePath(
                    String.valueOf(uids.get(i)), i, stages.length, stagesDir);
            Object stage = load(spark, stagePath);
            if (!(stage instanceof Transformer t)) {
                throw new IllegalArgumentException(stagePath + " holds a "
                        + stage.getClass().getName() + ", not a Transformer: the stages of a PipelineModel are fitted");
            }
            stages[i] = t;
        }
        return new PipelineModel(md.uid(), stages);
    }

    /** The stage saved at {@code path}, loaded by its class's static {@code read()}. */
    public static Object load(SparkSession spark, String path) {
        String className = ParamsMetadata.load(path, spark.sparkContext().hadoopConfiguration(), "")
                .className();
        MLReader<?> reader;
        try {
            reader = (MLReader<?>) classOf(className, path).getMethod("read").invoke(null);
        } catch (InvocationTargetException ex) {
            throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
        } catch (ReflectiveOperationException | ClassCastException ex) {
            throw new IllegalArgumentException(
                    path + ": " + className + " has no static read() returning an MLReader: not an MLReadable", ex);
        }
        return reader.session(spark).load(path);
    }

    /** The class a stage's metadata names, from the thread's class loader as Spark resolves it. */
    static Class<?> classOf(String className, String path) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, true, loader != null ? loader : SavedStages.class.getClassLoader());
        } catch (ClassNotFoundException ex) {
            throw new IllegalArgumentException(
                    path + ": the stage's class " + className + " is not on the classpath (a jar missing?)", ex);
        }
    }
}
