package org.numabias.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.trace.TraceEvent;
import org.numabias.runtime.store.ChronicleTraceSource;

/**
 * Each benchmark baseline does the same work as its value: both run here once on a small input and
 * their results are compared (expected values from the input itself, computed here).
 */
class BaselinesTest {
    /** Every field of every event, summed here from the in-memory events. */
    private static long fieldSum(List<TraceEvent> events) {
        long sum = 0;
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.Alloc a) {
                sum += a.timeNs() + a.bufferId() + a.device() + a.queue() + a.flow() + a.cpu() + a.node() + a.bytes()
                        + a.allocNode();
            } else if (e instanceof TraceEvent.Consume c) {
                sum += c.timeNs() + c.bufferId() + c.cpu() + c.node() + c.bytes();
            } else {
                sum += e.timeNs() + e.bufferId();
            }
        }
        return sum;
    }

    /** Every event of the stored trace in {@code dir}, read through the store's public source. */
    private static List<TraceEvent> stored(java.nio.file.Path dir) {
        try (ChronicleTraceSource source = ChronicleTraceSource.open(dir); var cursor = source.open()) {
            List<TraceEvent> events = new java.util.ArrayList<>();
            cursor.forEachRemaining(events::add);
            return events;
        }
    }

    /** The names of the queue files in {@code dir}. */
    private static List<String> queueFiles(java.nio.file.Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    /**
     * The event excerpts (kind byte 'A', 'C' or 'F') of the queue in {@code dir}, in order, each as hex:
     * read with Chronicle's own tailer, so the comparison does not depend on either writer's layout code.
     */
    private static List<String> eventExcerpts(java.nio.file.Path dir) {
        List<String> excerpts = new java.util.ArrayList<>();
        try (net.openhft.chronicle.queue.ChronicleQueue queue = net.openhft.chronicle.queue.ChronicleQueue.singleBuilder(dir)
                .readOnly(true).build(); net.openhft.chronicle.queue.ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (net.openhft.chronicle.wire.DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return excerpts;
                    }
                    byte[] bytes = dc.wire().bytes().toByteArray();
                    if (dc.isData() && bytes.length > 0 && (bytes[0] == 'A' || bytes[0] == 'C' || bytes[0] == 'F')) {
                        excerpts.add(java.util.HexFormat.of().formatHex(bytes));
                    }
                }
            }
        }
    }

    @Test
    void theStoreReadAndWriteAndTheirBaselinesHandleTheSameEvents() throws Exception {
        TraceStoreBenchmark b = new TraceStoreBenchmark();
        b.setUp();
        try {
            long expected = fieldSum(b.trace.events());
            assertEquals(expected, b.read(), "read sums every field of every event");
            assertEquals(expected, b.cheapestRead(), "the cheapest read sums the same fields");
            b.newOutput();
            assertEquals(b.trace.events().size(), b.write());
            assertEquals(expected, org.numabias.runtime.store.RawFieldSum.of(b.written), "write stores every field");
            List<String> written = queueFiles(b.written);
            List<String> writtenEvents = eventExcerpts(b.written);
            assertEquals(b.trace.events().size(), writtenEvents.size(), "one excerpt per event");
            b.removeOutput();
            b.newOutput();
            assertEquals(b.trace.events().size(), b.rawAppend());
            assertEquals(expected, org.numabias.runtime.store.RawFieldSum.of(b.written),
                    "the raw append stores the same fields in the same layout");
            assertEquals(written, queueFiles(b.written), "the same roll cycle: the same queue files");
            org.junit.jupiter.api.Assertions.assertIterableEquals(writtenEvents, eventExcerpts(b.written),
                    "the same event excerpts, byte for byte, in the same order");
            b.removeOutput();
        } finally {
            b.tearDown();
        }
    }

    @Test
    void compareAndTheCheapestReadReadTheSameEventsAndThreadsDoNotChangeResults() throws Exception {
        CompareBenchmark b = new CompareBenchmark();
        b.events = 3000;
        b.setUp();
        try {
            List<TraceEvent> events = stored(b.trace);
            assertEquals(3000, events.size());
            assertEquals(fieldSum(events), b.cheapestRead());
            double one = b.compare(List.of("majority"));
            assertTrue(one > 0 && one <= 1, "majority's localByteRatio " + one);
            assertEquals(4 * one, b.compareTracesOneThread(), 1e-12);
            assertEquals(4 * one, b.compareTracesTwoThreads(), 1e-12);
            double all = b.compare(b.everyBuiltIn);
            assertTrue(all > 1, "the built-ins' localByteRatios add up to " + all);
            assertEquals(all, b.compareAll(), 0.0);
            assertEquals(all, b.compareAllTwoThreads(), 0.0, "the lanes fanned out on two threads give the same results");
        } finally {
            b.tearDown();
        }
    }

    @Test
    void theReplayFloorReadsWhatTheCheapestReadReadsAndJoinsEveryConsumeToItsAlloc() throws Exception {
        CompareBenchmark b = new CompareBenchmark();
        b.events = 3000;
        b.setUp();
        try {
            List<TraceEvent> events = stored(b.trace);
            // the join, done here over the events with a map: buffer id -> the live instance's producer node
            java.util.Map<Long, Integer> live = new java.util.HashMap<>();
            long consumes = 0;
            long matched = 0;
            long localBytes = 0;
            for (TraceEvent e : events) {
                switch (e) {
                    case TraceEvent.Alloc a -> live.put(a.bufferId(), a.node());
                    case TraceEvent.Consume c -> {
                        consumes++;
                        Integer producer = live.get(c.bufferId());
                        matched += producer == null ? 0 : 1;
                        localBytes += producer != null && producer == c.node() ? c.bytes() : 0;
                    }
                    case TraceEvent.Free f -> live.remove(f.bufferId());
                }
            }
            assertEquals(1000, consumes, "the mix trace allocates, consumes and frees each buffer");
            assertTrue(localBytes > 0, "some bytes are read on their producer's node");
            assertEquals(new org.numabias.runtime.store.RawJoin.Result(fieldSum(events), consumes, matched, localBytes),
                    b.replayFloor());
            assertEquals(fieldSum(events), b.cheapestRead(), "the floor and the cheapest read sum the same fields");
        } finally {
            b.tearDown();
        }
    }

    @Test
    void theHandWrittenMajoritiesPredictWhatMajorityPredicts() {
        PredictorBenchmark.Spec majority = new PredictorBenchmark.Spec();
        majority.spec = "majority";
        majority.setUp();
        PredictorBenchmark.DeviceBaseline device = new PredictorBenchmark.DeviceBaseline();
        device.setUp();
        for (int k = 0; k < 20_000; k++) {
            assertEquals(majority.step(), device.step(), "step " + k);
        }
        PredictorBenchmark.FlowKeys keys = new PredictorBenchmark.FlowKeys();
        keys.flowKeys = 1000;
        keys.setUp();
        PredictorBenchmark.FlowPredictor flow = new PredictorBenchmark.FlowPredictor();
        flow.setUp(keys);
        PredictorBenchmark.FlowBaseline baseline = new PredictorBenchmark.FlowBaseline();
        baseline.setUp(keys);
        for (int k = 0; k < 20_000; k++) {
            assertEquals(flow.step(keys), baseline.step(keys), "step " + k);
        }
    }

    @Test
    void theImportAndTheLineReadReadEveryLineOfTheSameFile() throws Exception {
        PerfImportBenchmark b = new PerfImportBenchmark();
        b.buffers = 300;
        b.setUp();
        try {
            List<String> lines = Files.readAllLines(b.file);
            long[] events = {0};
            assertEquals(lines.size(), b.importAll(events).lines());
            assertTrue(events[0] >= 300, "events " + events[0]);
            assertEquals(lines.stream().mapToLong(String::length).sum(), b.readLines());
        } finally {
            b.tearDown();
        }
    }
}
