package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;

/** The JSON writer's numbers, the tree of a report, and what reading something else says. */
class ReplayJsonTest {
    @Test
    void nonFiniteDoublesAreWrittenAsNullAndFiniteOnesAsJavaWritesThem() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("third", 1.0 / 3);
        m.put("big", 1e21);
        assertEquals("{\n  \"nan\": null,\n  \"inf\": null,\n  \"third\": 0.3333333333333333,\n  \"big\": 1.0E21\n}\n",
                ReplayJson.write(m));
    }

    @Test
    void aReportsTreeHasTheTraceBlockAndTheResultsInOrder() {
        Topology two = Topology.uniform(2, "test");
        InMemoryTrace trace = new InMemoryTrace(TraceHeader.of(two, List.of(), Map.of(), Map.of()), List.of(
                new TraceEvent.Alloc(0, 1, 0, 0, 0, 0, 0, 8), new TraceEvent.Consume(1, 1, 1, 1, 8)), "two events");
        ReplayReport r = new ReplayEngine(PredictorRegistry.builtIn()).run(trace, two, List.of("producer-local", "oracle"),
                ReplayEngine.Options.defaults());
        Map<String, Object> tree = ReplayJson.tree(r);
        assertEquals(List.of("trace", "results"), List.copyOf(tree.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> block = (Map<String, Object>) tree.get("trace");
        assertEquals("two events", block.get("source"));
        assertEquals(2L, block.get("events"));
        assertEquals(false, block.containsKey("traceTopology"), "the trace's own topology is not repeated");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) tree.get("results");
        assertEquals(List.of("producer-local", "oracle"), results.stream().map(x -> x.get("label")).toList());
        // with other distances, the trace's topology is kept beside the one the metrics used, and read back
        Topology far = two.withDistances(new int[][] {{10, 30}, {30, 10}}, "far");
        ReplayReport onFar = new ReplayEngine(PredictorRegistry.builtIn()).run(trace, far, List.of("producer-local"),
                ReplayEngine.Options.defaults());
        String json = ReplayJson.write(onFar);
        assertTrue(json.contains("\"traceTopology\""), json);
        ReplayReport back = ReplayJson.read(json);
        assertEquals(far, back.topology());
        assertEquals(two, back.header().topology());
        assertEquals(24.0, back.results().getFirst().cost(), "8 bytes at distance 30: 8 x 30 / 10");
    }

    @Test
    void readingSomethingElseSaysItIsNotAReport() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ReplayJson.read("[1, 2]"));
        assertTrue(e.getMessage().startsWith("not a numabias replay report: "), e.getMessage());
    }
}
