package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.PredictorRegistry;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;

class LearningCurvesTest {
    @Test
    void windowsAddUpToTheWholeTrace() {
        var trace = RandomTraces.generate(11, 3, 900, false);
        int w = 7;
        ReplayReport r = new ReplayEngine(PredictorRegistry.builtIn()).run(trace, trace.header().topology(),
                Replays.SPECS, ReplayEngine.Options.defaults().withWindow(w));
        List<LearningCurves.Curve> curves = LearningCurves.curves(r, Measurement.ACCURACY);
        assertEquals(Replays.SPECS.size(), curves.size());
        for (int i = 0; i < curves.size(); i++) {
            var p = r.results().get(i);
            var curve = curves.get(i);
            assertEquals(p.label(), curve.label());
            long n = p.consumptions();
            assertEquals((n + w - 1) / w, curve.values().size(), p.label());
            // accuracy over the trace is the window accuracies weighted by window sizes (the last may be shorter)
            double hits = 0;
            for (int k = 0; k < curve.values().size(); k++) {
                long size = Math.min(w, n - (long) k * w);
                hits += curve.values().get(k) * size;
            }
            assertEquals(p.accuracy(), hits / n, 1e-9, p.label());
        }
    }
}
