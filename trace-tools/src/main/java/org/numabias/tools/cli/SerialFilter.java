package org.numabias.tools.cli;

import java.io.ObjectInputFilter;

/**
 * The JVM-wide Java deserialisation filter of the command line: numabias never reads Java-serialised
 * data (traces, models and reports have their own formats), so every class is rejected and no file
 * can smuggle a gadget chain through {@code ObjectInputStream}. The launcher also passes
 * {@code -Djdk.serialFilter=!*}; this covers the CLI started any other way. The one exception is
 * {@code sweep}, whose in-process Spark serialises its own task closures (never data from files).
 */
final class SerialFilter {
    /** The filter pattern: reject every class. */
    static final String PATTERN = "!*";

    private SerialFilter() {
    }

    /** Installs the filter unless one is set already (the launcher's) or the command needs Spark. */
    static void install(String[] args) {
        if (args.length > 0 && args[0].equals("sweep")) {
            return;
        }
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(PATTERN));
        }
    }
}
