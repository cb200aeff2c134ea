package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.numabias.api.trace.TraceHeader;
import org.numabias.live.numa.Numa;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.topology.DistanceFile;
import org.numabias.runtime.replay.Measurement;

/**
 * {@code numabias live} and {@code numabias numa-cost} as a user runs them (short, loopback-only runs).
 * Runs beside the module's other test classes: most of its time goes into child JVMs it SIGTERMs.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ChildJvm.KILLS)
class LiveCommandTest {
    @TempDir
    Path tmp;

    @Test
    void listWorkloadsNamesEveryBuiltIn() {
        CliTest.Run r = CliTest.run("live", "--list-workloads");
        assertEquals(0, r.code());
        for (String w : List.of("cross-node", "migration", "overload", "bench")) {
            assertTrue(r.out().contains(w), r.out());
        }
    }

    @Test
    void aBadWorkloadFileIsAnErrorNamingFileAndField() throws IOException {
        Path f = tmp.resolve("w.yaml");
        Files.writeString(f, """
                name: bad
                durationSeconds: 1
                maxDatagrams: 10
                bufferBytes: 2048
                devices: [{name: eth0, node: 0}]
                consumers: [{name: a, node: 0, workNs: 0}]
                flows: [{device: eth0, consumer: nobody, bytes: 100, rate: 10}]
                """);
        CliTest.Run r = CliTest.run("live", "-w", f.toString(), "--emulate-nodes", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(f + ": flows[0].consumer: unknown consumer 'nobody'"), r.err());

        Files.writeString(f, "name: bad\ndurationSeconds: 1\nspeed: 3\nmaxDatagrams: 10\nbufferBytes: 2048\n"
                + "devices: [{name: eth0, node: 0}]\nconsumers: [{name: a, node: 0}]\n"
                + "flows: [{device: eth0, consumer: a, bytes: 100, rate: 10}]\n");
        r = CliTest.run("live", "-w", f.toString(), "--emulate-nodes", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(f + ": speed: Unrecognized field \"speed\""), r.err());

        Files.writeString(f, "name: x\nflows: [\n");
        r = CliTest.run("live", "-w", f.toString(), "--emulate-nodes", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(f + ": flows: while parsing") && r.err().contains("line 3"),
                "syntax errors name the line: " + r.err());

        Files.writeString(f, "name: bad\ndurationSeconds: 1\n");
        r = CliTest.run("live", "-w", f.toString(), "--emulate-nodes", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(f + ":") && r.err().contains("'maxDatagrams'"), r.err());
    }

    @Test
    void aMultiNodeWorkloadOnOneRealNodeSaysToEmulate() {
        Numa numa = Numa.load(new String[1]).orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(numa != null && numa.nodes() == 1, "needs a one-node machine with libnuma");
        CliTest.Run r = CliTest.run("live", "-w", "cross-node");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("this machine has one NUMA node"), r.err());
        assertTrue(r.err().contains("run with --emulate-nodes 2"), r.err());
    }

    @Test
    @Timeout(120)
    void jsonHasCompareFieldsAndTheRecordedTraceReplays() throws IOException {
        Path trace = tmp.resolve("trace");
        CliTest.Run r = CliTest.run("live", "-w", "migration", "--duration", "0.5", "--emulate-nodes", "2", "--format", "json",
                "--record", trace.toString(), "-p", "ewma:key=flow");
        assertEquals(0, r.code(), r.err());
        String json = r.out();
        assertTrue(json.contains("\"emulated\": true"), json);
        assertTrue(json.contains("\"feedbackDelayNs\""), json);
        for (Measurement metric : Measurement.values()) {
            assertTrue(json.contains("\"" + metric.key() + "\""), metric.key() + " missing:\n" + json);
        }
        try (ChronicleTraceSource s = ChronicleTraceSource.open(trace)) {
            TraceHeader h = s.header();
            assertEquals("emulated", h.provenance().get("memory"));
            assertFalse(h.provenance().containsKey("incomplete"));
        }
        CliTest.Run compare = CliTest.run("compare", trace.toString(), "-p", "ewma:key=flow", "--format", "json");
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().contains("\"localByteRatio\""));
    }

    @Test
    @Timeout(120)
    void sigtermStopsTheRunWithTheTraceSealed() throws Exception {
        Path trace = tmp.resolve("trace");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("--enable-native") || flag.startsWith("--sun-misc")
                    || flag.startsWith("-Dchronicle")) {
                cmd.add(flag); // the flags the build gives tests (numabias.jvm.flags)
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Numabias.class.getName(), "live", "-w", "cross-node",
                "--duration", "60", "--emulate-nodes", "2", "--record", trace.toString()));
        Path log = tmp.resolve("log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // the recording goes to its incomplete directory until it is sealed (atomic outputs)
        Path recording = org.numabias.runtime.store.ChronicleTraceWriter.incompleteDir(trace);
        while (!Files.exists(recording) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        assertTrue(p.isAlive(), "still running (cross-node is bounded to 200,000 datagrams, about 10 s):\n"
                + Files.readString(log));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped within a minute");
        String out = Files.readString(log);
        assertTrue(out.contains("live localByteRatio"), "the summary is printed before exit:\n" + out);
        try (ChronicleTraceSource s = ChronicleTraceSource.open(trace)) {
            TraceHeader h = s.header();
            assertFalse(h.provenance().containsKey("incomplete"), "sealed: " + h.provenance());
            assertTrue(h.provenance().get("stoppedEarly").startsWith("true"), h.provenance().toString());
            assertTrue(h.counts().get("received") > 0, h.counts().toString());
        }
    }

    @Test
    @Timeout(120)
    void sigtermDuringStartUpEndsCleanlyWithinSeconds() throws Exception {
        for (long delayMs : List.of(0L, 150L, 400L)) {
            Path trace = tmp.resolve("early-" + delayMs);
            Path log = tmp.resolve("early-" + delayMs + ".log");
            Process p = new ProcessBuilder(ChildJvm.command(Numabias.class, "live", "-w", "cross-node", "--duration", "60",
                    "--emulate-nodes", "2", "--record", trace.toString())).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("live: EMULATED") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(delayMs); // start-up: the run is being set up, the recorder not yet started
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stopped within seconds after SIGTERM " + delayMs + " ms into "
                    + "start-up:\n" + Files.readString(log));
            String out = Files.readString(log);
            assertFalse(out.contains("ExceptionInInitializerError") || out.contains("internal error") || out.contains("\tat "),
                    delayMs + " ms:\n" + out);
        }
    }

    @Test
    @Timeout(120)
    void aRunWhoseConsumersConsumedNothingWhileTrafficFlowedSaysSoAndExitsFour() throws IOException {
        Path f = tmp.resolve("starved.yaml");
        // one datagram; its consumer works 1 s on it, while the producers stop receiving about 0.1 s after it was sent
        Files.writeString(f, """
                name: starved
                durationSeconds: 0.2
                maxDatagrams: 1
                bufferBytes: 2048
                devices: [{name: eth0, node: 0}]
                consumers: [{name: slow, node: 0, workNs: 1000000000}]
                flows: [{device: eth0, consumer: slow, bytes: 100, rate: 0}]
                """);
        CliTest.Run r = CliTest.run("live", "-w", f.toString(), "--emulate-nodes", "1", "-p", "producer-local");
        assertEquals(LiveCommand.IDLE, r.code(), r.err());
        assertTrue(r.err().contains("live: IDLE RUN: the consumers consumed nothing while traffic flowed (1 datagrams received "
                + "then, 1 consumed only while draining afterwards): no feedback reached the predictor"), r.err());
        assertTrue(r.out().contains("IDLE RUN: the consumers consumed nothing"), "the summary says it too:\n" + r.out());
        assertTrue(r.out().contains("live localByteRatio"), "and is still printed:\n" + r.out());

        CliTest.Run json = CliTest.run("live", "-w", f.toString(), "--emulate-nodes", "1", "-p", "producer-local",
                "--format", "json");
        assertEquals(LiveCommand.IDLE, json.code(), json.err());
        assertTrue(json.out().contains("\"idle\": \"the consumers consumed nothing"), json.out());
    }

    @Test
    @Timeout(120)
    void aMigrationThatTheTrafficEndedBeforeIsAWarningNotASilentRun() throws IOException {
        Path f = tmp.resolve("early-end.yaml");
        // 30 datagrams as fast as possible end the traffic long before the migration at 20 s of a 30 s run
        Files.writeString(f, """
                name: early-end
                durationSeconds: 30
                maxDatagrams: 30
                bufferBytes: 2048
                devices: [{name: eth0, node: 0}]
                consumers: [{name: a, node: 0}, {name: b, node: 1}]
                flows: [{device: eth0, consumer: a, bytes: 100, rate: 0}]
                migrations: [{at: 20, flow: 0, consumer: b}]
                """);
        CliTest.Run r = CliTest.run("live", "-w", f.toString(), "--emulate-nodes", "2", "-p", "producer-local",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("live: warning: 1 of 1 scheduled consumer migrations never happened: the traffic ended "
                + "after "), r.err());
        assertTrue(r.out().contains("\"migrationWarning\": \"1 of 1 scheduled consumer migrations never happened"), r.out());

        Files.writeString(f, Files.readString(f).replace("migrations: [{at: 20, flow: 0, consumer: b}]", ""));
        CliTest.Run none = CliTest.run("live", "-w", f.toString(), "--emulate-nodes", "2", "-p", "producer-local",
                "--format", "json");
        assertEquals(0, none.code(), none.err());
        assertFalse(none.err().contains("warning"), none.err());
        assertTrue(none.out().contains("\"migrationWarning\": null"), none.out());
    }

    @Test
    @Timeout(120)
    void aRunWhoseProducersReceivedNothingWhileTrafficFlowedSaysSoAndExitsFour() throws IOException {
        // the predictor's first call takes 3 s: the only producer thread is inside it until after the run stopped receiving
        PluginJars.jar(tmp, "sleepy", java.util.Map.of("Sleepy", PluginJars.provider("Sleepy", "sleepy", 1, "",
                "if (calls == 1) { try { Thread.sleep(3000); } catch (InterruptedException e) { } } return ctx.node();")));
        Path f = tmp.resolve("idle.yaml");
        Files.writeString(f, """
                name: idle
                durationSeconds: 0.2
                maxDatagrams: 5
                bufferBytes: 2048
                devices: [{name: eth0, node: 0}]
                consumers: [{name: app, node: 0}]
                flows: [{device: eth0, consumer: app, bytes: 100, rate: 0}]
                """);
        CliTest.Run r = CliTest.run("live", "-w", f.toString(), "--emulate-nodes", "1", "-p", "sleepy",
                "--plugin-path", tmp.resolve("sleepy.jar").toString());
        assertEquals(LiveCommand.IDLE, r.code(), r.err());
        assertTrue(r.err().contains("live: IDLE RUN: the producers received nothing while traffic flowed (5 datagrams sent, "),
                r.err());
        assertTrue(r.err().contains("the loop never ran, so the live figures and the replay measure nothing"), r.err());
    }

    @Test
    void producerThreadsBelowOneIsAUsageError() {
        CliTest.Run r = CliTest.run("live", "-w", "migration", "--emulate-nodes", "2", "--producer-threads", "0");
        assertEquals(2, r.code());
        assertEquals("live: --producer-threads must be at least 1", r.err().lines().filter(l -> l.startsWith("live: --"))
                .findFirst().orElse(r.err()));
    }

    @Test
    void numaCostWritesADistanceFileCompareReads() throws IOException {
        Numa numa = Numa.load(new String[1]).orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(numa != null, "libnuma unavailable");
        Path out = tmp.resolve("d.txt");
        CliTest.Run r = CliTest.run("numa-cost", "--mib", "4", "--repeat", "2", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        int[][] d = DistanceFile.read(out, numa.nodes());
        for (int i = 0; i < numa.nodes(); i++) {
            assertEquals(10, d[i][i]);
        }
        if (numa.nodes() == 1) {
            assertTrue(r.err().contains("the matrix is 1x1"), r.err());
            assertTrue(Files.readString(out).contains("one NUMA node"));
        }
        assertEquals(2, CliTest.run("numa-cost", "--mib", "0").code());
    }
}
