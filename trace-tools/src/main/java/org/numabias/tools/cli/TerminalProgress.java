package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.numabias.runtime.replay.ProgressListener;

/**
 * Progress of a long pass on a terminal's stderr, at most a few updates a second, erased when done.
 * Silent (via {@link #forTerminal}) when stderr is not a terminal or the output is for tools.
 */
public final class TerminalProgress implements ProgressListener {
    private static final long INTERVAL_NS = 250_000_000L;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long lastPrint;

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** A progress line on {@code err} if this process has a terminal and {@code wanted}, else nothing. */
    public static ProgressListener forTerminal(PrintWriter err, boolean wanted) {
        var console = System.console();
        return wanted && console != null && console.isTerminal() ? new TerminalProgress(err) : NONE;
    }

    @Override
    public void onProgress(String phase, long done, long total) {
        long now = System.nanoTime();
        boolean finished = total >= 0 && done >= total;
        if (!finished && now - lastPrint < INTERVAL_NS) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        String line = total > 0
                ? String.format(Locale.ROOT, "%s %5.1f%%  %,d / %,d events  %.1fs", phase, 100.0 * done / total, done, total, seconds)
                : String.format(Locale.ROOT, "%s %,d events  %.1fs", phase, done, seconds);
        err.print("\r" + line + "   ");
        if (finished && phase.equals("replay")) {
            err.print("\r" + " ".repeat(line.length() + 3) + "\r");
        }
        err.flush();
    }
}
