package org.numabias.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The temporary file of an atomic output (written beside its target, then moved into place), with
 * the permissions a file created directly gets: 0666 less the user's umask (0644 usually), where
 * {@link Files#createTempFile} alone would make it 0600. Until its owner {@linkplain #settled settles}
 * it (moved into place or deleted), it is pending: a JVM that exits first (SIGTERM, Ctrl-C,
 * {@code System.exit} on an error) removes every pending file or folder, so an interrupted command
 * leaves no hidden partial output behind. Thread-safe.
 */
public final class TempFiles {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::removePending, "numabias-pending-outputs"));
    }

    private TempFiles() {
    }

    /**
     * A new empty file {@code .NAME.*.incomplete} in the folder of {@code absolute}, pending until
     * {@link #settled}.
     *
     * @throws IOException when it cannot be created there
     */
    public static Path beside(Path absolute) throws IOException {
        String prefix = "." + absolute.getFileName() + ".";
        Path tmp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(absolute.getParent(), prefix, ".incomplete",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-"))) // the umask still applies
                : Files.createTempFile(absolute.getParent(), prefix, ".incomplete");
        return pending(tmp);
    }

    /**
     * Marks {@code path}, a temporary file or folder of an output that is not complete yet, as
     * removed if the JVM exits before it is {@link #settled}; returns it.
     */
    public static Path pending(Path path) {
        PENDING.add(path.toAbsolutePath());
        return path;
    }

    /** {@code path} has been moved into place or deleted by its owner: the JVM's exit leaves it alone. */
    public static void settled(Path path) {
        PENDING.remove(path.toAbsolutePath());
    }

    /**
     * Deletes {@code path}, a temporary file or folder (with everything in it), if it exists, and
     * settles it.
     *
     * @throws IOException when something in it cannot be deleted (then it stays pending)
     */
    public static void delete(Path path) throws IOException {
        deleteTree(path);
        settled(path);
    }

    /** Whether {@code path} is pending. */
    static boolean isPending(Path path) {
        return PENDING.contains(path.toAbsolutePath());
    }

    /** Removes every pending file and folder (what the JVM's exit does); one that cannot be removed is left. */
    static void removePending() {
        for (Path path : List.copyOf(PENDING)) {
            try {
                deleteTree(path);
            } catch (IOException | UncheckedIOException e) {
                // the JVM is exiting: a leftover hidden temporary file is all that remains
            }
            PENDING.remove(path);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
