package org.hepml.event.io;

import java.util.Locale;

/** What ingest does with a line that cannot become an event. */
public enum BadRowPolicy {
    /** Stop at the first bad line with an error naming file, line and column (the default). */
    FAIL,
    /** Write the good lines; put each bad one, with its reason, in {@code OUTPUT/_quarantine}. */
    QUARANTINE;

    public static BadRowPolicy fromCliName(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "fail":
                return FAIL;
            case "quarantine":
                return QUARANTINE;
            default:
                throw new IllegalArgumentException("unknown bad-row policy '" + name + "': use fail or quarantine");
        }
    }
}
