package org.numabias.runtime.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lines of a small text file that carry content: stripped, without blank lines and '#' comments, with their numbers. */
record ContentLines(Path file, int number, String text) {

    /** {@code file}:{@code number}, for messages. */
    String where() {
        return file + ":" + number;
    }

    static List<ContentLines> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        List<ContentLines> content = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                content.add(new ContentLines(file, i + 1, text));
            }
        }
        return content;
    }
}
