package org.numabias.tools.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.numabias.api.ConfigurationException;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.runtime.replay.ReplayObserver;

/**
 * {@code compare --predictions FILE.csv}: one CSV row per scored consumption, written as the replay goes
 * (memory independent of the trace's length): {@code event} (the Consume's index), {@code buffer},
 * the buffer's key ({@code device}, {@code queue}, {@code flow}), {@code producerNode}, {@code consumerNode},
 * {@code bytes}, then one column per predictor (headed by its label) holding the node it predicted for the
 * buffer. The {@code oracle} row is settled when a buffer ends, not predicted, so it has no column.
 *
 * <p>The rows go to a temporary file beside FILE, moved into place by {@link #commit()}: a failed
 * comparison leaves no partial FILE. A replay that starts again (see {@code ReplayEngine}) starts the file again.
 */
final class PredictionsCsv implements ReplayObserver, AutoCloseable {
    private final Path target;
    private final boolean force;
    private final Path tmp;
    private BufferedWriter out;
    private int lanes;
    private long rows;

    private PredictionsCsv(Path target, boolean force) throws IOException {
        this.target = target;
        this.force = force;
        this.tmp = AtomicFile.temporary(target);
    }

    /**
     * Prepares {@code target}: it must end in {@code .csv} (Parquet is refused: writing it would bring Hadoop's
     * libraries into the command line tool), and may exist only with {@code force}.
     *
     * @throws ConfigurationException for another extension
     */
    static PredictionsCsv open(Path target, boolean force) throws IOException {
        checkName(target);
        AtomicFile.check(target, force);
        return new PredictionsCsv(target, force);
    }

    /** Refuses a name not ending in {@code .csv}, with a message naming the supported extension. */
    static void checkName(Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            throw new ConfigurationException("--predictions " + target + ": Parquet is not supported by compare (it would "
                    + "need Hadoop's libraries); write .csv (e.g. --predictions predictions.csv)");
        }
        if (!name.endsWith(".csv")) {
            throw new ConfigurationException("--predictions " + target + ": the file must end in .csv");
        }
    }

    @Override
    public void onStart(List<String> laneLabels) {
        try {
            if (out != null) {
                out.close();
            }
            out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            lanes = laneLabels.size();
            rows = 0;
            out.write("event,buffer,device,queue,flow,producerNode,consumerNode,bytes");
            for (String label : laneLabels) {
                out.write(',');
                out.write(quote(label));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write the predictions: " + e.getMessage(), e);
        }
    }

    @Override
    public void onScored(long eventIndex, ConsumptionFeedback fb, int[] predictions, int offset) {
        try {
            out.write(Long.toString(eventIndex));
            field(fb.bufferId());
            field(fb.device());
            field(fb.queue());
            field(fb.flow());
            field(fb.allocNode());
            field(fb.node());
            field(fb.bytes());
            for (int l = 0; l < lanes; l++) {
                field(predictions[offset + l]);
            }
            out.write('\n');
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write the predictions: " + e.getMessage(), e);
        }
    }

    private void field(long value) throws IOException {
        out.write(',');
        out.write(Long.toString(value));
    }

    /** Rows written (scored consumptions) in the current pass. */
    long rows() {
        return rows;
    }

    /** Finishes the file and moves it into place. */
    void commit() throws IOException {
        out.close();
        AtomicFile.moveIntoPlace(tmp, target, force);
    }

    /** Removes the temporary file if it was not committed. */
    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
        Files.deleteIfExists(tmp);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
