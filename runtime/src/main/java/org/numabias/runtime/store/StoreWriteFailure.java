package org.numabias.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a failure of Chronicle's write into a trace directory into one line naming the directory.
 * Chronicle writes through memory-mapped files, so a full file system surfaces as a JVM fault (an
 * {@link InternalError} from SIGBUS on the mapped page), not as an {@link IOException}; the free
 * space left on the directory's file system tells a full disk from another failure.
 */
final class StoreWriteFailure {
    /** Below this much usable space the file system is reported as full (a queue grows in mapped chunks of MiBs). */
    private static final long NEARLY_FULL = 1L << 20;

    private StoreWriteFailure() {
    }

    /** The failure {@code e} while writing into {@code dir}, as an unchecked I/O error saying what happened and {@code what} follows. */
    static UncheckedIOException translate(Throwable e, Path dir, String what) {
        if (e instanceof UncheckedIOException u && u.getMessage() != null && u.getMessage().startsWith(dir.toString())) {
            return u;
        }
        String message = dir + ": " + cause(e, dir) + "; " + what;
        IOException io = new IOException(message);
        io.initCause(e);
        return new UncheckedIOException(message, io);
    }

    private static String cause(Throwable e, Path dir) {
        if (full(dir)) {
            return "no space left on device";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.AccessDeniedException) {
                return "permission denied";
            }
            if (t instanceof IOException && t.getMessage() != null) {
                return "I/O error: " + t.getMessage();
            }
        }
        return e instanceof InternalError ? "the file system failed a write into the mapped trace file" : "write failed: " + e;
    }

    private static boolean full(Path dir) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing != null && Files.getFileStore(existing).getUsableSpace() < NEARLY_FULL;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
