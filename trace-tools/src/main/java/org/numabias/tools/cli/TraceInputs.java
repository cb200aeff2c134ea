package org.numabias.tools.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.tools.csv.CsvTraceSource;
import org.numabias.tools.perf.PerfLine;
import org.numabias.tools.perf.PerfScriptImporter;

/** Opens what a user names as TRACE: a trace directory (Chronicle Queue) or a CSV file. */
public final class TraceInputs {
    private TraceInputs() {
    }

    /** A source that releases its files when closed. */
    public interface Opened extends TraceSource, AutoCloseable {
        @Override
        void close();
    }

    /** Opens {@code path}, or throws a {@link TraceFormatException} naming it (and saying if it is perf script text). */
    public static Opened open(Path path) {
        if (Files.isDirectory(path)) {
            ChronicleTraceSource source = ChronicleTraceSource.open(path);
            return wrap(source, source::close);
        }
        if (Files.isRegularFile(path)) {
            try {
                return wrap(CsvTraceSource.open(path), () -> { });
            } catch (TraceFormatException e) {
                if (looksLikePerfScript(path)) {
                    throw new TraceFormatException(e.getMessage() + "\n" + path + " looks like perf script text: import it first "
                            + "with 'numabias import --format perf-script " + path + " -o TRACE_DIR'");
                }
                throw e;
            }
        }
        throw new TraceFormatException(path + ": no such trace directory or CSV file");
    }

    private static boolean looksLikePerfScript(Path path) {
        try (var lines = Files.lines(path)) {
            return lines.filter(l -> !l.isBlank()).limit(1)
                    .anyMatch(l -> l.length() < PerfScriptImporter.MAX_LINE && PerfLine.parse(l) != null);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static Opened wrap(TraceSource source, Runnable onClose) {
        return new Opened() {
            @Override
            public TraceHeader header() {
                return source.header();
            }

            @Override
            public TraceCursor open() {
                return source.open();
            }

            @Override
            public String description() {
                return source.description();
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
