package org.hepml.jobs.cli;

import org.hepml.event.io.EventInputException;

/** One clear line for an error: the message of the most telling cause, not a stack trace. */
public final class Errors {
    private Errors() {}

    /**
     * The message to show: our own {@link EventInputException} wherever it hides in the cause chain (Spark wraps
     * task failures in SparkException), else the first IllegalArgumentException, else the root cause.
     */
    public static String describe(Throwable t) {
        Throwable input = find(t, EventInputException.class);
        if (input != null) {
            return input.getMessage();
        }
        Throwable arg = find(t, IllegalArgumentException.class);
        if (arg != null && arg.getMessage() != null) {
            return firstLine(arg.getMessage());
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
    }

    private static Throwable find(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
