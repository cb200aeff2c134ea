package org.numabias.sweeps.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.numabias.tools.cli.Numabias;
import picocli.CommandLine;

/** Runs the real CLI in this JVM (its command extensions found as the launcher finds them) for tests. */
public final class Cli {
    private Cli() {
    }

    /** What a command did: exit code, standard output, standard error. */
    public record Run(int code, String out, String err) {
    }

    /** Runs {@code numabias ARGS}. */
    public static Run run(String... args) {
        CommandLine cl = Numabias.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
