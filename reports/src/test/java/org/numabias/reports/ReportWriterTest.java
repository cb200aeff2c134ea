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
import org.numabias.api.TrainingProvenance;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.TrainedOn;

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
        assertEquals(1, Pattern.compile("numabias compare test").matcher(md).results().count(), "the command once per page");
        assertTrue(md.contains("(unknown origin)") && md.contains("[95% interval]"), "origins and intervals in the tables");
        assertTrue(md.contains("Friedman chi-squared"), "significance over the traces");
        assertTrue(md.contains("almost-local (capturedGain not meaningful"), "the dropped trace is named");
        assertTrue(md.contains("| n/m |"), "capturedGain n/m in the almost-local table");
        // every image the pages name exists and is a readable PNG; every PNG written is named by the pages
        Matcher m = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(md);
        int images = 0;
        while (m.find()) {
            images++;
            Path png = dir.resolve(m.group(1));
            assertTrue(html.contains("title=\"" + m.group(1) + "\""), m.group(1) + " in the HTML");
            var image = ImageIO.read(png.toFile());
            assertTrue(image != null && image.getWidth() > 300 && image.getHeight() > 200, png + " is a chart");
        }
        assertEquals(files.size() - 2, images);
        // one predicted-vs-actual matrix per predictor per trace, and no note that it is missing
        int predictors = reports.stream().mapToInt(r -> r.results().size()).sum();
        assertEquals(predictors, Pattern.compile("\\(predicted-vs-actual-\\d+-\\d+\\.png\\)").matcher(md).results().count());
        assertFalse(md.contains("No matrix for"), "every result carries its matrix");
        assertFalse(html.contains("<script"), "no scripts: one self-contained page");
        assertEquals(images, Pattern.compile("<img src=\"data:image/png;base64,").matcher(html).results().count(),
                "every image embedded in the HTML, none loaded from beside it");
    }

    @Test
    void markdownAndHtmlEscapeWhatWouldBreakThem() throws Exception {
        Document doc = new Document("a <b> & c").table(List.of(new String[]{"k", "v"}, new String[]{"x|y", "<z>"}))
                .paragraph("1 < 2");
        assertTrue(doc.markdown().contains("| x\\|y | <z> |"), doc.markdown());
        assertTrue(doc.html(dir).contains("<td>&lt;z&gt;</td>"), doc.html(dir));
        assertTrue(doc.html(dir).contains("<title>a &lt;b&gt; &amp; c</title>"), doc.html(dir));
        assertTrue(doc.html(dir).contains("<p>1 &lt; 2</p>"), doc.html(dir));
    }

    @Test
    void learningCurvesStateEachTrainedPredictorsCut() {
        ReplayReport r = Replays.replay(RandomTraces.generate(5, 2, 300, false));
        PredictorResult p = r.results().get(2);
        TrainingProvenance fitted = TrainingProvenance.of(r.summary().eventsSha256(), "t", 0, 120, "0.4", 2, "v1");
        PredictorResult trained = new PredictorResult(p.label(), p.predictor(), p.params(), p.origin(), p.measurements(),
                p.firstFault(), p.nsPerCall(), p.stateBytes(), p.overBudget(), p.nodeMatrix(), p.windows(),
                new TrainedOn(fitted, TrainedOn.Sampling.HELD_OUT), p.intervals());
        List<PredictorResult> results = new java.util.ArrayList<>(r.results());
        results.set(2, trained);
        ReplayReport withModel = new ReplayReport(r.trace(), r.header(), r.summary(), r.topology(), "120", 120,
                r.budgetNsPerCall(), r.window(), r.frameworkVersion(), results);
        assertEquals(List.of("Training cut: " + p.label() + " [held-out] was fitted on events 0..119, before the left end "
                + "of the x axis (event 120)."), ReportWriter.trainingCuts(withModel));
        assertEquals(List.of(), ReportWriter.trainingCuts(r));
    }
}
