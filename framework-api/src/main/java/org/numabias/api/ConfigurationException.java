package org.numabias.api;

/** A predictor spec, parameter or topology that cannot be used; the message says what is accepted. */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what would be accepted */
    public ConfigurationException(String message) {
        super(message);
    }
}
