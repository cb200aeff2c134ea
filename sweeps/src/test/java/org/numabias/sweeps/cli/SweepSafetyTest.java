package org.numabias.sweeps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.sweeps.cli.Cli.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.runtime.store.OutputLock;
import org.numabias.sweeps.CellRecord;
import org.numabias.sweeps.ResultStore;
import org.numabias.sweeps.Summary;
import org.numabias.tools.cli.Numabias;

/**
 * A sweep never hides what went wrong: a second sweep into the same folder is refused, a damaged
 * trace fails unless the experiment allows its readable prefix (and is then named in the summary),
 * a configuration that faulted is flagged with its fault count, and a split by device never makes
 * more parts than the trace has devices.
 */
class SweepSafetyTest {
    @TempDir
    Path dir;

    private Path experiment(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aSecondSweepIntoTheSameFolderIsRefusedNamingTheFirst() throws IOException {
        Path exp = experiment("e.yaml", "traces: [{scenario: static-skew, params: {length: 2000}}]\npredictors: [{name: majority}]\n");
        Path out = dir.resolve("results");
        try (OutputLock held = ResultStore.claim(out)) {
            assertTrue(Files.exists(held.file()));
            Cli.Run r = run("sweep", exp.toString(), "-o", out.toString());
            assertEquals(1, r.code(), r.out());
            assertTrue(r.err().contains(out + " is being written by another writer (pid " + ProcessHandle.current().pid()),
                    r.err());
            assertFalse(Files.exists(out.resolve(ResultStore.MANIFEST)), "nothing written");
        }
        Cli.Run r = run("sweep", exp.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aDamagedTraceFailsUnlessAllowedAndIsThenNamed() throws IOException {
        Path trace = dir.resolve("t");
        assertEquals(0, run("generate", "static-skew", "--param", "length=3000", "-o", trace.toString()).code());
        Path f;
        try (Stream<Path> files = Files.list(trace)) {
            f = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(Files.size(f) - 100_000);
            raf.write(new byte[100_000]);
        }
        String yaml = "traces: [{path: t}]\npredictors: [{name: majority}]\n";
        Cli.Run refused = run("sweep", experiment("a.yaml", yaml).toString(), "-o", dir.resolve("r1").toString());
        assertEquals(1, refused.code(), refused.out());
        assertTrue(refused.err().contains("the trace is DAMAGED, only a prefix is readable"), refused.err());
        assertTrue(refused.err().contains("(options: {allowPartial: true} scores the readable prefix)"), refused.err());

        Cli.Run allowed = run("sweep", experiment("b.yaml", yaml + "options: {allowPartial: true}\n").toString(), "-o",
                dir.resolve("r2").toString());
        assertEquals(0, allowed.code(), allowed.err());
        assertTrue(allowed.out().contains("note: " + trace + " is damaged: its results cover only the readable events"),
                allowed.out());
        List<CellRecord> records = ResultStore.read(dir.resolve("r2"));
        assertEquals(List.of("damaged"), records.stream().map(CellRecord::traceState).toList());
    }

    @Test
    void theSummaryFlagsAConfigurationThatFaultedWithItsCount() throws Exception {
        Path exp = experiment("f.yaml", """
                traces:
                  - scenario: static-skew
                    params: {length: 2000}
                    seeds: [1, 2]
                predictors: [{name: majority}, {name: ewma}]
                """);
        Cli.Run r = run("sweep", exp.toString(), "-o", dir.resolve("r").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("FAULTED"), r.out());
        List<CellRecord> records = new ArrayList<>();
        for (CellRecord c : ResultStore.read(dir.resolve("r"))) {
            records.add(c.label().startsWith("ewma") && c.traceIndex() == 1 ? withFaults(c, 7, "predict threw boom") : c);
        }
        String table = Summary.table(records, List.of("localByteRatio"));
        assertTrue(table.contains("note: ewma FAULTED: 7 fault(s) on 1 of 2 traces"), table);
        assertTrue(table.contains("first: predict threw boom"), table);
        assertFalse(table.contains("majority FAULTED"), table);
    }

    @Test
    void aSplitByDeviceMakesNoMorePartsThanDevices() throws IOException {
        Path exp = experiment("s.yaml", """
                traces: [{scenario: static-skew, params: {length: 2000, devices: 2}}]
                predictors: [{name: majority}]
                options: {splitDevices: 1000000}
                """);
        Cli.Run r = run("sweep", exp.toString(), "-o", dir.resolve("r").toString());
        assertEquals(0, r.code(), r.err());
        List<CellRecord> records = ResultStore.read(dir.resolve("r"));
        assertEquals(List.of(2), records.stream().map(CellRecord::parts).toList());
    }

    @Test
    void anExperimentOfRandomBytesIsNamedAsNotText() throws IOException {
        byte[] bytes = new byte[2000];
        new java.util.Random(3).nextBytes(bytes);
        bytes[0] = (byte) 0xB0;
        Path exp = dir.resolve("random.yaml");
        Files.write(exp, bytes);
        Cli.Run r = run("sweep", exp.toString(), "-o", dir.resolve("r").toString());
        assertEquals(1, r.code());
        assertEquals("sweep: error: " + exp + ":1: not UTF-8 text (byte offset 0)", r.err().strip());
    }

    @Test
    void aPredictorCallThatNeverReturnsStopsTheSweepWithItsName() throws Exception {
        Path exp = experiment("stuck.yaml", "traces: [{scenario: static-skew, params: {length: 2000}}]\n"
                + "predictors: [{name: test-stuck}]\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("--enable-native") || flag.startsWith("--sun-misc")) {
                cmd.add(flag);
            }
        }
        cmd.addAll(List.of("-Dnumabias.stallSeconds=2", "-cp", System.getProperty("java.class.path"), Numabias.class.getName(),
                "sweep", exp.toString(), "-o", dir.resolve("r").toString(), "--threads", "1"));
        Path log = dir.resolve("log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(ended, "the sweep hung:\n" + out);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("sweep: error: predictor test-stuck has been inside one call for over 2 s (it does not "
                + "return); stopping (exit 1)"), out);
    }

    /** {@code c} with another fault count and first fault (what a predictor that throws leaves). */
    private static CellRecord withFaults(CellRecord c, long faults, String first) throws Exception {
        RecordComponent[] components = CellRecord.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = switch (components[i].getName()) {
                case "faults" -> faults;
                case "firstFault" -> first;
                default -> components[i].getAccessor().invoke(c);
            };
        }
        return CellRecord.class.getDeclaredConstructor(types).newInstance(values);
    }
}
