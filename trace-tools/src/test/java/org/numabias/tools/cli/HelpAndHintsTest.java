package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.numabias.api.Topology;
import org.numabias.runtime.topology.CpuNodeMap;
import picocli.CommandLine;

/** The top-level help lists every command with a whole sentence, and record's one-node hint. */
class HelpAndHintsTest {

    @Test
    void everyCommandsFirstDescriptionLineIsAWholeSentence() {
        CommandLine cl = Numabias.commandLine();
        for (var e : cl.getSubcommands().entrySet()) {
            String[] description = e.getValue().getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, e.getKey() + " has no description");
            assertTrue(description[0].endsWith("."),
                    e.getKey() + ": the command list shows only the first line, which must be a whole sentence: " + description[0]);
        }
    }

    /**
     * Picocli renders every description as a format string: an unescaped {@code %} (say "95% interval")
     * prints a warning instead of the help. Every text of every command, its options and parameters,
     * at every depth, must format.
     */
    @Test
    void everyHelpTextIsAValidFormatString() {
        List<CommandLine> commands = new ArrayList<>(List.of(Numabias.commandLine()));
        for (int i = 0; i < commands.size(); i++) {
            CommandLine.Model.CommandSpec spec = commands.get(i).getCommandSpec();
            commands.addAll(commands.get(i).getSubcommands().values());
            List<String> texts = new ArrayList<>();
            texts.addAll(List.of(spec.usageMessage().description()));
            texts.addAll(List.of(spec.usageMessage().header()));
            texts.addAll(List.of(spec.usageMessage().footer()));
            spec.options().forEach(o -> texts.addAll(List.of(o.description())));
            spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
            for (String text : texts) {
                assertDoesNotThrow(() -> String.format(Locale.ROOT, text), spec.qualifiedName() + ": " + text);
            }
        }
        assertTrue(commands.size() > 15, "the walk found only " + commands.size() + " commands");
    }

    @Test
    void helpListsTheCommandsAndTheLauncherCommands() {
        CliTest.Run r = CliTest.run("--help");
        assertEquals(0, r.code());
        for (String cmd : List.of("demo", "compare", "predictors", "import", "export", "stats", "generate", "datasets",
                "record", "verify", "live", "numa-cost")) {
            assertTrue(r.out().contains("\n  " + cmd + " "), cmd + " missing from --help:\n" + r.out());
        }
        String flowing = r.out().replaceAll("\\s+", " ");
        assertTrue(flowing.contains(" live Run producers, consumers and a predictor live on loopback UDP traffic, with real "
                + "NUMA allocation. numa-cost Measure the copy cost between every pair of NUMA nodes, for compare "
                + "--distances. "), r.out());
        for (String cmd : List.of("test", "build", "mvn", "notebooks", "bench", "doctor")) {
            assertTrue(r.out().contains("\n  " + cmd + " "), "launcher command " + cmd + " missing from --help:\n" + r.out());
        }
    }

    @Test
    void helpOfACommandPrintsItsUsage() {
        CliTest.Run r = CliTest.run("help", "numa-cost");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: numabias numa-cost"), r.out());
    }

    @Test
    void recordWarnsOnAOneNodeTopologyAndSuggestsTheProjection() {
        Optional<String> hint = RecordCommand.oneNodeHint("sysfs", CpuNodeMap.of(Topology.uniform(1, "sysfs")));
        assertEquals(Optional.of("record: warning: the topology (sysfs) has one NUMA node, so every buffer is local and "
                + "every predictor will score like the oracle (1.0); on a one-node machine, record with --topology "
                + "cpu-as-node (each CPU a node: a projection, labelled as such) to compare predictors"), hint);
    }

    @Test
    void recordDoesNotWarnOnTwoNodesOrAProjection() {
        assertEquals(Optional.empty(), RecordCommand.oneNodeHint("sysfs", CpuNodeMap.of(Topology.uniform(2, "sysfs"))));
        assertEquals(Optional.empty(), RecordCommand.oneNodeHint("cpu-as-node", CpuNodeMap.projection(1)));
        assertEquals(Optional.empty(), RecordCommand.oneNodeHint("cpus-per-node=2", CpuNodeMap.projection(2)));
    }
}
