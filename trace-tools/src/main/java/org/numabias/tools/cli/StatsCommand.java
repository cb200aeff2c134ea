package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.numabias.api.trace.TraceSource;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.TraceScan;
import org.numabias.runtime.replay.TraceSummary;
import org.numabias.runtime.replay.ReplayJson;
import org.numabias.reports.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias stats}: what a trace holds, and where its bytes went. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Summarise a trace: events, bytes, devices, nodes, bytes by (producer node, consumer node).")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory or CSV file.")
    Path trace;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    PredictorsCommand.OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (TraceSource source = TraceInputs.open(trace)) {
            TraceHeader header = source.header();
            ProgressListener progress = TerminalProgress.forTerminal(spec.commandLine().getErr(),
                    format == PredictorsCommand.OutputFormat.table);
            TraceSummary s = TraceScan.summarize(source, header.topology(), progress);
            Map<String, Object> m = stats(source.description(), header, s);
            if (format == PredictorsCommand.OutputFormat.json) {
                out.print(ReplayJson.write(m));
            } else {
                printTable(out, m, header.topology(), s, org.numabias.runtime.store.TraceState.note(header));
            }
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> stats(String description, TraceHeader header, TraceSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trace", description);
        m.put("state", org.numabias.runtime.store.TraceState.of(header).key());
        m.put("events", s.events());
        m.put("allocs", s.allocs());
        m.put("consumes", s.consumes());
        m.put("frees", s.frees());
        m.put("bytes", s.consumeBytes());
        m.put("matchedBytes", s.matchedConsumeBytes());
        m.put("allocBytes", s.allocBytes());
        m.put("unknownConsumes", s.unknownConsumes());
        m.put("unconsumedAllocs", s.unconsumedAllocs());
        for (String count : List.of("unmatchedCopies", "skippedLines", "otherEvents")) {
            m.put(count, header.counts().getOrDefault(count, 0L));
        }
        List<String> devices = new ArrayList<>(header.deviceNames());
        for (int d = devices.size(); d < s.devices(); d++) {
            devices.add(Integer.toString(d));
        }
        m.put("devices", devices);
        m.put("nodes", header.topology().nodes());
        m.put("bytesByNodePair", List.of((Object[]) s.bytesByNodePair()));
        Map<String, Object> topology = new LinkedHashMap<>();
        topology.put("source", header.topology().source());
        topology.put("projected", header.topology().projected());
        topology.put("cpus", header.topology().cpus());
        m.put("topology", topology);
        m.put("provenance", header.provenance());
        m.put("counts", header.counts());
        m.put("eventsSha256", s.eventsSha256());
        return m;
    }

    private static void printTable(PrintWriter out, Map<String, Object> m, Topology topology, TraceSummary s, String partial) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!List.of("bytesByNodePair", "topology", "provenance", "counts").contains(e.getKey())) {
                out.printf("%-17s %s%n", e.getKey(), e.getValue());
            }
        }
        out.printf("%-17s %s%n", "topology", topology.describe());
        if (partial != null) {
            out.printf("%-17s %s%n", "WARNING", partial);
        }
        out.println();
        out.println("consumed bytes by producer node (rows) and consumer node (columns):");
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[topology.nodes() + 1];
        head[0] = "producer";
        for (int c = 0; c < topology.nodes(); c++) {
            head[c + 1] = "node " + c;
        }
        rows.add(head);
        for (int p = 0; p < topology.nodes(); p++) {
            String[] row = new String[topology.nodes() + 1];
            row[0] = "node " + p;
            for (int c = 0; c < topology.nodes(); c++) {
                row[c + 1] = Long.toString(s.bytesByNodePair()[p][c]);
            }
            rows.add(row);
        }
        out.print(Table.render(rows));
    }
}
