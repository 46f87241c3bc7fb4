package org.hepml.estimators;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Params;
import org.hepml.params.Check;

/**
 * The shared param {@code testTimeAugmentation}: variants of the test-time grid averaged at inference, 1 (none) or
 * a multiple of 4 (rotations × the 4 flip sets); the classifier passes it to the model it fits.
 */
public interface HasTestTimeAugmentation<T extends Params> extends Params {
    default IntParam testTimeAugmentation() {
        return new IntParam(
                this,
                "testTimeAugmentation",
                "test-time augmentation variants: 1 (none) or a multiple of 4 " + "(rotations x 4 flip sets)",
                Check.of(
                        this,
                        "testTimeAugmentation",
                        "1 or a multiple of 4",
                        v -> (Integer) v == 1 || ((Integer) v >= 4 && (Integer) v % 4 == 0)));
    }

    default int getTestTimeAugmentation() {
        return (Integer) getOrDefault(testTimeAugmentation());
    }

    @SuppressWarnings("unchecked")
    default T setTestTimeAugmentation(int variants) {
        set(testTimeAugmentation(), variants);
        return (T) this;
    }
}
