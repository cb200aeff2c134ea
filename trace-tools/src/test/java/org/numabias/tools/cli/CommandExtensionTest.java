package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Commands contributed through {@link CommandExtension} (this test registers one in its services file). */
class CommandExtensionTest {
    /** A test extension: {@code greeting NAME} prints a greeting and exits 3. */
    public static final class Greeting implements CommandExtension {
        @Override
        public Object command() {
            return new GreetingCommand();
        }
    }

    @Command(name = "greeting", description = "Says hello (test extension).")
    static final class GreetingCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0")
        String name;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println("hello " + name);
            return 3;
        }
    }

    @Test
    void anExtensionCommandRunsWithItsOwnExitCode() {
        CliTest.Run run = CliTest.run("greeting", "numa");
        assertEquals(3, run.code(), run.err());
        assertEquals("hello numa", run.out().strip());
    }

    @Test
    void topLevelHelpListsExtensionCommands() {
        CliTest.Run run = CliTest.run("--help");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("greeting"), run.out());
    }
}
