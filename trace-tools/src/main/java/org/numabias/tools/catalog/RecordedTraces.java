package org.numabias.tools.catalog;

import java.util.List;

/** Real traces bundled with numabias (recorded with {@code numabias record} on loopback workloads). */
final class RecordedTraces {
    private RecordedTraces() {
    }

    static List<Dataset> all() {
        return List.of();
    }
}
