package org.numabias.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An exclusive claim on an output, held by one writer from start to finish: an operating-system
 * lock ({@link FileChannel#tryLock()}) on a small file beside the output ({@code OUTPUT.lock}, or a
 * named file inside a folder) holding the holder's process id and command line. A second writer,
 * in this process or another, is refused with a message naming the holder; the lock dies with its
 * process, so a killed writer never leaves a claim that blocks a rerun. The file is removed on
 * {@link #close()}; a claimant that locked a file removed meanwhile tries again, so two writers
 * never both hold a claim.
 */
public final class OutputLock implements AutoCloseable {
    private static final int ATTEMPTS = 8;
    private static final int MAX_HOLDER_CHARS = 300;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file that guards trace output {@code target} (and its {@code .incomplete}): {@code TARGET.lock}. */
    public static Path besides(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".lock");
    }

    /**
     * Claims {@code output} through the lock file {@code lockFile}.
     *
     * @param output what is being written, for the message
     * @throws UncheckedIOException naming the output and the holder if another writer holds it, or
     *                              naming the lock file if it cannot be created (a read-only folder)
     */
    public static OutputLock acquire(Path lockFile, Path output) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel ch;
            try {
                Files.createDirectories(lockFile.toAbsolutePath().getParent()); // as the output would be
                ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException(lockFile + ": cannot create the lock file for " + output + ": " + reason(e), e);
            }
            try {
                Object key = fileKey(lockFile);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // this process already holds it
                }
                if (lock == null) {
                    String holder = holder(ch);
                    ch.close();
                    String m = output + " is being written by another writer (" + holder + "; lock " + lockFile
                            + "); wait for it to finish or stop it";
                    throw new UncheckedIOException(m, new IOException(m));
                }
                if (key == null || !Objects.equals(key, fileKey(lockFile))) {
                    ch.close(); // the holder removed the file between our open and lock: claim the new one
                    continue;
                }
                byte[] me = Self.DESCRIPTION;
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(me), 0);
                return new OutputLock(lockFile, ch, lock);
            } catch (IOException e) {
                closeQuietly(ch);
                throw new UncheckedIOException(lockFile + ": cannot lock " + output + ": " + reason(e), e);
            } catch (RuntimeException e) {
                closeQuietly(ch);
                throw e;
            }
        }
        String m = lockFile + ": the lock for " + output + " kept being replaced by other writers; try again";
        throw new UncheckedIOException(m, new IOException(m));
    }

    /** Claims trace output {@code target} through {@link #besides(Path)}. */
    public static OutputLock forTrace(Path target) {
        return acquire(besides(target), target);
    }

    private static Object fileKey(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(MAX_HOLDER_CHARS);
            ch.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "a process that has not yet said who it is" : s;
        } catch (IOException e) {
            return "unknown holder";
        }
    }

    /**
     * What a claim writes into its lock file: this process's id and command line, read from the
     * operating system once, on the first claim (they never change while it runs).
     */
    private static final class Self {
        static final byte[] DESCRIPTION = describe().getBytes(StandardCharsets.UTF_8);

        private static String describe() {
            ProcessHandle me = ProcessHandle.current();
            String cmd = me.info().commandLine().orElse(me.info().command().orElse("java"));
            if (cmd.length() > MAX_HOLDER_CHARS - 40) {
                cmd = cmd.substring(0, MAX_HOLDER_CHARS - 43) + "...";
            }
            return "pid " + me.pid() + ": " + cmd;
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.NoSuchFileException n -> "no such folder";
            case java.nio.file.FileSystemException fs when fs.getReason() != null -> fs.getReason();
            default -> String.valueOf(e.getMessage());
        };
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one reported
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Removes the lock file and releases the claim (idempotent). */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a lock file left behind is harmless: the operating-system lock is what counts
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock whatever happens
        }
    }
}
