package org.numabias.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.ConfigurationException;

class ExperimentTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void gridsExpandInOrderAndTracesExpandPerSeed() throws IOException {
        Path f = write("""
                name: grid
                traces:
                  - catalog: mix
                    seeds: [1, 2]
                  - scenario: static-skew
                    params: {devices: 3}
                    seeds: [7]
                predictors:
                  - name: ewma
                    grid: {alpha: [0.1, 0.25, 0.5], key: [device, flow]}
                  - name: majority
                    params: {weight: bytes}
                options:
                  scoreFrom: 0.25
                  splitDevices: 2
                """);
        Sweep.Plan plan = Sweep.plan(f);
        assertEquals(List.of("ewma:alpha=0.1,key=device", "ewma:alpha=0.1,key=flow", "ewma:alpha=0.25,key=device",
                "ewma:alpha=0.25,key=flow", "ewma:alpha=0.5,key=device", "ewma:alpha=0.5,key=flow",
                "majority:weight=bytes"), plan.configurations());
        assertEquals(List.of("scenario:mix:seed=1", "scenario:mix:seed=2", "scenario:static-skew:seed=7:devices=3"),
                plan.traces().stream().map(TraceRef::id).toList());
        assertEquals(21, plan.cells());
        assertEquals("0.25", plan.options().scoreFrom());
        assertEquals(2, plan.options().splitDevices());
        // the same file plans the same digest; another option changes it
        assertEquals(plan.sha256(), Sweep.plan(f).sha256());
        Files.writeString(f, Files.readString(f).replace("scoreFrom: 0.25", "scoreFrom: 0.5"));
        assertTrue(!plan.sha256().equals(Sweep.plan(f).sha256()));
    }

    private String error(String yaml) throws IOException {
        Path f = write(yaml);
        return assertThrows(ConfigurationException.class, () -> Sweep.plan(f)).getMessage();
    }

    @Test
    void errorsNameTheFileTheFieldAndTheLine() throws IOException {
        String unknown = error("""
                traces:
                  - catalog: mix
                predictors:
                  - name: ewma
                    alpha: 0.1
                """);
        assertTrue(unknown.startsWith(dir.resolve("exp.yaml") + " (near line "), unknown);
        assertTrue(unknown.contains("): predictors[0].alpha: unknown field; known here: grid, name, params"), unknown);
        String seeds = error("""
                traces:
                  - catalog: mix
                    seeds: [1, two]
                predictors:
                  - name: ewma
                """);
        assertTrue(seeds.contains(" (near line 3): traces[0].seeds[1]: "), seeds);
        assertTrue(error("traces: []\npredictors: [{name: ewma}]\n").endsWith("traces: at least one trace entry is required"));
        assertTrue(error("traces: [{catalog: mix, path: x}]\npredictors: [{name: ewma}]\n")
                .endsWith("traces[0]: give exactly one of path, glob, catalog, scenario"));
        String name = error("traces: [{catalog: mix}]\npredictors: [{name: ewma}, {name: nosuch}]\n");
        assertTrue(name.contains("predictors[1].name: unknown predictor 'nosuch'; known: "), name);
        String value = error("traces: [{catalog: mix}]\npredictors: [{name: ewma, grid: {alpha: [0.1, 2]}}]\n");
        assertTrue(value.contains("predictors[0]: ") && value.contains("alpha"), value);
        String dataset = error("traces: [{catalog: nosuch}]\npredictors: [{name: ewma}]\n");
        assertTrue(dataset.contains("traces[0].catalog: unknown dataset 'nosuch'; known: static-skew"), dataset);
        String glob = error("traces: [{glob: 'none-*'}]\npredictors: [{name: ewma}]\n");
        assertTrue(glob.contains("traces[0].glob: 'none-*' matches no trace"), glob);
        String metric = error("traces: [{catalog: mix}]\npredictors: [{name: ewma}]\nreport: {metrics: [acuracy]}\n");
        assertTrue(metric.contains("report.metrics[0]: unknown metric 'acuracy'"), metric);
        String from = error("traces: [{catalog: mix}]\npredictors: [{name: ewma}]\noptions: {scoreFrom: 1.5}\n");
        assertTrue(from.contains("options.scoreFrom: "), from);
        String twice = error("traces: [{catalog: mix}]\npredictors: [{name: ewma}, {name: ewma, params: {}}]\n");
        assertTrue(twice.contains("predictors[1]: configuration ewma appears twice"), twice);
        String dup = error("traces: [{catalog: mix, seeds: [1]}, {scenario: mix}]\npredictors: [{name: ewma}]\n");
        assertTrue(dup.contains("scenario:mix:seed=1 is named twice"), dup);
        String yaml = error("traces: [{catalog: mix\n");
        assertTrue(yaml.contains("traces[0]: while parsing a flow mapping"), yaml);
    }

    @Test
    void pathsAndGlobsAreRelativeToTheFile() throws IOException {
        Files.createDirectories(dir.resolve("fleet"));
        Files.writeString(dir.resolve("fleet/a.csv"), "type,time_ns,buffer,device,queue,flow,cpu,node,bytes\n");
        Files.writeString(dir.resolve("fleet/b.csv"), "type,time_ns,buffer,device,queue,flow,cpu,node,bytes\n");
        Files.writeString(dir.resolve("fleet/notes.txt"), "not a trace");
        Path f = write("traces: [{glob: 'fleet/*'}, {path: fleet/a.csv}]\npredictors: [{name: ewma}]\n");
        String msg = assertThrows(ConfigurationException.class, () -> Sweep.plan(f)).getMessage();
        assertTrue(msg.contains("a.csv is named twice"), msg);
        Files.writeString(f, "traces: [{glob: 'fleet/*'}]\npredictors: [{name: ewma}]\n");
        assertEquals(List.of(dir.resolve("fleet/a.csv").toString(), dir.resolve("fleet/b.csv").toString()),
                Sweep.plan(f).traces().stream().map(TraceRef::id).toList());
    }
}
