package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.replay.ReplayReport;

class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void severalTracesGiveASelfContainedReportWithProvenanceAndSignificance() throws Exception {
        List<ReplayReport> reports = List.of(Replays.replay(RandomTraces.generate(7, 3, 300, false)),
                Replays.replay(RandomTraces.generate(8, 3, 300, false)),
                Replays.replay(Replays.nearlyLocal(10_000, 1, 50)));
        List<String> names = List.of("random-7", "random-8", "almost-local");
        List<Path> files = ReportWriter.write(dir, reports, names, null, "numabias compare test");
        String md = Files.readString(dir.resolve("report.md"));
        String html = Files.readString(dir.resolve("report.html"));
        assertEquals(dir.resolve("report.md"), files.get(0));
        assertEquals(dir.resolve("report.html"), files.get(1));
        for (ReplayReport r : reports) {
            assertTrue(md.contains(r.summary().eventsSha256()), "digest of " + r.trace());
            assertTrue(html.contains(r.summary().eventsSha256()), "digest of " + r.trace());
        }
        assertTrue(md.contains("numabias compare test"));
        assertTrue(md.contains("Friedman chi-squared"), "significance over the traces");
        assertTrue(md.contains("almost-local (capturedGain not meaningful"), "the dropped trace is named");
        assertTrue(md.contains("| n/m |"), "capturedGain n/m in the almost-local table");
        // every image the pages name exists and is a readable PNG; every PNG written is named by the pages
        Matcher m = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(md);
        int images = 0;
        while (m.find()) {
            images++;
            Path png = dir.resolve(m.group(1));
            assertTrue(html.contains("src=\"" + m.group(1) + "\""), m.group(1) + " in the HTML");
            var image = ImageIO.read(png.toFile());
            assertTrue(image != null && image.getWidth() > 300 && image.getHeight() > 200, png + " is a chart");
        }
        assertEquals(files.size() - 2, images);
        // one predicted-vs-actual matrix per predictor per trace, and no note that it is missing
        int predictors = reports.stream().mapToInt(r -> r.results().size()).sum();
        assertEquals(predictors, Pattern.compile("\\(predicted-vs-actual-\\d+-\\d+\\.png\\)").matcher(md).results().count());
        assertFalse(md.contains("No matrix for"), "every result carries its matrix");
        assertFalse(html.contains("<script"), "no scripts: one self-contained page");
    }

    @Test
    void markdownAndHtmlEscapeWhatWouldBreakThem() {
        Document doc = new Document("a <b> & c").table(List.of(new String[]{"k", "v"}, new String[]{"x|y", "<z>"}))
                .paragraph("1 < 2");
        assertTrue(doc.markdown().contains("| x\\|y | <z> |"), doc.markdown());
        assertTrue(doc.html().contains("<td>&lt;z&gt;</td>"), doc.html());
        assertTrue(doc.html().contains("<title>a &lt;b&gt; &amp; c</title>"), doc.html());
        assertTrue(doc.html().contains("<p>1 &lt; 2</p>"), doc.html());
    }
}
