package org.hepml.ams;

import java.util.Locale;

/** How a bootstrap resample is drawn. */
public enum Resampling {
    /** n events drawn uniformly with replacement (the classic bootstrap, as in the reference study). */
    MULTINOMIAL,
    /**
     * Each event counted Poisson(1) times, drawn from (seed, EventId, resample): needs no global draw, so a
     * distributed evaluation gives the same resamples.
     */
    POISSON;

    public static Resampling fromName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resampling must be multinomial or poisson, got '" + name + "'");
        }
    }
}
