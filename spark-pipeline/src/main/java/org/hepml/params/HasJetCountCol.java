package org.hepml.params;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The shared param {@code jetCountCol} (jet count column for the embedding (empty for none)), declared once for every
 * stage that has it, as MLlib's
 * {@code Has...Col} traits do; each stage sets its default in its constructor.
 */
public interface HasJetCountCol<T extends Params> extends Params {
    default Param<String> jetCountCol() {
        return new Param<>(
                this,
                "jetCountCol",
                "jet count column for the embedding (empty for none)",
                Check.column(this, "jetCountCol"));
    }

    default String getJetCountCol() {
        return getOrDefault(jetCountCol());
    }

    @SuppressWarnings("unchecked")
    default T setJetCountCol(String value) {
        set(jetCountCol(), value);
        return (T) this;
    }
}
