package org.numabias.runtime.topology;

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
        List<String> lines = org.numabias.runtime.csv.LineReader.readText(file).lines().toList();
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
