package org.numabias.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.numabias.live.cost.CopyCostMatrix;
import org.numabias.live.numa.Numa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code numabias numa-cost}: measures this machine's local-vs-remote copy cost matrix and writes it
 * as a distance file that {@code compare --distances} reads.
 */
@Command(name = "numa-cost", mixinStandardHelpOptions = true,
        description = {"Measure the copy cost between every pair of NUMA nodes, for compare --distances.",
                "A thread on the consumer node copies a buffer of the other node (like Intel MLC's bandwidth",
                "matrix); the matrix is written in SLIT units (10 = local) in the format compare --distances reads."})
final class NumaCostCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--mib", defaultValue = "64", paramLabel = "MIB",
            description = "Buffer size in MiB; larger than the last-level cache (default: ${DEFAULT-VALUE}).")
    int mib;

    @Option(names = "--repeat", defaultValue = "5", paramLabel = "N", description = "Copies per pair; the best counts (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the distance file here instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (mib < 1 || repeat < 1) {
            err.println("numa-cost: --mib and --repeat must be at least 1");
            return 2;
        }
        String[] why = new String[1];
        Optional<Numa> numa = Numa.load(why);
        if (numa.isEmpty()) {
            err.println("numa-cost: error: " + why[0]);
            return 1;
        }
        if (numa.get().nodes() == 1) {
            err.println("numa-cost: this machine has one NUMA node: the matrix is 1x1 (every copy is local)");
        }
        CopyCostMatrix m = CopyCostMatrix.measure(numa.get(), (long) mib << 20, repeat);
        String text = m.distanceFile(numa.get().describe());
        if (output != null) {
            Files.writeString(output, text);
            err.println("wrote " + output);
        } else {
            out.print(text);
        }
        out.flush();
        return 0;
    }
}
