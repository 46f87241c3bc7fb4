package org.hepml.params;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The shared param {@code labelCol} (label column: 1 signal, 0 background), declared once for every stage that has it,
 * as MLlib's
 * {@code Has...Col} traits do; each stage sets its default in its constructor.
 */
public interface HasLabelCol<T extends Params> extends Params {
    default Param<String> labelCol() {
        return new Param<>(this, "labelCol", "label column: 1 signal, 0 background", Check.column(this, "labelCol"));
    }

    default String getLabelCol() {
        return getOrDefault(labelCol());
    }

    @SuppressWarnings("unchecked")
    default T setLabelCol(String value) {
        set(labelCol(), value);
        return (T) this;
    }
}
