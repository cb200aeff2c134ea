package org.numabias.runtime.replay;

import org.numabias.api.ConfigurationException;

/**
 * An evaluation that would break the protocol for trained predictors ({@link TrainingCheck}): scoring a
 * predictor on events it was fitted on without asking for it, or on a topology with another node count.
 * A usage error: the command line exits with status 2.
 */
public final class ProtocolException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /** @param message what overlaps or differs, and how to evaluate properly */
    public ProtocolException(String message) {
        super(message);
    }
}
