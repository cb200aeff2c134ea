package org.numabias.runtime.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.csv.CsvTraceSource;
import org.numabias.runtime.store.ChronicleTraceSource;

/**
 * Opens any trace a user can name: a trace directory (Chronicle Queue, from import or record) or a
 * CSV file (DESIGN.md's format). The caller closes the returned source.
 */
public final class Traces {
    private Traces() {
    }

    /**
     * The trace at {@code path}.
     *
     * @throws TraceFormatException naming the path when it is neither a trace directory nor a readable CSV trace
     */
    public static TraceSource open(Path path) {
        if (Files.isDirectory(path)) {
            return ChronicleTraceSource.open(path);
        }
        if (Files.isRegularFile(path)) {
            return CsvTraceSource.open(path);
        }
        throw new TraceFormatException(path + ": no such trace directory or CSV file");
    }
}
