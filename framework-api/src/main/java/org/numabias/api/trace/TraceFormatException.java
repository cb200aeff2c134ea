package org.numabias.api.trace;

/** A trace that cannot be read; the message names the file, line (or excerpt) and field. */
public class TraceFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message where and what: {@code file:line: field 'node': ...} */
    public TraceFormatException(String message) {
        super(message);
    }
}
