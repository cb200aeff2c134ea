package org.numabias.tools.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.numabias.runtime.store.TempFiles;

/**
 * An output file written under a temporary name beside it ({@code .NAME.*.incomplete}) and moved into
 * place only when complete: a failed or killed command never leaves a valid-looking partial file
 * under the name the user asked for (the temporary file is removed, also when the JVM exits first:
 * {@link TempFiles}), and an existing file is replaced only with {@code --force}.
 */
final class AtomicFile {
    private AtomicFile() {
    }

    /** What writes the file's content. */
    @FunctionalInterface
    interface Body {
        void write(Writer out) throws IOException;
    }

    /**
     * Checks that {@code target} may be written (before long work whose result could not be stored).
     *
     * @throws FileAlreadyExistsException if it exists and {@code force} is false
     */
    static void check(Path target, boolean force) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a directory; refusing to write a file there");
        }
        if (!force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; use --force to overwrite it");
        }
    }

    /**
     * A new temporary file beside {@code absolute}, with the permissions a file created directly gets
     * (0666 less the umask: 0644 usually; a plain temporary file would be 0600).
     */
    static Path createTemp(Path absolute) throws IOException {
        try {
            return TempFiles.beside(absolute);
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : Numabias.message(e);
            throw new IOException(absolute + ": cannot write here: " + reason, e);
        }
    }

    /** {@code e} as one message naming {@code file} (a full disk's IOException names none). */
    static IOException named(Path file, IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
            return e; // it names its file already
        }
        return new IOException(file + ": " + e.getMessage(), e);
    }

    /** Writes {@code target} (UTF-8) through {@code body}; on failure the temporary file is removed and nothing changes. */
    static void write(Path target, boolean force, Body body) throws IOException {
        check(target, force);
        Path tmp = temporary(target);
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(out);
            } catch (IOException e) {
                throw named(target, e);
            }
            moveIntoPlace(tmp, target, force);
        } catch (IOException | RuntimeException | Error e) {
            TempFiles.delete(tmp);
            throw e;
        }
    }

    /** A new empty temporary file beside {@code target}, for content moved into place by {@link #moveIntoPlace}. */
    static Path temporary(Path target) throws IOException {
        return createTemp(target.toAbsolutePath());
    }

    /** Moves the complete {@code tmp} to {@code target}, checking again that it may be written (it may have appeared meanwhile). */
    static void moveIntoPlace(Path tmp, Path target, boolean force) throws IOException {
        check(target, force);
        try {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
        }
        TempFiles.settled(tmp);
    }
}
