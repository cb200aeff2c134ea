package org.numabias.tools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.numabias.api.ConfigurationException;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.runtime.replay.ReplayObserver;
import org.numabias.runtime.store.TempFiles;

/**
 * {@code compare --predictions FILE}: one row per scored consumption, written as the replay goes (memory
 * independent of the trace's length), as CSV ({@link PredictionsCsv}) or Parquet ({@link PredictionsParquet})
 * by FILE's extension. The columns are {@link #KEY_COLUMNS} ({@code event}, the Consume's index;
 * {@code buffer}; the buffer's key {@code device}, {@code queue}, {@code flow}; {@code producerNode},
 * {@code consumerNode}, {@code bytes}), then one per predictor, headed by its label (a label that repeats
 * an earlier one gets {@code #2}, {@code #3}...), holding the node it predicted for the buffer. The
 * {@code oracle} row is settled when a buffer ends, not predicted, so it has no column.
 *
 * <p>The rows go to a temporary file beside FILE, moved into place by {@link #commit()}: a failed
 * comparison leaves no partial FILE. A replay that starts again (see {@code ReplayEngine}) starts the file again.
 */
abstract sealed class PredictionsFile implements ReplayObserver, AutoCloseable permits PredictionsCsv, PredictionsParquet {
    /** The columns before the predictors' ones, in order. */
    static final List<String> KEY_COLUMNS =
            List.of("event", "buffer", "device", "queue", "flow", "producerNode", "consumerNode", "bytes");

    /** The file asked for. */
    final Path target;
    /** Where the rows go until {@link #commit()}. */
    final Path tmp;
    private final boolean force;
    private long rows;

    PredictionsFile(Path target, boolean force) throws IOException {
        this.target = target;
        this.force = force;
        this.tmp = AtomicFile.temporary(target);
    }

    /**
     * Prepares {@code target}: CSV if it ends in {@code .csv}, Parquet if in {@code .parquet}; it may exist only
     * with {@code force}.
     *
     * @throws ConfigurationException for another extension
     */
    static PredictionsFile open(Path target, boolean force) throws IOException {
        boolean parquet = checkName(target);
        AtomicFile.check(target, force);
        return parquet ? new PredictionsParquet(target, force) : new PredictionsCsv(target, force);
    }

    /**
     * Whether {@code target} names a Parquet file (else a CSV file).
     *
     * @throws ConfigurationException if it ends in neither {@code .csv} nor {@code .parquet}, naming both
     */
    static boolean checkName(Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".parquet")) {
            throw new ConfigurationException("--predictions " + target
                    + ": the file must end in .csv or .parquet (e.g. --predictions predictions.parquet)");
        }
        return name.endsWith(".parquet");
    }

    /** {@link #KEY_COLUMNS} then the lanes' labels, a repeated label suffixed {@code #k} (its k-th occurrence). */
    static List<String> columns(List<String> laneLabels) {
        List<String> columns = new ArrayList<>(KEY_COLUMNS);
        Set<String> seen = new HashSet<>(KEY_COLUMNS);
        for (String label : laneLabels) {
            String name = label;
            for (int k = 2; !seen.add(name); k++) {
                name = label + "#" + k;
            }
            columns.add(name);
        }
        return columns;
    }

    @Override
    public final void onStart(List<String> laneLabels) {
        try {
            end();
            begin(columns(laneLabels));
            rows = 0;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public final void onScored(long eventIndex, ConsumptionFeedback fb, int[] predictions, int offset) {
        try {
            row(eventIndex, fb, predictions, offset);
            rows++;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException(target + ": cannot write the predictions: " + e.getMessage(), e);
    }

    /** Starts {@link #tmp} afresh, empty but for what heads {@code columns} (the lanes' columns at its end). */
    abstract void begin(List<String> columns) throws IOException;

    /** Writes one row: lane {@code l}'s node is {@code predictions[offset + l]}. */
    abstract void row(long eventIndex, ConsumptionFeedback fb, int[] predictions, int offset) throws IOException;

    /** Finishes and closes {@link #tmp} if it is open; does nothing otherwise. */
    abstract void end() throws IOException;

    /** Rows written (scored consumptions) in the current pass. */
    final long rows() {
        return rows;
    }

    /** Finishes the file and moves it into place. */
    final void commit() throws IOException {
        end();
        AtomicFile.moveIntoPlace(tmp, target, force);
    }

    /** Removes the temporary file if it was not committed. */
    @Override
    public final void close() throws IOException {
        try {
            end();
        } finally {
            TempFiles.delete(tmp);
        }
    }
}
