package org.hepml.estimators;

import java.io.Serializable;
import org.hepml.random.EventRandom;

/**
 * Counts, weight sums per class and a fingerprint of the training events, gathered row by row and mergeable
 * across partitions. The fingerprint is a sum of per-event hashes of (EventId, raw features, jet count, label,
 * weight): independent of row order and partitioning, so both training modes record the same one.
 */
final class TrainingSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    long rows;
    long signalRows;
    double signalWeight;
    double backgroundWeight;
    long fingerprint;

    TrainingSummary add(EventRow e) {
        rows++;
        if (e.label() == 1f) {
            signalRows++;
            signalWeight += e.weight();
        } else {
            backgroundWeight += e.weight();
        }
        long h = EventRandom.mix64(e.id());
        for (double v : e.raw()) {
            h = EventRandom.mix64(h ^ Double.doubleToLongBits(v));
        }
        h = EventRandom.mix64(h ^ Float.floatToIntBits(e.jet()));
        h = EventRandom.mix64(h ^ Float.floatToIntBits(e.label()));
        fingerprint += EventRandom.mix64(h ^ Float.floatToIntBits(e.weight()));
        return this;
    }

    TrainingSummary merge(TrainingSummary o) {
        rows += o.rows;
        signalRows += o.signalRows;
        signalWeight += o.signalWeight;
        backgroundWeight += o.backgroundWeight;
        fingerprint += o.fingerprint;
        return this;
    }

    /** Fails unless there are rows of both classes. */
    void checkBothClasses(String who) {
        if (rows == 0) {
            throw new IllegalArgumentException(who + ": no training rows");
        }
        if (signalRows == 0 || signalRows == rows) {
            throw new IllegalArgumentException(who + ": training needs both classes; all " + rows + " events are "
                    + (signalRows == 0 ? "background" : "signal"));
        }
    }
}
