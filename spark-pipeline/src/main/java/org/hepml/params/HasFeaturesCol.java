package org.hepml.params;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The shared param {@code featuresCol} (features vector column (with ML attribute names)), declared once for every
 * stage that has it, as MLlib's
 * {@code Has...Col} traits do; each stage sets its default in its constructor.
 */
public interface HasFeaturesCol<T extends Params> extends Params {
    default Param<String> featuresCol() {
        return new Param<>(
                this,
                "featuresCol",
                "features vector column (with ML attribute names)",
                Check.column(this, "featuresCol"));
    }

    default String getFeaturesCol() {
        return getOrDefault(featuresCol());
    }

    @SuppressWarnings("unchecked")
    default T setFeaturesCol(String value) {
        set(featuresCol(), value);
        return (T) this;
    }
}
