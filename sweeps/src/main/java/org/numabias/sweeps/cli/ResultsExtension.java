package org.numabias.sweeps.cli;

import org.numabias.tools.cli.CommandExtension;

/** Contributes {@code numabias results} to the CLI (registered in META-INF/services). */
public final class ResultsExtension implements CommandExtension {
    @Override
    public Object command() {
        return new ResultsCommand();
    }
}
