package org.numabias.runtime.store;

/** The first byte of every excerpt in a trace queue. */
final class ExcerptKind {
    /** The header, always the first excerpt, written when the trace is created. */
    static final byte HEADER = 'H';
    /** The complete header again (final device names and counts), the last excerpt of a closed trace. */
    static final byte SEAL = 'S';
    static final byte ALLOC = 'A';
    static final byte CONSUME = 'C';
    static final byte FREE = 'F';

    private ExcerptKind() {
    }
}
