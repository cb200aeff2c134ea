package org.numabias.sweeps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.numabias.api.ConfigurationException;
import org.numabias.runtime.store.OutputLock;

/**
 * A sweep's results folder: one Parquet file per finished trace ({@code part-00007.parquet}, the
 * trace's records), and the manifest {@code _sweep.json} listing the finished traces and the plan's
 * digest. A part is written to a hidden temporary file and moved into place, then the manifest is
 * replaced the same way, so an interrupted sweep leaves only finished traces listed; a rerun of the
 * same plan skips them. Spark and pyarrow read the folder as one table (they skip names starting
 * with '_' and '.').
 */
public final class ResultStore {
    /** The manifest's file name. */
    public static final String MANIFEST = "_sweep.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final RecordParquet<CellRecord> PARQUET = new RecordParquet<>(CellRecord.class);

    /**
     * The manifest.
     *
     * @param experiment the experiment's name
     * @param plan       the plan's digest ({@link Sweep.Plan#sha256()})
     * @param traces     traces in the plan
     * @param finished   finished traces by index
     */
    public record Manifest(String experiment, String plan, int traces, Map<Integer, Finished> finished) {
    }

    /**
     * One finished trace.
     *
     * @param trace   its identity
     * @param file    its Parquet part
     * @param cells   records in the part
     * @param events  events in the trace
     * @param seconds wall time of its tasks, summed
     */
    public record Finished(String trace, String file, int cells, long events, double seconds) {
    }

    private final Path dir;
    private final Manifest manifest;

    private ResultStore(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Opens {@code dir} for {@code plan}: creates it, or resumes it if its manifest is for the same plan.
     *
     * @throws ConfigurationException if the folder holds something else (another plan, other files)
     */
    public static ResultStore open(Path dir, Sweep.Plan plan) {
        Path m = dir.resolve(MANIFEST);
        try {
            if (Files.isRegularFile(m)) {
                Manifest old = JSON.readValue(m.toFile(), Manifest.class);
                if (!old.plan().equals(plan.sha256())) {
                    throw new ConfigurationException(dir + " holds the results of another plan (experiment '"
                            + old.experiment() + "'; the traces, configurations or options differ): give a new folder");
                }
                return new ResultStore(dir, new Manifest(old.experiment(), old.plan(), old.traces(), new TreeMap<>(old.finished())));
            }
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new ConfigurationException(dir + " is a file; give a new folder for the results");
                }
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new ConfigurationException(dir + " is not empty and holds no " + MANIFEST + ": give a new folder");
                    }
                }
            }
            Files.createDirectories(dir);
            ResultStore store = new ResultStore(dir, new Manifest(plan.experiment().name(), plan.sha256(),
                    plan.traces().size(), new TreeMap<>()));
            store.saveManifest();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Claims results folder {@code dir} for one sweep ({@code DIR.lock} beside it), so that a second
     * sweep into the same folder is refused naming the first instead of both writing parts and the
     * manifest; hold it while the sweep runs.
     *
     * @throws java.io.UncheckedIOException naming the holder if another sweep holds it
     */
    public static OutputLock claim(Path dir) {
        return OutputLock.acquire(OutputLock.besides(dir), dir);
    }

    /** Whether the trace with this index is finished. */
    public synchronized boolean finished(int traceIndex) {
        return manifest.finished().containsKey(traceIndex);
    }

    /** How many traces are finished. */
    public synchronized int finishedCount() {
        return manifest.finished().size();
    }

    /** Stores one trace's records and lists it as finished. */
    public synchronized void add(int traceIndex, String trace, List<CellRecord> records, double seconds) throws IOException {
        String name = String.format("part-%05d.parquet", traceIndex);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            PARQUET.write(tmp, records);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(dir.resolve(name) + ": not written: " + rootMessage(e), e);
        }
        long events = records.isEmpty() ? 0 : records.getFirst().events();
        manifest.finished().put(traceIndex, new Finished(trace, name, records.size(), events, seconds));
        saveManifest();
    }

    /** The innermost cause's message: Parquet wraps a full disk's "No space left on device" in its own words. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private void saveManifest() throws IOException {
        Path tmp = dir.resolve("." + MANIFEST + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), manifest);
            Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(dir.resolve(MANIFEST) + ": not updated: " + rootMessage(e), e);
        }
    }

    /** Every record of every finished trace, in trace order. */
    public synchronized List<CellRecord> records() throws IOException {
        List<CellRecord> all = new ArrayList<>();
        for (Finished f : manifest.finished().values()) {
            all.addAll(PARQUET.read(dir.resolve(f.file())));
        }
        return all;
    }

    /** Reads every record of a results folder (for notebooks in Java and tests). */
    public static List<CellRecord> read(Path dir) throws IOException {
        Manifest m = JSON.readValue(dir.resolve(MANIFEST).toFile(), Manifest.class);
        return new ResultStore(dir, new Manifest(m.experiment(), m.plan(), m.traces(), new TreeMap<>(m.finished()))).records();
    }
}
