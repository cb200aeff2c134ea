package org.numabias.live.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count written by one thread and read by others (the status line) without locks: the owner adds
 * with opaque stores (plain stores on x86), readers see a recent value; after the owner thread is
 * joined the value is exact.
 */
final class Counter {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Counter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through VALUE
    private long value;

    /** Owner thread only. */
    void add(long n) {
        VALUE.setOpaque(this, (long) VALUE.getOpaque(this) + n);
    }

    /** Any thread. */
    long get() {
        return (long) VALUE.getOpaque(this);
    }
}
