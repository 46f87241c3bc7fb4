package org.hepml.params;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The shared param {@code eventIdCol} (event id column: keys splits, augmentation and resampling), declared once for
 * every stage that has it, as MLlib's
 * {@code Has...Col} traits do; each stage sets its default in its constructor.
 */
public interface HasEventIdCol<T extends Params> extends Params {
    default Param<String> eventIdCol() {
        return new Param<>(
                this,
                "eventIdCol",
                "event id column: keys splits, augmentation and resampling",
                Check.column(this, "eventIdCol"));
    }

    default String getEventIdCol() {
        return getOrDefault(eventIdCol());
    }

    @SuppressWarnings("unchecked")
    default T setEventIdCol(String value) {
        set(eventIdCol(), value);
        return (T) this;
    }
}
