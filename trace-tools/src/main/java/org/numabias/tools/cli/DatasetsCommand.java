package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.tools.catalog.Catalog;
import org.numabias.tools.catalog.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias datasets}: the catalog of scenarios and bundled real traces. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "The catalog of scenarios and bundled traces.",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.Describe.class, DatasetsCommand.Materialize.class})
final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every dataset.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Dataset d : Catalog.all()) {
                out.printf("%-18s %-9s %s%n", d.name(), d.kind(), d.summary());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show a dataset's documentation.")
    static final class Describe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Dataset d = Catalog.byName(name);
            PrintWriter out = spec.commandLine().getOut();
            out.println(d.name() + " (" + d.kind() + "): " + d.summary());
            out.println();
            out.println(d.documentation());
            out.flush();
            return 0;
        }
    }

    @Command(name = "materialize", mixinStandardHelpOptions = true,
            description = "Write a dataset as a trace directory, ready for compare, stats or export.")
    static final class Materialize implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The trace directory to create.")
        Path output;

        @Option(names = "--seed", defaultValue = "1", description = "Seed for scenarios (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            Dataset d = Catalog.byName(name);
            try (Dataset.Opened opened = d.open(seed)) {
                long events = ChronicleTraceWriter.copy(opened.source(), opened.source().header(), output);
                spec.commandLine().getOut().printf("materialized %s: %d events into %s%n", name, events, output);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
