package org.hepml.params;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The shared param {@code augmentationIndexCol} (column numbering each event's test-time variants), declared once for
 * every stage that has it, as MLlib's
 * {@code Has...Col} traits do; each stage sets its default in its constructor.
 */
public interface HasAugmentationIndexCol<T extends Params> extends Params {
    default Param<String> augmentationIndexCol() {
        return new Param<>(
                this,
                "augmentationIndexCol",
                "column numbering each event's test-time variants",
                Check.column(this, "augmentationIndexCol"));
    }

    default String getAugmentationIndexCol() {
        return getOrDefault(augmentationIndexCol());
    }

    @SuppressWarnings("unchecked")
    default T setAugmentationIndexCol(String value) {
        set(augmentationIndexCol(), value);
        return (T) this;
    }
}
