package org.numabias.tools.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.tools.csv.CsvTraceSource;

/** Opens what a user names as TRACE: a trace directory (Chronicle Queue) or a CSV file. */
final class TraceInputs {
    private TraceInputs() {
    }

    /** A source that releases its files when closed. */
    interface Opened extends TraceSource, AutoCloseable {
        @Override
        void close();
    }

    static Opened open(Path path) {
        if (Files.isDirectory(path)) {
            ChronicleTraceSource source = ChronicleTraceSource.open(path);
            return wrap(source, source::close);
        }
        if (Files.isRegularFile(path)) {
            return wrap(CsvTraceSource.open(path), () -> { });
        }
        throw new TraceFormatException(path + ": no such trace directory or CSV file");
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
