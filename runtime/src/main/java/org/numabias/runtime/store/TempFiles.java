package org.numabias.runtime.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The temporary file of an atomic output (written beside its target, then moved into place), with
 * the permissions a file created directly gets: 0666 less the user's umask (0644 usually), where
 * {@link Files#createTempFile} alone would make it 0600.
 */
public final class TempFiles {
    private TempFiles() {
    }

    /**
     * A new empty file {@code .NAME.*.incomplete} in the folder of {@code absolute}.
     *
     * @throws IOException when it cannot be created there
     */
    public static Path beside(Path absolute) throws IOException {
        String prefix = "." + absolute.getFileName() + ".";
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(absolute.getParent(), prefix, ".incomplete",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-"))) // the umask still applies
                : Files.createTempFile(absolute.getParent(), prefix, ".incomplete");
    }
}
