package org.numabias.sweeps.cli;

import org.numabias.tools.cli.CommandExtension;

/** Contributes {@code numabias sweep} to the CLI (registered in META-INF/services). */
public final class SweepExtension implements CommandExtension {
    @Override
    public Object command() {
        return new SweepCommand();
    }
}
