package org.hepml.params;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The shared param {@code weightCol} (event weight column), declared once for every stage that has it, as MLlib's
 * {@code Has...Col} traits do; each stage sets its default in its constructor.
 */
public interface HasWeightCol<T extends Params> extends Params {
    default Param<String> weightCol() {
        return new Param<>(this, "weightCol", "event weight column", Check.column(this, "weightCol"));
    }

    default String getWeightCol() {
        return getOrDefault(weightCol());
    }

    @SuppressWarnings("unchecked")
    default T setWeightCol(String value) {
        set(weightCol(), value);
        return (T) this;
    }
}
