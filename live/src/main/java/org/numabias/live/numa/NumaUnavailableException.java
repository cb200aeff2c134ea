package org.numabias.live.numa;

/** libnuma cannot be used here (missing library, or {@code numa_available() < 0}); the message says why. */
public final class NumaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message why NUMA is unavailable */
    public NumaUnavailableException(String message) {
        super(message);
    }
}
