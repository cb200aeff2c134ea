package org.numabias.tribuo.cli;

import org.numabias.tools.cli.CommandExtension;

/** Contributes {@code numabias train} to the CLI when this module is on the class path. */
public final class TrainExtension implements CommandExtension {
    @Override
    public Object command() {
        return new TrainCommand();
    }
}
