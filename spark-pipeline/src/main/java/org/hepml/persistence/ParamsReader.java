package org.hepml.persistence;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/**
 * Spark's {@code DefaultParamsReader} for stages that hold only params (the uid constructor, then the saved params and
 * defaults set as Spark sets them), with the metadata read by {@link ParamsMetadata} instead of a Spark job. Reads
 * what {@code DefaultParamsWriter} wrote, on Spark 3.5 and 4.
 */
public final class ParamsReader<T extends Params> extends MLReader<T> {
    @Override
    @SuppressWarnings("unchecked")
    public T load(String path) {
        DefaultParamsReader.Metadata md = ParamsMetadata.load(path, sc().hadoopConfiguration(), "");
        Params instance;
        try {
            instance = (Params) SavedStages.classOf(md.className(), path)
                    .getConstructor(String.class)
                    .newInstance(md.uid());
        } catch (ReflectiveOperationException ex) {
            throw new IllegalArgumentException(
                    path + ": cannot make a " + md.className() + " (no public constructor taking the uid?)", ex);
        }
        md.getAndSetParams(instance, Option.empty());
        return (T) instance;
    }
}
