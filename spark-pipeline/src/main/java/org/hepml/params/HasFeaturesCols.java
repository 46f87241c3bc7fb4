package org.hepml.params;

import java.util.Arrays;
import java.util.HashSet;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The shared param {@code featuresCols}: numeric columns read as the features, in this order, instead of the
 * {@code featuresCol} vector (as XGBoost4J-Spark's {@code featuresCols}). Each column names its own feature, so no
 * VectorAssembler and no ML attributes are needed, and scoring reads the values straight from Spark's rows. Empty
 * (the default): read the vector.
 */
public interface HasFeaturesCols<T extends Params> extends Params {
    default StringArrayParam featuresCols() {
        return new StringArrayParam(
                this,
                "featuresCols",
                "numeric feature columns, in order, read instead of the featuresCol vector (empty: the vector)",
                Check.<String[]>of(
                        this,
                        "featuresCols",
                        "distinct non-empty column names",
                        v -> Arrays.stream(v).noneMatch(c -> c == null || c.isEmpty())
                                && new HashSet<>(Arrays.asList(v)).size() == v.length));
    }

    default String[] getFeaturesCols() {
        return getOrDefault(featuresCols());
    }

    @SuppressWarnings("unchecked")
    default T setFeaturesCols(String... value) {
        set(featuresCols(), value);
        return (T) this;
    }
}
