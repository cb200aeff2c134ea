package org.numabias.runtime.replay;

/**
 * Whole-trace counts from a {@link TraceScan}.
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
}
