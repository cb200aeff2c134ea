package org.numabias.tools.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.numabias.runtime.store.TempFiles;

/**
 * A report folder written whole or not at all: its files are written into a hidden temporary folder
 * beside it ({@code .NAME.incomplete-N}) and moved into place only when every file is written, so a
 * full disk, another failure or the JVM's exit ({@link TempFiles}) leaves no partial report (and an
 * earlier report there unchanged);
 * the error names the file that failed under its final name.
 */
final class ReportFolder {
    private ReportFolder() {
    }

    /** What writes the report's files into a folder and returns them. */
    @FunctionalInterface
    interface Body {
        List<Path> write(Path dir) throws IOException;
    }

    /**
     * Writes the report for {@code target} through {@code body}.
     *
     * @return the files written, under {@code target}, in {@code body}'s order
     * @throws IOException naming the file that failed; nothing is left of the new report
     */
    static List<Path> write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " exists and is not a folder; refusing to write a report there");
        }
        Path parent = absolute.getParent();
        Path tmp = parent.resolve("." + absolute.getFileName() + ".incomplete-" + Long.toUnsignedString(
                ThreadLocalRandom.current().nextLong(), 36));
        try {
            Files.createDirectories(parent);
            TempFiles.pending(Files.createDirectory(tmp));
        } catch (IOException e) {
            throw new IOException(target + ": cannot create the report folder: " + Numabias.message(e), e);
        }
        try {
            List<Path> written = body.write(tmp);
            List<Path> moved = new ArrayList<>();
            if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                move(tmp, absolute);
                TempFiles.settled(tmp);
                written.forEach(f -> moved.add(absolute.resolve(tmp.relativize(f))));
                return moved;
            }
            for (Path f : written) {
                Path to = absolute.resolve(tmp.relativize(f));
                move(f, to); // replaces the earlier report's file of that name
                moved.add(to);
            }
            TempFiles.delete(tmp);
            return moved;
        } catch (IOException | RuntimeException e) {
            try {
                TempFiles.delete(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            String m = Numabias.message(e).replace(tmp.toString(), absolute.toString());
            throw new IOException(m.startsWith(absolute.toString()) ? m + " (the report was not written)"
                    : target + ": " + m + " (the report was not written)", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
