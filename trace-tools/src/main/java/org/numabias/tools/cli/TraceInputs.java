package org.numabias.tools.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.trace.Traces;
import org.numabias.kernel.perf.PerfLine;
import org.numabias.kernel.perf.PerfScriptImporter;

/**
 * Opens what a user names as TRACE ({@link Traces#open}), adding the CLI's hint when a file is perf
 * script text that must be imported first.
 */
final class TraceInputs {
    private TraceInputs() {
    }

    static TraceSource open(Path path) {
        try {
            return Traces.open(path);
        } catch (TraceFormatException e) {
            if (Files.isRegularFile(path) && looksLikePerfScript(path)) {
                throw new TraceFormatException(e.getMessage() + "\n" + path + " looks like perf script text: import it first "
                        + "with 'numabias import --format perf-script " + path + " -o TRACE_DIR'");
            }
            throw e;
        }
    }

    private static boolean looksLikePerfScript(Path path) {
        try (var lines = Files.lines(path)) {
            return lines.filter(l -> !l.isBlank()).limit(1)
                    .anyMatch(l -> l.length() < PerfScriptImporter.MAX_LINE && PerfLine.parse(l) != null);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
