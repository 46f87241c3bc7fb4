package org.hepml.event.io;

/**
 * A problem with the user's event data or paths (a missing column, a malformed row, an empty input), with a
 * message that names the file, line and column at fault and says what to do. Jobs print only the message.
 */
public class EventInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventInputException(String message) {
        super(message);
    }

    public EventInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
