package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.numabias.api.trace.TraceCursor;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.csv.CsvTraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias verify}: checks a trace end to end and says where any damage is and what is still readable. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a trace: header, seal, counts and every checksum (trace directory), or every row (CSV).",
                "Says where any damage is and how many events are still readable.",
                "Exit 0: sealed and intact; 1: damaged, or not sealed (the writer stopped early)."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory (or its .incomplete leftover) or a CSV file.")
    Path trace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (Files.isRegularFile(trace)) {
            CsvTraceSource csv = CsvTraceSource.open(trace); // validates every row, naming file, line and field
            long events = 0;
            try (TraceCursor c = csv.open()) {
                for (; c.hasNext(); c.next()) {
                    events++;
                }
            }
            out.printf("trace     %s (CSV)%nevents    %d, every row valid%ntopology  %s%nstatus    intact%n", trace, events,
                    csv.header().topology().describe());
            out.flush();
            return 0;
        }
        if (!ChronicleTraceSource.isTraceDir(trace) && ChronicleTraceSource.isTraceDir(ChronicleTraceWriter.incompleteDir(trace))) {
            out.printf("note      %s does not exist; verifying the unfinished %s%n", trace, ChronicleTraceWriter.incompleteDir(trace));
            trace = ChronicleTraceWriter.incompleteDir(trace);
        }
        ChronicleTraceSource.Verification v = ChronicleTraceSource.verify(trace);
        out.printf("trace     %s (%d queue file%s)%n", v.dir(), v.files(), v.files() == 1 ? "" : "s");
        out.printf("format    %d (%s)%n", v.header().formatVersion(), v.checksums()
                ? "CRC32C per block of " + ChronicleTraceWriter.BLOCK_EVENTS + " events and over the whole trace"
                : "no checksums: events cannot be checked");
        out.printf("sealed    %s%n", v.sealed() ? "yes" : "NO: the writer stopped before finishing (killed or crashed)");
        out.printf("topology  %s%n", v.header().topology().describe());
        out.printf("devices   %s%n", v.header().deviceNames());
        out.printf("events    %d found, %d readable (allocs %d, consumes %d, frees %d)%s%n", v.eventsSeen(), v.readable(),
                v.allocs(), v.consumes(), v.frees(), v.checksums() ? " in " + v.blocks() + " checked blocks" : "");
        if (v.ignoredTail() > 0) {
            out.printf("ignored   %d events after the last checksum (written as the writer stopped; not verifiable)%n",
                    v.ignoredTail());
        }
        if (v.partialExcerpt()) {
            out.println("ignored   one partly written excerpt at the end");
        }
        out.printf("digest    %s (%s)%n", v.eventsSha256(), v.digestStored()
                ? "SHA-256 of the readable events; the seal keeps the writer's, checked against it"
                : "SHA-256 of the readable events; the seal keeps none to check against");
        if (!v.header().counts().isEmpty()) {
            out.printf("counts    %s%n", v.header().counts());
        }
        for (String d : v.damage().subList(0, Math.min(20, v.damage().size()))) {
            out.println("damage    " + d);
        }
        if (v.damage().size() > 20) {
            out.printf("damage    ... and %d more%n", v.damage().size() - 20);
        }
        String status = !v.intact() ? "DAMAGED: " + v.damage().size() + " damaged place(s); " + v.readable()
                + " events are still readable with checksums intact"
                : v.sealed() ? "intact" : "intact but INCOMPLETE: " + v.readable() + " events readable";
        out.println("status    " + status);
        out.flush();
        return v.intact() && v.sealed() ? 0 : 1;
    }
}
