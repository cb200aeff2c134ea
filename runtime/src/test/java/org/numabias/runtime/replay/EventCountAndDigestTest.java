package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.EventDigest;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;

/** Where the engine takes a trace's event count and digest from, and what it does when a header's count is wrong. */
class EventCountAndDigestTest {
    private static final Topology TWO = Topology.uniform(2, "test");

    /** A source that knows the given digest of its events without reading them. */
    private record Digested(InMemoryTrace trace, String digest) implements TraceSource {
        @Override
        public TraceHeader header() {
            return trace.header();
        }

        @Override
        public TraceCursor open() {
            return trace.open();
        }

        @Override
        public String description() {
            return "digested";
        }

        @Override
        public long knownEvents() {
            return trace.knownEvents();
        }

        @Override
        public String knownEventsSha256() {
            return digest;
        }
    }

    @Test
    void theEventsDigestIsComputedInThePassUnlessTheSourceKnowsIt() {
        InMemoryTrace trace = new InMemoryTrace(TraceHeader.of(TWO, List.of(), Map.of(), Map.of()), tenEvents(), "ten");
        EventDigest expected = new EventDigest();
        tenEvents().forEach(expected::add);
        assertEquals(expected.hex(), replayHalf(trace).summary().eventsSha256());
        String known = "ab".repeat(32);
        assertEquals(known, replayHalf(new Digested(trace, known)).summary().eventsSha256(), "trusted, not hashed again");
    }

    /** A source that does not know its count itself, with the header counts and provenance given. */
    private record Headed(List<TraceEvent> events, Map<String, String> provenance, Map<String, Long> counts)
            implements TraceSource {
        @Override
        public TraceHeader header() {
            return TraceHeader.of(TWO, List.of(), provenance, counts);
        }

        @Override
        public TraceCursor open() {
            return new InMemoryTrace(header(), events, "headed").open();
        }

        @Override
        public String description() {
            return "headed";
        }
    }

    private static long known(Map<String, String> provenance, Map<String, Long> counts) {
        return ReplayEngine.knownEvents(new Headed(List.of(), provenance, counts));
    }

    @Test
    void aSealedHeadersCountIsTakenAndAnIncompleteOnesIsNot() {
        assertEquals(9, known(Map.of(), Map.of("events", 9L)));
        assertEquals(0, known(Map.of(), Map.of("events", 0L)));
        assertEquals(3 + 4 + 2, known(Map.of(), Map.of("allocs", 3L, "consumes", 4L, "frees", 2L)));
        assertEquals(-1, known(Map.of(), Map.of("allocs", 3L, "consumes", 4L)));
        assertEquals(-1, known(Map.of(), Map.of("allocs", 3L, "frees", 2L)));
        assertEquals(-1, known(Map.of(), Map.of("consumes", 4L, "frees", 2L)));
        assertEquals(-1, known(Map.of(), Map.of()));
        assertEquals(-1, known(Map.of("incomplete", "true"), Map.of("events", 9L)));
        // a source's own count comes first, 0 included
        assertEquals(0, ReplayEngine.knownEvents(new InMemoryTrace(TraceHeader.of(TWO, List.of(), Map.of(),
                Map.of("events", 9L)), List.of(), "empty")));
    }

    /** Ten events: consumes at indices 1..8 (on node 1, produced on node 0), the Alloc at 0, the Free at 9. */
    private static List<TraceEvent> tenEvents() {
        List<TraceEvent> events = new ArrayList<>();
        events.add(new TraceEvent.Alloc(0, 1, 0, 0, 0, 0, 0, 8));
        for (int i = 1; i <= 8; i++) {
            events.add(new TraceEvent.Consume(i, 1, 0, 1, 8));
        }
        events.add(new TraceEvent.Free(9, 1));
        return events;
    }

    private static ReplayReport replayHalf(TraceSource source) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(source, TWO, List.of("producer-local"),
                new ReplayEngine.Options(ScoreFrom.parse("0.5"), ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE));
    }

    @Test
    void aFractionIsResolvedAgainstTheTrueCountWhateverTheHeaderSaid() {
        // 0.5 of 10 events: scoring from event 5, so the consumes at 5..8 are scored
        for (Map<String, Long> counts : List.of(Map.of("events", 10L), Map.of("events", 100L), Map.of("events", 4L),
                Map.<String, Long>of())) {
            ReplayReport r = replayHalf(new Headed(tenEvents(), Map.of(), counts));
            assertEquals(5, r.scoreFromIndex(), "header counts " + counts);
            assertEquals(4, r.results().getFirst().consumptions(), "header counts " + counts);
            assertEquals(10, r.summary().events());
        }
    }
}
