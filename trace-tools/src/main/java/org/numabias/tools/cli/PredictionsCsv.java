package org.numabias.tools.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.numabias.api.ConsumptionFeedback;

/** {@link PredictionsFile} as CSV: a heading of the column names, then one line per row. */
final class PredictionsCsv extends PredictionsFile {
    private BufferedWriter out;
    private int lanes;

    PredictionsCsv(Path target, boolean force) throws IOException {
        super(target, force);
    }

    @Override
    void begin(List<String> columns) throws IOException {
        out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        lanes = columns.size() - KEY_COLUMNS.size();
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                out.write(',');
            }
            out.write(quote(columns.get(c)));
        }
        out.write('\n');
    }

    @Override
    void row(long eventIndex, ConsumptionFeedback fb, int[] predictions, int offset) throws IOException {
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
    }

    private void field(long value) throws IOException {
        out.write(',');
        out.write(Long.toString(value));
    }

    @Override
    void end() throws IOException {
        if (out != null) {
            BufferedWriter w = out;
            out = null;
            w.close();
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
