package org.numabias.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code numabias bench --short|--full [--format table|json]}: the performance figures of the
 * documentation (docs/performance.md), each measured beside its raw baseline in the same JMH run (JMH's {@link Runner}), printed
 * as value, baseline, ratio, target and pass/miss. The memory figure runs {@link MemoryProbe} in
 * JVMs of their own with {@code -Xmx128m}. {@code --short} takes about ten minutes on a 2-core
 * machine (3 warm-up and 5 measured iterations of 2 s, a 300,000-event compare trace, a
 * 40,000-line perf capture); {@code --full} uses more and longer iterations and ten times the inputs. Exit code: 0 when the
 * run completed (whether targets pass or miss), 2 for a usage error, 1 if a benchmark failed.
 */
public final class Bench {
    /** One figure: what is measured against what, and the target on their ratio. */
    record Figure(String figure, String value, String baseline, double ratio, String ratioMeaning, String target,
                  boolean pass, String note) {
    }

    private final boolean quick;
    private final Map<String, RunResult> results = new LinkedHashMap<>();

    private Bench(boolean quick) {
        this.quick = quick;
    }

    /** Runs the figures; see the class comment for the arguments. */
    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        Boolean quick = null;
        String format = "table";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> quick = true;
                case "--full" -> quick = false;
                case "--format" -> format = i + 1 < args.length ? args[++i] : "";
                default -> format = args[i].startsWith("--format=") ? args[i].substring(9) : usage("unknown argument " + args[i]);
            }
        }
        if (quick == null) {
            usage("give --short or --full");
        }
        if (!format.equals("table") && !format.equals("json")) {
            usage("--format must be table or json, got '" + format + "'");
        }
        Bench bench = new Bench(quick);
        List<Figure> figures = bench.run();
        if (format.equals("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("mode", quick ? "short" : "full");
            doc.put("date", Instant.now().toString());
            doc.put("cpus", Runtime.getRuntime().availableProcessors());
            doc.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            doc.put("figures", figures);
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            System.out.print(table(figures));
        }
    }

    private static String usage(String problem) {
        System.err.println("numabias bench: " + problem);
        System.err.println("usage: numabias bench --short|--full [--format table|json]   (the figures of docs/performance.md)");
        System.err.println("       numabias bench [JMH options]                           (plain JMH)");
        System.exit(2);
        return "";
    }

    private List<Figure> run() throws RunnerException, IOException, InterruptedException {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark("PredictorBenchmark", "predictAndFeedBack|deviceBaseline|flowMajority|flowBaseline"))
                .include(benchmark("CompareBenchmark", "rawRead|compareOne|compareAll"))
                .include(benchmark("PerfImportBenchmark", "importLines|readLines"))
                .include(benchmark("TraceStoreBenchmark", "write|rawAppend|read|rawRead"))
                .param("spec", "majority")
                .param("events", quick ? "300000" : "3000000")
                .param("buffers", quick ? "10000" : "50000")
                .warmupIterations(3).warmupTime(TimeValue.seconds(quick ? 2 : 3))
                .measurementIterations(5).measurementTime(TimeValue.seconds(quick ? 2 : 3))
                .forks(1)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .output("/dev/stderr");
        Collection<RunResult> run = runWhenFree(new Runner(options.build()));
        for (RunResult r : run) {
            String method = r.getParams().getBenchmark();
            String key = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            String keys = r.getParams().getParam("flowKeys");
            results.put(keys == null ? key : key + "@" + keys, r);
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(cost("predictor predict+feedback, key=device (majority)", "PredictorBenchmark.predictAndFeedBack",
                "PredictorBenchmark.deviceBaseline", "hand-written array-indexed majority", 1.5));
        figures.add(allocation("predictor allocation, key=device (majority)", "PredictorBenchmark.predictAndFeedBack"));
        figures.add(cost("predictor predict+feedback, key=flow, 1k keys", "PredictorBenchmark.flowMajority@1000",
                "PredictorBenchmark.flowBaseline@1000", "hand-written open-addressing majority", 1.5));
        figures.add(cost("predictor predict+feedback, key=flow, 1M keys", "PredictorBenchmark.flowMajority@1000000",
                "PredictorBenchmark.flowBaseline@1000000", "hand-written open-addressing majority", 1.5));
        figures.add(speed("compare, one counting predictor (majority)", "CompareBenchmark.compareOne",
                "CompareBenchmark.rawRead", "raw Chronicle read of the same trace", 0.5));
        figures.add(speed("compare, all built-ins (+ references)", "CompareBenchmark.compareAll",
                "CompareBenchmark.rawRead", "raw Chronicle read of the same trace", 0.2));
        figures.add(speed("perf-script import", "PerfImportBenchmark.importLines", "PerfImportBenchmark.readLines",
                "plain line read (BufferedReader.readLine) of the same file", 0.5));
        figures.add(speed("trace write", "TraceStoreBenchmark.write", "TraceStoreBenchmark.rawAppend",
                "raw Chronicle append of the same layout", 0.8));
        figures.add(speed("trace read", "TraceStoreBenchmark.read", "TraceStoreBenchmark.rawRead",
                "raw Chronicle read of the same layout", 0.8));
        figures.addAll(memory(jvmArgs));
        return figures;
    }

    /**
     * Runs the benchmarks once no other JMH run holds JMH's machine-wide lock (another run on the
     * same cores would disturb both): waits up to ten minutes, then gives up with JMH's error.
     */
    private static Collection<RunResult> runWhenFree(Runner runner) throws RunnerException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return runner.run();
            } catch (RunnerException e) {
                if (attempt == 20 || e.getMessage() == null || !e.getMessage().contains("JMH lock")) {
                    throw e;
                }
                System.err.println("numabias bench: another JMH run holds the lock; waiting 30 s (" + attempt + "/20)");
                Thread.sleep(30_000);
            }
        }
    }

    /** A figure whose benchmark did not run (it failed: the JMH output says why); the others are still reported. */
    private static Figure failed(String figure, String missing) {
        return new Figure(figure, "-", "-", Double.NaN, "-", "-", false, "benchmark " + missing + " did not run");
    }

    /** The first of {@code keys} without a result, or null. */
    private String missing(String... keys) {
        for (String key : keys) {
            if (!results.containsKey(key)) {
                return key;
            }
        }
        return null;
    }

    private static String benchmark(String type, String methods) {
        return "^" + Bench.class.getPackageName().replace(".", "\\.") + "\\." + type + "\\.(" + methods + ")$";
    }

    private String measured(String key) {
        Result<?> r = results.get(key).getPrimaryResult();
        return String.format(Locale.ROOT, "%.4g %s", r.getScore(), r.getScoreUnit());
    }

    private double score(String key) {
        return results.get(key).getPrimaryResult().getScore();
    }

    /** A time per operation that must stay within {@code max} times the baseline's. */
    private Figure cost(String figure, String key, String baselineKey, String baseline, double max) {
        if (missing(key, baselineKey) != null) {
            return failed(figure, missing(key, baselineKey));
        }
        double ratio = score(key) / score(baselineKey);
        return new Figure(figure, measured(key), measured(baselineKey) + " (" + baseline + ")", ratio,
                "time / baseline time", String.format(Locale.ROOT, "<= %.1fx", max), ratio <= max, "");
    }

    /** A speed (baseline time / time) that must reach {@code min}. */
    private Figure speed(String figure, String key, String baselineKey, String baseline, double min) {
        if (missing(key, baselineKey) != null) {
            return failed(figure, missing(key, baselineKey));
        }
        double ratio = score(baselineKey) / score(key);
        return new Figure(figure, measured(key), measured(baselineKey) + " (" + baseline + ")", ratio,
                "baseline time / time (share of the baseline's speed)", String.format(Locale.ROOT, ">= %.0f%%", min * 100),
                ratio >= min, "");
    }

    /** Bytes allocated per operation (JMH's gc profiler); the target is none. */
    private Figure allocation(String figure, String key) {
        if (missing(key) != null) {
            return failed(figure, key);
        }
        Result<?> norm = results.get(key).getSecondaryResults().get("gc.alloc.rate.norm");
        double bytes = norm == null ? Double.NaN : norm.getScore();
        return new Figure(figure, String.format(Locale.ROOT, "%.3g B/op", bytes), "-", bytes, "bytes per operation",
                "0 B/op (< 0.5)", bytes < 0.5, "");
    }

    /** Heap after GC replaying 10M and 100M events (each in a JVM with -Xmx128m). */
    private List<Figure> memory(List<String> jvmArgs) throws IOException, InterruptedException {
        Probe small = probe(jvmArgs, 10_000_000L);
        Probe large = probe(jvmArgs, 100_000_000L);
        List<Figure> figures = new ArrayList<>();
        boolean both = small.heapBytes > 0 && large.heapBytes > 0;
        double ratio = both ? (double) large.heapBytes / small.heapBytes : Double.NaN;
        figures.add(new Figure("memory: heap after GC, 100M vs 10M events replayed", large.describe(),
                small.describe() + " (10M events)", ratio, "heap(100M) / heap(10M)", "<= 1.10x", both && ratio <= 1.10,
                both ? "" : "a replay did not complete: " + (small.heapBytes > 0 ? large.failure : small.failure)));
        figures.add(new Figure("memory: 100M events replayed with -Xmx128m", large.heapBytes > 0 ? "completed" : "failed",
                "-", large.heapBytes > 0 ? 1 : 0, "1 if it completed", "completes", large.heapBytes > 0, large.failure));
        return figures;
    }

    /** A {@link MemoryProbe} run: heap after GC (or -1) and why it failed. */
    private record Probe(long heapBytes, double seconds, String failure) {
        String describe() {
            return heapBytes > 0 ? String.format(Locale.ROOT, "%.1f MB in %.0f s", heapBytes / 1e6, seconds) : "failed";
        }
    }

    private static Probe probe(List<String> jvmArgs, long events) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmArgs.stream().filter(a -> !a.startsWith("-Xmx") && !a.startsWith("-Xms")).forEach(command::add);
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MemoryProbe.class.getName());
        command.add(Long.toString(events));
        System.err.printf("numabias bench: memory probe, %,d events, -Xmx128m...%n", events);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Probe(-1, 0, events + " events: no result within 30 minutes");
        }
        if (p.exitValue() != 0 || !out.startsWith("heapAfterGcBytes=")) {
            return new Probe(-1, 0, events + " events: exit " + p.exitValue() + " (see its error above)");
        }
        String[] parts = out.split("\\s+");
        return new Probe(Long.parseLong(parts[0].substring("heapAfterGcBytes=".length())),
                Double.parseDouble(parts[1].substring("seconds=".length())), "");
    }

    private static String table(List<Figure> figures) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n%-52s | %-22s | %-40s | %8s | %-14s | %s%n", "figure", "value", "baseline",
                "ratio", "target", "result"));
        for (Figure f : figures) {
            sb.append(String.format(Locale.ROOT, "%-52s | %-22s | %-40s | %8.3f | %-14s | %s%s%n", f.figure(), f.value(),
                    f.baseline(), f.ratio(), f.target(), f.pass() ? "pass" : "MISS",
                    f.note().isEmpty() ? "" : " (" + f.note() + ")"));
        }
        return sb.toString();
    }
}
