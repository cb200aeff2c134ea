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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code numabias bench --short|--full [--format table|json]}: the performance figures of the
 * documentation (docs/performance.md), each measured
 * beside its baseline in the same JMH run (JMH's {@link Runner}), in {@value #FORKS} forks (JVMs) or
 * more. A figure's ratio is the ratio of the medians over forks, with its range over every pairing of
 * a value fork with a baseline fork; it passes only when the whole range meets the target, misses
 * only when none of it does, and reads UNSETTLED when the range crosses the target. The JSON carries
 * every fork's value. The memory figure runs {@link MemoryProbe} in JVMs of their own with
 * {@code -Xmx128m}. {@code --short}: 3 forks of 4 warm-up and 4 measured iterations of 1 s, a
 * 300,000-event compare trace (about 15 minutes on 2 cores); {@code --full}: 5 forks of 5 and 5
 * iterations of 2 s and ten times the inputs. Exit code: 0 when the run completed (whether targets pass
 * or miss), 2 for a usage error, 1 if a benchmark failed.
 */
public final class Bench {
    /** Forks (JVMs) per benchmark in {@code --short}. */
    static final int FORKS = 3;

    /**
     * One figure: what is measured against what (and the work the baseline does), the ratio (median over
     * forks) and its range, the target, the result (pass, MISS or UNSETTLED; "-" for a figure without a
     * target, given to be read beside the others) and every fork's value.
     */
    record Figure(String figure, String value, String baseline, String baselineWork, double ratio, double ratioMin,
                  double ratioMax, String ratioMeaning, String target, String result, List<Double> valueByFork,
                  List<Double> baselineByFork, String note) {
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
        String loadBefore = loadAverage();
        List<Figure> figures = bench.run();
        String loadAfter = loadAverage();
        if (format.equals("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("mode", quick ? "short" : "full");
            doc.put("date", Instant.now().toString());
            doc.put("cpus", Runtime.getRuntime().availableProcessors());
            doc.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            doc.put("loadAverageBefore", loadBefore);
            doc.put("loadAverageAfter", loadAfter);
            doc.put("figures", figures);
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            System.out.print(table(figures));
            System.out.printf("%nLoad average (1, 5, 15 min) before: %s; after: %s; %d cores. Ratios are same-run; a busy "
                    + "machine widens the fork ranges.%n", loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        }
    }

    /** The load averages of {@code /proc/loadavg} (1, 5 and 15 minutes), or "unknown" where there is none. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
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
                .include(benchmark("CompareBenchmark", "cheapestRead|compareOne|compareAll|compareAllTwoThreads|"
                        + "compareTracesOneThread|compareTracesTwoThreads"))
                .include(benchmark("PerfImportBenchmark", "importLines|readLines"))
                .include(benchmark("TraceStoreBenchmark", "write|rawAppend|read|cheapestRead"))
                .include(benchmark("CompareBenchmark", "replayFloor"))
                .param("spec", "majority", "producer-local")
                .param("events", quick ? "300000" : "3000000")
                .param("buffers", quick ? "10000" : "50000")
                .warmupIterations(quick ? 4 : 5).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 4 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .forks(quick ? FORKS : 5)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .output("/dev/stderr");
        Collection<RunResult> run = runWhenFree(new Runner(options.build()));
        for (RunResult r : run) {
            String method = r.getParams().getBenchmark();
            String key = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            String keys = r.getParams().getParam("flowKeys");
            String spec = r.getParams().getParam("spec");
            if (spec != null && !spec.equals("majority")) {
                key += "@" + spec;
            }
            results.put(keys == null ? key : key + "@" + keys, r);
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(cost("predictor predict+feedback, key=device (majority)", "PredictorBenchmark.predictAndFeedBack",
                "PredictorBenchmark.deviceBaseline", "hand-written array-indexed majority",
                "the same predict and feedback per event on the same 192-key events, counts in a flat array", 1.5));
        figures.add(allocation("predictor allocation, key=device (majority)", "PredictorBenchmark.predictAndFeedBack"));
        figures.add(cost("predictor SPI floor: producer-local, no state", "PredictorBenchmark.predictAndFeedBack@producer-local",
                "PredictorBenchmark.deviceBaseline", "hand-written array-indexed majority",
                "the same events; producer-local only fills the context and the feedback and takes two calls, "
                        + "the least any predictor costs through the SPI", Double.NaN));
        figures.add(cost("predictor predict+feedback, key=flow, 1k keys", "PredictorBenchmark.flowMajority@1000",
                "PredictorBenchmark.flowBaseline@1000", "hand-written open-addressing majority",
                "the same predict and feedback per draw of the same keys, one linear-probing long[] table", 1.5));
        figures.add(cost("predictor predict+feedback, key=flow, 1M keys", "PredictorBenchmark.flowMajority@1000000",
                "PredictorBenchmark.flowBaseline@1000000", "hand-written open-addressing majority",
                "the same predict and feedback per draw of the same keys, one linear-probing long[] table", 1.5));
        String cheapest = "the same files walked with the same bounds checks, every field of every event summed "
                + "into locals, no checksums, no objects";
        figures.add(speed("compare, one counting predictor (majority)", "CompareBenchmark.compareOne",
                "CompareBenchmark.cheapestRead", "cheapest read of the same trace", cheapest, 0.6));
        figures.add(speed("compare, all built-ins (+ references)", "CompareBenchmark.compareAll",
                "CompareBenchmark.cheapestRead", "cheapest read of the same trace", cheapest, 0.4));
        figures.add(speed("compare of 4 traces, 2 threads vs 1", "CompareBenchmark.compareTracesTwoThreads",
                "CompareBenchmark.compareTracesOneThread", "the same compare on one thread",
                "the same 4 replays (majority) with the same results, one after the other", 1.7));
        figures.add(speed("compare of 1 trace, all built-ins, 2 threads vs 1", "CompareBenchmark.compareAllTwoThreads",
                "CompareBenchmark.compareAll", "the same compare on one thread",
                "the same replay (every built-in + references) with the same results, one pass on one thread", 1.3));
        String floor = "the same walk plus the buffer join (each Consume found by buffer id among the live "
                + "instances, Alloc and Free opening and closing them); no predictor, no tallies";
        figures.add(speed("replay floor: cheapest read + buffer join", "CompareBenchmark.replayFloor",
                "CompareBenchmark.cheapestRead", "cheapest read of the same trace", cheapest, 0.6));
        figures.add(speed("compare, one counting predictor, vs the floor", "CompareBenchmark.compareOne",
                "CompareBenchmark.replayFloor", "replay floor of the same trace", floor, Double.NaN));
        figures.add(speed("perf-script import", "PerfImportBenchmark.importLines", "PerfImportBenchmark.readLines",
                "plain line read of the same file", "every line of the same file read with BufferedReader.readLine",
                0.5));
        figures.add(speed("trace write", "TraceStoreBenchmark.write", "TraceStoreBenchmark.rawAppend",
                "raw Chronicle append, same layout", "the same events appended as excerpts of the same layout and "
                        + "block size, from primitive columns; no header, checksums, digest or seal", 0.8));
        figures.add(speed("trace read", "TraceStoreBenchmark.read", "TraceStoreBenchmark.cheapestRead",
                "cheapest read of the same trace", cheapest, 0.8));
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
        return new Figure(figure, "-", "-", "-", Double.NaN, Double.NaN, Double.NaN, "-", "-", "MISS", List.of(), List.of(),
                "benchmark " + missing + " did not run");
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

    /** The primary score of each fork of {@code key}, in fork order. */
    private List<Double> forks(String key) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : results.get(key).getBenchmarkResults()) {
            scores.add(fork.getPrimaryResult().getScore());
        }
        return scores;
    }

    /** The median of the forks' scores of {@code key}, with its unit and fork range. */
    private String measured(String key) {
        List<Double> f = forks(key);
        return String.format(Locale.ROOT, "%.4g %s [%.4g-%.4g]", median(f), results.get(key).getPrimaryResult().getScoreUnit(),
                Collections.min(f), Collections.max(f));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The result of a ratio whose range over forks is [{@code lo}, {@code hi}] against a target that it
     * must reach ({@code atLeast}) or stay within: pass or MISS only when the whole range agrees.
     */
    static String judge(double lo, double hi, double target, boolean atLeast) {
        boolean allMeet = atLeast ? lo >= target : hi <= target;
        boolean noneMeets = atLeast ? hi < target : lo > target;
        return allMeet ? "pass" : noneMeets ? "MISS" : "UNSETTLED";
    }

    /**
     * A ratio figure: {@code numerator / denominator} of the medians over forks, its range over every
     * pairing of a numerator fork with a denominator fork; a NaN {@code target}: none (target and
     * result "-").
     */
    private Figure ratio(String figure, String key, String baselineKey, String baseline, String work, boolean speed,
                         double target) {
        if (missing(key, baselineKey) != null) {
            return failed(figure, missing(key, baselineKey));
        }
        List<Double> v = forks(key);
        List<Double> b = forks(baselineKey);
        List<Double> num = speed ? b : v;
        List<Double> den = speed ? v : b;
        double median = median(num) / median(den);
        double lo = Collections.min(num) / Collections.max(den);
        double hi = Collections.max(num) / Collections.min(den);
        return new Figure(figure, measured(key), measured(baselineKey) + " (" + baseline + ")", work, median, lo, hi,
                speed ? "baseline time / time (share of the baseline's speed)" : "time / baseline time",
                Double.isNaN(target) ? "-" : speed && target <= 1 ? String.format(Locale.ROOT, ">= %.0f%%", target * 100)
                        : String.format(Locale.ROOT, speed ? ">= %.1fx" : "<= %.1fx", target),
                Double.isNaN(target) ? "-" : judge(lo, hi, target, speed), v, b, "");
    }

    /** A time per operation that must stay within {@code max} times the baseline's. */
    private Figure cost(String figure, String key, String baselineKey, String baseline, String work, double max) {
        return ratio(figure, key, baselineKey, baseline, work, false, max);
    }

    /** A speed (baseline time / time) that must reach {@code min}; NaN: a figure to read, without a target. */
    private Figure speed(String figure, String key, String baselineKey, String baseline, String work, double min) {
        return ratio(figure, key, baselineKey, baseline, work, true, min);
    }

    /** Bytes allocated per operation (JMH's gc profiler) in the fork that allocated most; the target is none. */
    private Figure allocation(String figure, String key) {
        if (missing(key) != null) {
            return failed(figure, key);
        }
        List<Double> bytes = new ArrayList<>();
        for (BenchmarkResult fork : results.get(key).getBenchmarkResults()) {
            Result<?> norm = fork.getSecondaryResults().get("gc.alloc.rate.norm");
            bytes.add(norm == null ? Double.NaN : norm.getScore());
        }
        double max = bytes.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new Figure(figure, String.format(Locale.ROOT, "%.3g B/op (most in a fork)", max), "-", "-", max,
                Collections.min(bytes), max, "bytes per operation", "0 B/op (< 0.5)", max < 0.5 ? "pass" : "MISS", bytes,
                List.of(), "");
    }

    /** Heap after GC replaying 10M and 100M events (each in a JVM with -Xmx128m). */
    private List<Figure> memory(List<String> jvmArgs) throws IOException, InterruptedException {
        Probe small = probe(jvmArgs, 10_000_000L);
        Probe large = probe(jvmArgs, 100_000_000L);
        List<Figure> figures = new ArrayList<>();
        boolean both = small.heapBytes > 0 && large.heapBytes > 0;
        double ratio = both ? (double) large.heapBytes / small.heapBytes : Double.NaN;
        figures.add(new Figure("memory: heap after GC, 100M vs 10M events replayed", large.describe(),
                small.describe() + " (10M events)", "the same replay of a tenth of the events", ratio, ratio, ratio,
                "heap(100M) / heap(10M)", "<= 1.10x", both && ratio <= 1.10 ? "pass" : "MISS", List.of(), List.of(),
                both ? "one run each" : "a replay did not complete: " + (small.heapBytes > 0 ? large.failure : small.failure)));
        double completed = large.heapBytes > 0 ? 1 : 0;
        figures.add(new Figure("memory: 100M events replayed with -Xmx128m", large.heapBytes > 0 ? "completed" : "failed",
                "-", "-", completed, completed, completed, "1 if it completed", "completes",
                large.heapBytes > 0 ? "pass" : "MISS", List.of(), List.of(), large.failure));
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
        sb.append(String.format(Locale.ROOT, "%n%-46s | %-34s | %-62s | %-22s | %-10s | %s%n", "figure", "value (median [fork range])",
                "baseline (median [fork range])", "ratio [range]", "target", "result"));
        for (Figure f : figures) {
            sb.append(String.format(Locale.ROOT, "%-46s | %-34s | %-62s | %-22s | %-10s | %s%s%n", f.figure(), f.value(),
                    f.baseline(), String.format(Locale.ROOT, "%.3f [%.3f-%.3f]", f.ratio(), f.ratioMin(), f.ratioMax()),
                    f.target(), f.result(), f.note().isEmpty() ? "" : " (" + f.note() + ")"));
        }
        sb.append(String.format(Locale.ROOT, "%nWhat each baseline does:%n"));
        for (Figure f : figures) {
            if (!f.baselineWork().equals("-")) {
                sb.append(String.format(Locale.ROOT, "  %s: %s%n", f.figure(), f.baselineWork()));
            }
        }
        return sb.toString();
    }
}
