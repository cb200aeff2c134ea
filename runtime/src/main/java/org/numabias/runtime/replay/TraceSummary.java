package org.numabias.runtime.replay;

/**
 * Whole-trace counts from a replay pass ({@link ReplayEngine}, {@link TraceScan}).
 *
 * @param events           A, C and F events
 * @param allocs           Alloc events
 * @param consumes         Consume events (including unknown ones)
 * @param frees            Free events
 * @param unknownConsumes  Consumes of a buffer that was not live
 * @param unconsumedAllocs buffer instances never consumed
 * @param allocBytes       bytes of every Alloc whose size is known
 * @param consumeBytes     bytes of every Consume event
 * @param matchedConsumeBytes bytes of every Consume of a live buffer (the sum of {@code bytesByNodePair})
 * @param devices          1 + the highest device id on an Alloc
 * @param bytesByNodePair  consumed bytes by [producer node][consumer node]
 * @param eventsSha256     SHA-256 of the events' canonical encoding: the same for a CSV file and its import
 */
public record TraceSummary(long events, long allocs, long consumes, long frees, long unknownConsumes,
                           long unconsumedAllocs, long allocBytes, long consumeBytes, long matchedConsumeBytes, int devices,
                           long[][] bytesByNodePair, String eventsSha256) {

    /** Equal when every count, every byte pair and the digest are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TraceSummary s && events == s.events && allocs == s.allocs && consumes == s.consumes
                && frees == s.frees && unknownConsumes == s.unknownConsumes && unconsumedAllocs == s.unconsumedAllocs
                && allocBytes == s.allocBytes && consumeBytes == s.consumeBytes
                && matchedConsumeBytes == s.matchedConsumeBytes && devices == s.devices
                && java.util.Arrays.deepEquals(bytesByNodePair, s.bytesByNodePair) && eventsSha256.equals(s.eventsSha256);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(events, allocs, consumes, frees, unknownConsumes, unconsumedAllocs, allocBytes,
                consumeBytes, matchedConsumeBytes, devices, java.util.Arrays.deepHashCode(bytesByNodePair), eventsSha256);
    }
}
