package org.hepml.event.weights;

/**
 * Sums of event weights of signal and of background that a sample stands for. The AMS counts expected events,
 * so a subset's weights must be scaled up to the full sample's totals before it is computed.
 */
public record ClassTotals(double signal, double background) {
    /** The challenge training subset (KaggleSet t, 250,000 events): Σw signal 691.99, background 410,999.85. */
    public static final ClassTotals CHALLENGE_TRAINING = new ClassTotals(691.99, 410_999.85);

    public ClassTotals {
        if (!(signal > 0) || !(background > 0) || Double.isInfinite(signal) || Double.isInfinite(background)) {
            throw new IllegalArgumentException(
                    "class totals must be positive and finite, got signal " + signal + ", background " + background);
        }
    }
}
