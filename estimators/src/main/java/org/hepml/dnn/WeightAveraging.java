package org.hepml.dnn;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic weight averaging with renewal, as in the reference study's LUMIN: from epoch {@code startEpoch} the
 * parameters after each epoch join a running mean (the "old" average). With {@code renewalEpochs} > 0 a second,
 * "fresh" average starts {@code renewalEpochs} after the first; each time it has gathered {@code renewalEpochs}
 * epochs it is compared with the old one on the validation loss, replaces it if better, and starts again.
 */
public final class WeightAveraging {
    /** When averaging starts (0-based epoch) and how often a fresh average is tried (0: never). */
    public record Settings(int startEpoch, int renewalEpochs) implements Serializable {
        public Settings {
            if (startEpoch < 0 || renewalEpochs < 0) {
                throw new IllegalArgumentException(
                        "SWA start epoch and renewal period must be >= 0, got " + startEpoch + ", " + renewalEpochs);
            }
        }
    }

    private final Settings settings;
    private final INDArray old;
    private final INDArray fresh;
    private long oldCount;
    private long freshCount;

    public WeightAveraging(Settings settings, INDArray like) {
        this.settings = settings;
        this.old = like.dup();
        this.fresh = like.dup();
    }

    /**
     * The end of epoch {@code epoch}: adds the parameters (when averaging is active), compares a due fresh average
     * with the old one, and returns the average's loss, NaN when not active. {@code lossOf} evaluates a parameter
     * vector; the caller restores its network's own parameters afterwards.
     */
    public double endOfEpoch(int epoch, INDArray params, java.util.function.ToDoubleFunction<INDArray> lossOf) {
        if (!active(epoch)) {
            return Double.NaN;
        }
        add(params, epoch);
        if (renewalDue()) {
            double freshLoss = lossOf.applyAsDouble(fresh);
            renew(freshLoss < lossOf.applyAsDouble(old));
        }
        return lossOf.applyAsDouble(old);
    }

    /** Whether epoch {@code epoch}'s parameters are averaged. */
    boolean active(int epoch) {
        return epoch >= settings.startEpoch();
    }

    /** Adds the parameters after epoch {@code epoch} (call only when active). */
    void add(INDArray params, int epoch) {
        oldCount = accumulate(old, oldCount, params);
        if (settings.renewalEpochs() > 0 && epoch >= settings.startEpoch() + settings.renewalEpochs()) {
            freshCount = accumulate(fresh, freshCount, params);
        }
    }

    private static long accumulate(INDArray mean, long count, INDArray params) {
        if (count == 0) {
            mean.assign(params);
        } else {
            // running mean: m += (p − m) / (n + 1)
            mean.addi(params.sub(mean).divi(count + 1));
        }
        return count + 1;
    }

    /** True when the fresh average has gathered a full renewal period and should be compared with the old one. */
    boolean renewalDue() {
        return settings.renewalEpochs() > 0 && freshCount == settings.renewalEpochs();
    }

    /** After a comparison: the fresh average replaces the old one if it was better; it starts again either way. */
    void renew(boolean freshIsBetter) {
        if (freshIsBetter) {
            old.assign(fresh);
            oldCount = freshCount;
        }
        freshCount = 0;
    }

    public INDArray average() {
        return old;
    }

    INDArray freshAverage() {
        return fresh;
    }

    long count() {
        return oldCount;
    }
}
