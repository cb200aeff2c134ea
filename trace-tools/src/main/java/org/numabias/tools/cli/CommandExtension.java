package org.numabias.tools.cli;

/**
 * A subcommand contributed by a module outside the CLI core, found with {@link java.util.ServiceLoader}
 * (register the implementation in {@code META-INF/services/org.numabias.tools.cli.CommandExtension}).
 * Modules with heavy dependencies (Tribuo, Spark) contribute their commands this way, so that the CLI
 * core never pulls those dependencies in: the command exists only when the module's jars are on the
 * class path (the {@code ./numabias} launcher adds them).
 *
 * <p>An extension that fails to load is reported on the error stream and skipped; the other
 * commands still work.
 */
public interface CommandExtension {
    /**
     * A new picocli command object (a class annotated with {@code @Command}) whose {@code call()} returns
     * the exit code: 0 ok, 1 failed, 2 usage error. Called once per command line.
     */
    Object command();
}
