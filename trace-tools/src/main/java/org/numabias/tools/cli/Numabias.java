package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.numabias.api.ConfigurationException;
import org.numabias.api.Version;
import org.numabias.api.trace.TraceFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code numabias} command line: one subcommand per task, each returning an exit code (0 ok,
 * 1 failed, 2 usage error) and printing through the command's writers so tests can capture them.
 */
@Command(name = "numabias", mixinStandardHelpOptions = true, versionProvider = Numabias.VersionProvider.class,
        description = "Consumer-based NUMA allocation bias: record, import and replay traces through predictors.",
        footer = {"", "The ./numabias launcher also takes: test (the test suite), build, bench [JMH options], mvn ARGS.",
                "Start with: ./numabias demo"},
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, CompareCommand.class,
                PredictorsCommand.class, ImportCommand.class, ExportCommand.class, StatsCommand.class,
                GenerateCommand.class, DatasetsCommand.class, RecordCommand.class})
public final class Numabias implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A configured command line; tests set its writers and call {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Numabias());
        cl.setExecutionExceptionHandler(Numabias::handle);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String command = cl.getCommandName();
        if (e instanceof TraceFormatException || e instanceof ConfigurationException
                || e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            err.println(command + ": error: " + e.getMessage());
        } else {
            err.println(command + ": internal error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** The framework version for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"numabias " + Version.FRAMEWORK + " (Java " + Runtime.version() + ")"};
        }
    }
}
