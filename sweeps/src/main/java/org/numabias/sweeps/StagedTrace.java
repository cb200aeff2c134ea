package org.numabias.sweeps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.numabias.api.ConfigurationException;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.store.TempFiles;
import org.numabias.runtime.trace.Traces;

/**
 * A trace on a Hadoop file system ({@code file://}, {@code hdfs://}, {@code s3a://}, ... whichever the
 * class path and the Hadoop configuration provide), staged to local disk before it is opened: a
 * Chronicle trace is memory-mapped, which a remote store cannot be. The copy goes to a fresh folder
 * under {@code java.io.tmpdir} (an executor's own); the SHA-256 of the bytes read from the store is
 * checked against the staged copy read back from disk, and the sizes against the store's listing,
 * before the trace is opened. Closing the source deletes the copy.
 */
final class StagedTrace {
    private StagedTrace() {
    }

    /** Whether {@code location} names a Hadoop file system URI ({@code scheme://...}) rather than a local path. */
    static boolean isUri(String location) {
        return location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    /** Checks on the driver that the URI names something; the message says what is wrong. */
    static void requireExists(String uri, String field) {
        Logs.quietLibraries();
        boolean exists;
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(uri));
            exists = p.getFileSystem(new Configuration()).exists(p);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(field + ": " + uri + ": " + e.getMessage()
                    + " (s3a:// needs hadoop-aws on the class path; hdfs:// a reachable name node)");
        }
        if (!exists) {
            throw new ConfigurationException(field + ": " + uri + ": no such trace directory or CSV file");
        }
    }

    /** Copies the trace at {@code uri} to local disk, checks the copy, and opens it; closing deletes the copy. */
    static TraceSource open(String uri) {
        Logs.quietLibraries();
        Path local;
        try {
            local = Files.createTempDirectory("numabias-trace-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + uri + ": " + e.getMessage(), e);
        }
        try {
            org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(URI.create(uri));
            FileSystem fs = src.getFileSystem(new Configuration());
            Path target = local.resolve(src.getName());
            byte[] read = copy(fs, fs.getFileStatus(src), target);
            byte[] staged = digest(target);
            if (!Arrays.equals(read, staged)) {
                throw new IllegalStateException(uri + ": the staged copy in " + target + " differs from what was read (SHA-256); "
                        + "the local disk may be full or failing");
            }
            TraceSource source = Traces.open(target);
            return TraceRef.closingWith(source, () -> {
                try {
                    source.close();
                } finally {
                    delete(local);
                }
            });
        } catch (IOException e) {
            delete(local);
            throw new UncheckedIOException(uri + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            delete(local);
            throw e;
        }
    }

    /** Copies a file or a folder's files, returning the SHA-256 of (relative name, bytes) as read, in name order. */
    private static byte[] copy(FileSystem fs, FileStatus status, Path target) throws IOException {
        MessageDigest md = sha256();
        copyInto(fs, status, target, md, "");
        return md.digest();
    }

    private static void copyInto(FileSystem fs, FileStatus status, Path target, MessageDigest md, String name) throws IOException {
        if (status.isDirectory()) {
            Files.createDirectories(target);
            FileStatus[] children = fs.listStatus(status.getPath());
            Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
            for (FileStatus c : children) {
                copyInto(fs, c, target.resolve(c.getPath().getName()), md, name + "/" + c.getPath().getName());
            }
            return;
        }
        md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (InputStream in = new DigestInputStream(fs.open(status.getPath()), md); OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
        if (Files.size(target) != status.getLen()) {
            throw new IOException("staged " + Files.size(target) + " bytes of " + name + " where the store lists " + status.getLen());
        }
    }

    /** The same digest over a local copy, read back from disk. */
    private static byte[] digest(Path target) throws IOException {
        MessageDigest md = sha256();
        digestInto(target, md, "");
        return md.digest();
    }

    private static void digestInto(Path p, MessageDigest md, String name) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                for (Path c : s.sorted(Comparator.comparing(c -> c.getFileName().toString())).toList()) {
                    digestInto(c, md, name + "/" + c.getFileName());
                }
            }
            return;
        }
        md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        try {
            TempFiles.delete(dir);
        } catch (IOException e) {
            // a copy left in the temporary folder: nothing the sweep's results depend on
        }
    }
}
