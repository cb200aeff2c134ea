package org.numabias.tools.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.numabias.api.ConfigurationException;
import org.numabias.runtime.replay.ProtocolException;
import org.numabias.api.Version;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.runtime.guard.HeapReserve;
import org.numabias.runtime.guard.PredictorExhaustedJvmError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code numabias} command line: one subcommand per task, each returning an exit code (0 ok,
 * 1 failed, 2 usage error) and printing through the command's writers so tests can capture them.
 */
@Command(name = "numabias", mixinStandardHelpOptions = true, versionProvider = Numabias.VersionProvider.class,
        description = "Consumer-based NUMA allocation bias: record, import and replay traces through predictors.",
        footer = {"", "Launcher commands (the ./numabias script; './numabias help CMD' explains each):",
                "  test        The whole test suite (./mvnw verify), with its elapsed time.",
                "  build       Rebuild every module now.",
                "  mvn ARGS    The Maven wrapper with the JDK the launcher found.",
                "  notebooks   Run the Jupyter notebooks headless and check them.",
                "  bench       JMH benchmarks; --short: each performance figure vs its baseline.",
                "  doctor      Check the prerequisites; say how to install what is missing.",
                "", "Start with: ./numabias demo"},
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, CompareCommand.class,
                PredictorsCommand.class, ImportCommand.class, ExportCommand.class, StatsCommand.class,
                GenerateCommand.class, DatasetsCommand.class, RecordCommand.class, WatchCommand.class, AdviseCommand.class, VerifyCommand.class,
                LiveCommand.class, NumaCostCommand.class})
public final class Numabias implements Runnable {
    private static final int MAX_EXTENSION_PROBLEMS = 16;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the CLI and exits with its code. Installs the JVM-wide deserialisation filter first; an
     * error the commands could not contain (out of memory; a predictor that exhausted the JVM, named)
     * is still reported in one line, exit 1; so is an exit that a plugin calls ({@link ForeignExit}). The
     * commands write their output through the command line's writer, bound to standard output here (UTF-8);
     * {@code System.out} itself goes to standard error, so that a predictor's prints cannot mix into it.
     */
    public static void main(String[] args) {
        SerialFilter.install(args);
        HeapReserve.hold();
        ForeignExit.install();
        CommandLine cl = commandLine();
        cl.setOut(new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), true));
        System.setOut(System.err); // what a plugin prints goes to standard error, never into a command's table, CSV or JSON
        int code;
        try {
            code = cl.execute(args);
        } catch (PredictorExhaustedJvmError e) {
            HeapReserve.release(); // room for the message: a plugin may hold on to everything else
            System.err.println("numabias: error: " + e.getMessage());
            code = 1;
        } catch (OutOfMemoryError | StackOverflowError e) {
            HeapReserve.release();
            System.err.println("numabias: error: " + e + " (an input beyond what this JVM can hold; raise -Xmx "
                    + "with NUMABIAS_JAVA_OPTS, or report the input as a bug: limits should have refused it)");
            code = 1;
        }
        ForeignExit.commandEnded();
        System.exit(code);
    }

    /**
     * A configured command line with every {@link CommandExtension} found on the class path; tests set
     * its writers and call {@code execute}. Extensions that fail to load are reported on the error
     * writer when the command line runs.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Numabias());
        cl.setExecutionExceptionHandler(Numabias::handle);
        cl.setExecutionStrategy(Numabias::unknownCommandFirst);
        List<String> problems = addExtensions(cl);
        if (!problems.isEmpty()) {
            cl.setExecutionStrategy(parsed -> {
                problems.forEach(p -> cl.getErr().println("numabias: warning: " + p));
                cl.getErr().flush();
                return unknownCommandFirst(parsed);
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

    /**
     * Refuses a word that is no command even when {@code --help} follows it ({@code numabias nosuch
     * --help} would otherwise print the top-level help and exit 0), then runs the last subcommand.
     */
    private static int unknownCommandFirst(CommandLine.ParseResult parsed) {
        if (!parsed.hasSubcommand() && !parsed.unmatched().isEmpty()) {
            CommandLine cl = parsed.commandSpec().commandLine();
            String word = parsed.unmatched().getFirst();
            cl.getErr().println("numabias: error: unknown command '" + word + "' (see 'numabias --help')");
            cl.getErr().flush();
            return USAGE;
        }
        if (!parsed.hasSubcommand() && parsed.originalArgs().stream().anyMatch(a -> !a.startsWith("-"))) {
            String word = parsed.originalArgs().stream().filter(a -> !a.startsWith("-")).findFirst().orElseThrow();
            CommandLine cl = parsed.commandSpec().commandLine();
            cl.getErr().println("numabias: error: unknown command '" + word + "' (see 'numabias --help')");
            cl.getErr().flush();
            return USAGE;
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** Exit code of a usage error (a bad option or argument), as the documentation says. */
    static final int USAGE = 2;

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String command = cl.getCommandName();
        if (e instanceof TraceFormatException || e instanceof ConfigurationException
                || e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            err.println(command + ": error: " + message(e));
        } else {
            err.println(command + ": internal error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof ProtocolException ? USAGE : 1;
    }

    /**
     * The exception's message, with a file-system error's bare file name (what Java gives: a missing
     * {@code nosuch.csv} reads {@code nosuch.csv: nosuch.csv}) replaced by what went wrong with it.
     */
    static String message(Throwable e) {
        String m = String.valueOf(e.getMessage());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.FileSystemException fs && fs.getMessage() != null && m.endsWith(fs.getMessage())) {
                String what = switch (fs) {
                    case java.nio.file.NoSuchFileException n -> "no such file or directory";
                    case java.nio.file.AccessDeniedException a -> "permission denied";
                    case java.nio.file.NotDirectoryException n -> "not a directory";
                    case java.nio.file.FileAlreadyExistsException x -> "already exists";
                    default -> fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
                };
                String prefix = m.substring(0, m.length() - fs.getMessage().length());
                String file = fs.getFile() == null ? "" : fs.getFile();
                return prefix.equals(file + ": ") ? prefix + what : prefix + file + ": " + what;
            }
        }
        return m;
    }

    /** The framework version for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"numabias " + Version.FRAMEWORK + " (Java " + Runtime.version() + ")"};
        }
    }
}
