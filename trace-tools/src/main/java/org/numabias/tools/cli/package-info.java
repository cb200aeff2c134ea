/**
 * The {@code numabias} command line ({@link org.numabias.tools.cli.Numabias}, picocli): one command
 * class per subcommand (compare, demo, import, export, record, verify, live, ...), each returning an
 * exit code (0 ok, 1 failed, 2 usage error), and their shared helpers (trace inputs, plugin options,
 * atomic output files, progress). Modules with heavy dependencies add commands through
 * {@link org.numabias.tools.cli.CommandExtension}; that and {@link org.numabias.tools.cli.TerminalProgress}
 * (progress on the terminal) are the types meant for other modules, the rest is the CLI's own.
 */
package org.numabias.tools.cli;
