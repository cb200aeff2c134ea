package org.numabias.runtime.guard;

/**
 * Two MiB of heap held from start-up and dropped when the JVM runs out of it (a predictor's call ended in
 * a {@link VirtualMachineError}, or the CLI caught an {@link OutOfMemoryError}): room for a replay's
 * threads to stop and for the one-line report to be built while whatever filled the heap (a plugin's
 * static hoard) is still held.
 */
public final class HeapReserve {
    /** Held only to be dropped. */
    @SuppressWarnings("unused")
    private static volatile byte[] reserve = new byte[2 << 20];

    private HeapReserve() {
    }

    /** Makes sure the reserve is held: call early (dropping it allocates nothing, taking it does). */
    public static void hold() {
        // loading the class took it
    }

    /** Drops the reserve; allocates nothing, and later calls do nothing. */
    public static void release() {
        reserve = null;
    }
}
