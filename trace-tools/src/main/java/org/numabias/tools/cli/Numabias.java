package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
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
                GenerateCommand.class, DatasetsCommand.class, RecordCommand.class, LiveCommand.class,
                NumaCostCommand.class})
public final class Numabias implements Runnable {
    private static final int MAX_EXTENSION_PROBLEMS = 16;

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

    /**
     * A configured command line with every {@link CommandExtension} found on the class path; tests set
     * its writers and call {@code execute}. Extensions that fail to load are reported on the error
     * writer when the command line runs.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Numabias());
        cl.setExecutionExceptionHandler(Numabias::handle);
        List<String> problems = addExtensions(cl);
        if (!problems.isEmpty()) {
            cl.setExecutionStrategy(parsed -> {
                problems.forEach(p -> cl.getErr().println("numabias: warning: " + p));
                cl.getErr().flush();
                return new CommandLine.RunLast().execute(parsed);
            });
        }
        return cl;
    }

    /** Adds each loadable extension's command; returns one message per extension that failed. */
    private static List<String> addExtensions(CommandLine cl) {
        List<String> problems = new ArrayList<>();
        ServiceLoader<CommandExtension> loader = ServiceLoader.load(CommandExtension.class);
        var providers = loader.stream().iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                var provider = providers.next();
                try {
                    cl.addSubcommand(provider.get().command());
                } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
                    problems.add("command extension " + provider.type().getName() + " skipped: " + e);
                }
            } catch (ServiceConfigurationError e) {
                problems.add("a command extension could not be loaded: " + e.getMessage());
                if (problems.size() >= MAX_EXTENSION_PROBLEMS) { // the loader makes a best effort to go on; bound it
                    break;
                }
            }
        }
        return problems;
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
