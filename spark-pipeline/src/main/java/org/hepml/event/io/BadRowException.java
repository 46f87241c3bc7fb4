package org.hepml.event.io;

/**
 * A data line that cannot become an event: which column (null when the whole line is at fault) and why.
 * Raised on every bad line of a quarantining ingest, so it skips the cost of a stack trace.
 */
public final class BadRowException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String column;

    public BadRowException(String column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    /** The column at fault, or null when the line as a whole is (wrong field count). */
    public String column() {
        return column;
    }

    public String reason() {
        return getMessage();
    }
}
