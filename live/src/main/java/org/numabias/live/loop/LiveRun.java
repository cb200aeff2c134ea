package org.numabias.live.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.numabias.api.ConfigurationException;
import org.numabias.api.ConfiguredPredictor;
import org.numabias.api.LookaheadPredictor;
import org.numabias.api.PredictorStartException;
import org.numabias.api.Topology;
import org.numabias.api.Version;
import org.numabias.api.trace.TraceHeader;
import org.numabias.live.numa.NodeMemory;
import org.numabias.live.pool.BufferPools;
import org.numabias.live.pool.NodePool;
import org.numabias.live.workload.Workload;
import org.numabias.runtime.guard.PredictorExhaustedJvmError;
import org.numabias.runtime.guard.PredictorGuard;

/**
 * One live run: sets up pools, sockets, producer threads (a bounded number per node, each polling
 * many devices as NAPI does; every device has its own guarded predictor instance, since a predictor
 * is single-threaded), consumers, the recorder and the traffic generator; reports status once a
 * second; applies consumer migrations on time; stops when the generator is done (or on
 * {@link #requestStop()}), drains, and seals the trace.
 *
 * <p>Shutdown order, so that nothing in flight is lost from the trace: producers stop receiving;
 * consumers drain their queues; producers deliver (and record) the last feedback;
 * the recorder drains its ring and seals. Memory is bounded by the pools ({@code nodes x maxSlabs x
 * slabBytes}) and the queues; when consumers fall behind, producers drop and count.
 */
public final class LiveRun {
    private static final int RECORDER_RING_BYTES = 32 << 20; // ~500k events: rides out Chronicle's file-mapping stalls
    /**
     * A predictor call running this long never returns (live calls are budgeted in microseconds):
     * the run stops with that failure, the trace sealed, instead of hanging (Java cannot stop the call).
     */
    static final java.time.Duration STALL_LIMIT = java.time.Duration.ofSeconds(10);
    /** After a failure, how long the run waits for its threads, all together, before giving up on them (a stuck predictor). */
    private static final long FAILED_JOIN_MS = 2_000;

    private final LiveConfig config;
    private final NodeMemory memory;
    private final Workload workload;
    private final AtomicIntegerArray flowConsumer;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger producersReceiving = new AtomicInteger();
    private final AtomicInteger consumersRunning = new AtomicInteger();
    /** Buffer ids for datagrams dropped before they had a buffer (above every pool's ids). */
    private final java.util.concurrent.atomic.AtomicLong droppedIds = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean receiving = true;
    private volatile boolean stopRequested;
    private volatile TrafficGenerator generator;
    private BufferPools pools;
    private Producer[] producers;
    private Producer[] producerOfDevice;
    private PredictorGuard[] guardOfDevice;
    private Consumer[] consumers;
    private Recorder recorder;
    private long startNanos;
    /** The counters when the producers stopped receiving (the traffic's end plus the sockets' drain). */
    private Totals duringTraffic;
    /** The traffic window: from the generator's start to when the producers stopped receiving (run clock, ns). */
    private long trafficStartNs = -1;
    /** Consumer migrations applied so far (the supervisor thread only). */
    private int migrationsApplied;
    private long trafficEndNs;
    /** The loop threads' CPU time at the traffic window's start (0 when it could not be read then) and end. */
    private long cpuAtTrafficStart = -1;
    private long cpuAtTrafficEnd;
    private final Histogram feedbackDelay = new Histogram(3);

    /**
     * @throws ConfigurationException when the workload uses a node the memory does not have, or the
     *                                predictor cannot run live
     */
    public LiveRun(LiveConfig config) {
        this.config = config;
        this.memory = config.memory();
        this.workload = config.workload();
        if (workload.maxNode() >= memory.nodes()) {
            throw new ConfigurationException("workload " + workload.name() + " uses node " + workload.maxNode() + ", but "
                    + (memory.emulated() ? "only " + memory.nodes() + " nodes are emulated"
                    : "this machine has " + memory.nodes() + " node" + (memory.nodes() == 1 ? "" : "s")
                    + "; run with --emulate-nodes " + (workload.maxNode() + 1)));
        }
        this.flowConsumer = new AtomicIntegerArray(workload.flows().size());
        for (int f = 0; f < workload.flows().size(); f++) {
            flowConsumer.set(f, workload.consumerIndex(workload.flows().get(f).consumer()));
        }
    }

    // ---- accessors for the loop's threads ----

    LiveConfig config() {
        return config;
    }

    NodeMemory memory() {
        return memory;
    }

    BufferPools pools() {
        return pools;
    }

    Recorder recorder() {
        return recorder;
    }

    /** The producer thread that polls {@code device} (its feedback goes there). */
    Producer producerOf(int device) {
        return producerOfDevice[device];
    }

    /** The guarded predictor of {@code device}, null in bare mode. */
    PredictorGuard deviceGuard(int device) {
        return guardOfDevice[device];
    }

    Consumer consumerFor(int flow) {
        return consumers[flowConsumer.get(flow)];
    }

    /** A buffer id no pool buffer has, for the Alloc of a datagram dropped before it had a buffer. */
    long nextDroppedId() {
        return droppedIds.incrementAndGet();
    }

    /** Nanoseconds since the run started (the trace clock). */
    long now() {
        return System.nanoTime() - startNanos;
    }

    boolean receiving() {
        return receiving && failure.get() == null;
    }

    void producerStoppedReceiving() {
        producersReceiving.decrementAndGet();
    }

    boolean producersStopped() {
        return producersReceiving.get() == 0;
    }

    void consumerDone() {
        consumersRunning.decrementAndGet();
    }

    boolean consumersDone() {
        return consumersRunning.get() <= 0;
    }

    /** The real node emulated memory lives on. */
    int realNodeOfEmulation() {
        return 0;
    }

    void fail(Throwable t) {
        failure.compareAndSet(null, t);
        requestStop();
    }

    /**
     * Loads what registers JVM shutdown hooks of its own (Chronicle's resource releaser) now: call it
     * before installing a signal handler that stops the run, so that a signal during start-up finds
     * it loaded (loading it during the JVM's shutdown fails).
     */
    public static void prepareForSignals() {
        org.numabias.runtime.store.ChronicleTraceWriter.prepareForShutdownSeal();
    }

    /** Asks the run to stop soon (e.g. from a signal handler); it still drains and seals the trace. */
    public void requestStop() {
        stopRequested = true;
        TrafficGenerator g = generator;
        if (g != null) {
            g.stop();
        }
    }

    /** Waits until {@link #run} has returned or failed; true if it did within {@code millis}. */
    public boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the workload to its end and returns what it measured.
     *
     * @throws ConfigurationException for a predictor that cannot run live (needs the future of a trace)
     * @throws UncheckedIOException   when sockets cannot be opened or the trace cannot be written
     */
    public LiveResult run(LiveStatus.Listener listener) {
        try {
            return runLoop(listener);
        } finally {
            finished.countDown();
        }
    }

    private LiveResult runLoop(LiveStatus.Listener listener) {
        Topology topology = memory.topology();
        boolean bare = config.mode() == LiveConfig.Mode.BARE;
        List<PredictorGuard> guards = new ArrayList<>();
        String label = "none";
        if (!bare) {
            for (int d = 0; d < workload.devices().size(); d++) {
                ConfiguredPredictor p;
                try {
                    p = config.registry().create(config.spec(), topology);
                } catch (PredictorStartException e) {
                    p = e.placeholder(); // every call is a fault that falls back to the producer's node
                }
                if (p.predictor() instanceof LookaheadPredictor) {
                    throw new ConfigurationException("predictor '" + p.label()
                            + "' needs the future of a trace: replay only (numabias compare), not live");
                }
                label = p.label();
                guards.add(PredictorGuard.budgeted(p, topology.nodes(), config.budgetNs()));
            }
        }
        int totalBuffers = memory.nodes() * config.maxSlabs() * (int) (config.slabBytes() / workload.bufferBytes());
        pools = new BufferPools(memory, workload.bufferBytes(), config.slabBytes(), config.maxSlabs());
        droppedIds.set(pools.maxId());
        List<List<DatagramChannel>> channelsByDevice = new ArrayList<>();
        List<InetSocketAddress> targets = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Thread recorderThread = null;
        TraceHeader header = null;
        String stalledLabel = label;
        org.numabias.runtime.guard.PredictorWatchdog watchdog = new org.numabias.runtime.guard.PredictorWatchdog(STALL_LIMIT,
                (guard, running) -> fail(new ConfigurationException("predictor " + stalledLabel + " has been inside one "
                        + "call for over " + STALL_LIMIT.toSeconds() + " s (it does not return); stopping the run")));
        guards.forEach(watchdog::watch);
        try {
            if (!bare) {
                for (int n = 0; n < memory.nodes(); n++) {
                    pools.node(n).reserve(1);
                }
            }
            int[][] flowOfChannel = openChannels(channelsByDevice, targets);
            long[] flowHash = new long[workload.flows().size()];
            for (int f = 0; f < flowHash.length; f++) {
                flowHash[f] = flowHash(f);
            }
            consumers = new Consumer[bare ? 0 : workload.consumers().size()];
            for (int c = 0; c < consumers.length; c++) {
                Workload.Consumer wc = workload.consumers().get(c);
                consumers[c] = new Consumer(this, wc.node(), wc.workNs(), config.queueCapacity());
            }
            guardOfDevice = new PredictorGuard[workload.devices().size()];
            for (int d = 0; d < guardOfDevice.length; d++) {
                guardOfDevice[d] = bare ? null : guards.get(d);
            }
            startProducers(channelsByDevice, flowOfChannel, flowHash, totalBuffers);
            if (config.record() != null) {
                header = header(topology, label);
                recorder = new Recorder(config.record(), header, RECORDER_RING_BYTES);
            }
            producersReceiving.set(producers.length);
            consumersRunning.set(consumers.length);
            generator = new TrafficGenerator(this, workload, targets);
            if (stopRequested) {
                generator.stop();
            }
            startNanos = System.nanoTime();
            CpuClock cpu = new CpuClock();
            recorderThread = recorder == null ? null : Thread.ofPlatform().name("live-recorder").start(() -> {
                try {
                    recorder.run();
                } catch (RuntimeException | Error e) {
                    fail(e);
                }
            });
            for (int c = 0; c < consumers.length; c++) {
                threads.add(Thread.ofPlatform().name("live-consumer-" + c).start(cpu.wrap(consumers[c])));
            }
            for (int i = 0; i < producers.length; i++) {
                threads.add(Thread.ofPlatform().name("live-producer-" + i + "-node" + producers[i].node())
                        .start(cpu.wrap(producers[i])));
            }
            Thread generatorThread = Thread.ofPlatform().name("live-generator").start(generator);
            Histogram delay = feedbackDelay;
            superviseUntilDone(generatorThread, listener, delay, threads);
            joinAll(threads, failure);
            generatorThread.join();
            long traceEvents = 0;
            if (recorderThread != null) {
                TraceHeader initial = header;
                recorder.stop(() -> finalHeader(initial));
                recorderThread.join();
                traceEvents = recorder.events();
            }
            for (Producer p : producers) {
                delay.add(p.feedbackDelay.getIntervalHistogram());
            }
            Throwable t = failure.get();
            if (t != null) {
                if (t instanceof PredictorExhaustedJvmError named) {
                    throw named; // the CLI reports it in one line, naming the predictor
                }
                throw t instanceof RuntimeException re ? re : new IllegalStateException("live run failed: " + t, t);
            }
            return result(topology, label, guards, delay, cpu.total(), traceEvents);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            watchdog.close();
            receiving = false;
            try {
                joinWithin(threads, 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (List<DatagramChannel> chs : channelsByDevice) {
                for (DatagramChannel ch : chs) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // closing: nothing to do
                    }
                }
            }
            if (recorderThread != null && recorderThread.isAlive()) { // the run failed: still seal what was recorded
                TraceHeader initial = header;
                recorder.stop(() -> finalHeader(initial));
                try {
                    recorderThread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (threads.stream().noneMatch(Thread::isAlive)) {
                pools.close(); // else a thread stuck in a predictor call may still touch its buffer: leave the memory
            }
        }
    }

    /**
     * Producer threads per node that has devices: {@link LiveConfig#producerThreads()} when set, else
     * this machine's processors per node (at least one), never more than the node's devices.
     */
    int producerThreadsPerNode() {
        int set = config.producerThreads();
        return set > 0 ? set : Math.max(1, Runtime.getRuntime().availableProcessors() / memory.nodes());
    }

    /** Spreads each node's devices round-robin over that node's producer threads. */
    private void startProducers(List<List<DatagramChannel>> channelsByDevice, int[][] flowOfChannel, long[] flowHash,
                                int feedbackCapacity) {
        int perNode = producerThreadsPerNode();
        List<Producer> all = new ArrayList<>();
        producerOfDevice = new Producer[workload.devices().size()];
        for (int node = 0; node < memory.nodes(); node++) {
            List<Integer> onNode = new ArrayList<>();
            for (int d = 0; d < workload.devices().size(); d++) {
                if (workload.devices().get(d).node() == node) {
                    onNode.add(d);
                }
            }
            int threads = Math.min(perNode, onNode.size());
            for (int t = 0; t < threads; t++) {
                List<Producer.Device> mine = new ArrayList<>();
                for (int i = t; i < onNode.size(); i += threads) {
                    int d = onNode.get(i);
                    mine.add(new Producer.Device(d, channelsByDevice.get(d), flowOfChannel[d], guardOfDevice[d]));
                }
                Producer p = new Producer(this, node, mine, flowHash, feedbackCapacity);
                for (Producer.Device d : mine) {
                    producerOfDevice[d.index] = p;
                }
                all.add(p);
            }
        }
        producers = all.toArray(Producer[]::new);
    }

    private int[][] openChannels(List<List<DatagramChannel>> channelsByDevice, List<InetSocketAddress> targets) {
        int[][] flowOfChannel = new int[workload.devices().size()][];
        List<List<Integer>> flowsByDevice = new ArrayList<>();
        for (int d = 0; d < workload.devices().size(); d++) {
            flowsByDevice.add(new ArrayList<>());
            channelsByDevice.add(new ArrayList<>());
        }
        int[] deviceOfFlow = workload.deviceOfFlows();
        for (int f = 0; f < workload.flows().size(); f++) {
            flowsByDevice.get(deviceOfFlow[f]).add(f);
            targets.add(null);
        }
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            for (int d = 0; d < flowsByDevice.size(); d++) {
                List<Integer> fs = flowsByDevice.get(d);
                flowOfChannel[d] = fs.stream().mapToInt(Integer::intValue).toArray();
                for (int f : fs) {
                    DatagramChannel ch = DatagramChannel.open();
                    channelsByDevice.get(d).add(ch);
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                    ch.bind(new InetSocketAddress(loopback, 0));
                    ch.configureBlocking(false);
                    targets.set(f, (InetSocketAddress) ch.getLocalAddress());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open loopback UDP sockets: " + e.getMessage(), e);
        }
        return flowOfChannel;
    }

    /** A stable 32-bit flow hash (as an unsigned value in a long) for flow number {@code f}. */
    static long flowHash(int f) {
        int h = (f + 1) * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h & 0xFFFF_FFFFL;
    }

    /**
     * Runs the status line and the migrations (timed from the generator's start) until the generator
     * is done, lets the sockets drain, notes the traffic window's counters and CPU, and stops receiving.
     */
    private void superviseUntilDone(Thread generatorThread, LiveStatus.Listener listener, Histogram delay,
                                    List<Thread> loopThreads) throws InterruptedException {
        List<Workload.Migration> migrations = workload.migrations();
        int nextMigration = 0;
        long nextStatus = 1_000_000_000L;
        while (generatorThread.isAlive() && failure.get() == null) {
            long now = now();
            noteTrafficStart(loopThreads);
            while (trafficStartNs >= 0 && nextMigration < migrations.size()
                    && migrations.get(nextMigration).atSeconds() * 1e9 <= now - trafficStartNs) {
                Workload.Migration m = migrations.get(nextMigration++);
                flowConsumer.set(m.flow(), workload.consumerIndex(m.consumer()));
                migrationsApplied = nextMigration;
            }
            if (now >= nextStatus) {
                listener.onStatus(status(now, delay));
                nextStatus += 1_000_000_000L;
            }
            generatorThread.join(10);
        }
        // let the sockets drain: stop when nothing arrived for 50 ms (at most 1 s)
        long last = -1;
        long until = now() + 1_000_000_000L;
        while (!stopRequested && now() < until) {
            long r = received();
            if (r == last) {
                break;
            }
            last = r;
            Thread.sleep(50);
        }
        if (trafficStartNs < 0) { // the generator was done before it was seen: count the threads' whole CPU
            trafficStartNs = Math.max(0, generator.startedNs());
            cpuAtTrafficStart = 0;
        }
        duringTraffic = totals();
        trafficEndNs = now();
        cpuAtTrafficEnd = loopCpu(loopThreads);
        receiving = false;
    }

    private void noteTrafficStart(List<Thread> loopThreads) {
        if (trafficStartNs < 0 && generator.startedNs() >= 0) {
            cpuAtTrafficStart = loopCpu(loopThreads);
            trafficStartNs = generator.startedNs();
        }
    }

    /** CPU time of the loop's threads so far (a thread that has ended counts 0). */
    private static long loopCpu(List<Thread> loopThreads) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : loopThreads) {
            sum += Math.max(0, mx.getThreadCpuTime(t.threadId()));
        }
        return sum;
    }

    /** The feedback delays (allocation -> feedback at the producer, ns) of the whole run; call after {@link #run}. */
    public Histogram feedbackDelay() {
        return feedbackDelay.copy();
    }

    private long received() {
        return totals().received();
    }

    /** The loop's counters summed over producers and consumers (recent values while running, exact after). */
    private record Totals(long received, long receivedBytes, long poolEmpty, long behind, long recorderBehind,
                          long feedbacks, long consumed, long bytes, long local) {
        long drops() {
            return poolEmpty + behind + recorderBehind;
        }
    }

    private Totals totals() {
        long received = 0;
        long receivedBytes = 0;
        long poolEmpty = 0;
        long behind = 0;
        long recorderBehind = 0;
        long feedbacks = 0;
        for (Producer p : producers) {
            received += p.received.get();
            receivedBytes += p.receivedBytes.get();
            poolEmpty += p.dropPoolEmpty.get();
            behind += p.dropConsumerBehind.get();
            recorderBehind += p.dropRecorderBehind.get();
            feedbacks += p.feedbacks.get();
        }
        long consumed = 0;
        long bytes = 0;
        long local = 0;
        for (Consumer c : consumers) {
            consumed += c.consumed.get();
            bytes += c.bytes.get();
            local += c.localBytes.get();
        }
        return new Totals(received, receivedBytes, poolEmpty, behind, recorderBehind, feedbacks, consumed, bytes, local);
    }

    private LiveStatus status(long now, Histogram total) {
        Histogram interval = new Histogram(3);
        for (Producer p : producers) {
            interval.add(p.feedbackDelay.getIntervalHistogram());
        }
        total.add(interval);
        Totals t = totals();
        boolean any = interval.getTotalCount() > 0;
        return new LiveStatus(now / 1e9, t.received(), t.receivedBytes(), t.consumed(),
                t.bytes() == 0 ? null : (double) t.local() / t.bytes(), t.drops(),
                pools.use(), any ? interval.getValueAtPercentile(50) : -1, any ? interval.getValueAtPercentile(99) : -1);
    }

    /**
     * Joins every thread; once the run has failed, gives those left at most {@link #FAILED_JOIN_MS} in all (some may
     * be stuck in a call: each stuck thread would otherwise cost the whole wait again).
     */
    private static void joinAll(List<Thread> threads, AtomicReference<Throwable> failure) throws InterruptedException {
        for (int i = 0; i < threads.size(); i++) {
            Thread t = threads.get(i);
            while (t.isAlive() && failure.get() == null) {
                t.join(100);
            }
            if (failure.get() != null) {
                joinWithin(threads.subList(i, threads.size()), FAILED_JOIN_MS);
                return;
            }
        }
    }

    /** Joins {@code threads}, waiting at most {@code ms} for all of them together. */
    private static void joinWithin(List<Thread> threads, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        for (Thread t : threads) {
            t.join(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))); // zero: no wait
        }
    }

    private TraceHeader header(Topology topology, String label) {
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("source", "numabias live");
        prov.put("framework", Version.FRAMEWORK);
        prov.put("memory", memory.mode());
        prov.put("nodes", memory.describe());
        if (memory.emulated()) {
            prov.put("emulated", "true: " + memory.nodes() + " virtual nodes on 1 real node; placement and copy costs are not real");
        }
        prov.put("workload", workload.name());
        prov.put("predictor", label);
        prov.put("loop", config.mode().name().toLowerCase(java.util.Locale.ROOT));
        prov.put("recordedAt", Instant.now().toString());
        prov.put("clock", "ns since the run's start (System.nanoTime)");
        prov.put("allocTime", "the prediction's: the predictor is asked when the datagram has arrived, with its length");
        prov.put("consumeTime", "when the consumption's feedback reached the predictor (the consumer's copy was up to "
                + "the feedback delay earlier): the trace holds the predictor's calls in the order it saw them");
        return TraceHeader.of(topology, workload.devices().stream().map(Workload.Device::name).toList(), prov, Map.of());
    }

    private TraceHeader finalHeader(TraceHeader header) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Totals t = totals();
        counts.put("sent", generator.sent.get());
        counts.put("received", t.received());
        counts.put("consumed", t.consumed());
        counts.put("dropPoolEmpty", t.poolEmpty());
        counts.put("dropConsumerBehind", t.behind());
        counts.put("dropRecorderBehind", t.recorderBehind());
        return new TraceHeader(header.formatVersion(), header.topology(), header.deviceNames(),
                stopRequested ? withStop(header.provenance()) : header.provenance(), counts);
    }

    private static Map<String, String> withStop(Map<String, String> prov) {
        Map<String, String> p = new LinkedHashMap<>(prov);
        p.put("stoppedEarly", "true (stop requested, e.g. SIGINT/SIGTERM; the trace is complete up to then)");
        return p;
    }

    private LiveResult result(Topology topology, String label, List<PredictorGuard> guards, Histogram delay, long cpuNs,
                              long traceEvents) {
        Totals t = totals();
        int n = memory.nodes();
        long[][] copyNs = new long[n][n];
        long[][] copyBytes = new long[n][n];
        long pages = 0;
        long pagesOk = 0;
        for (Consumer c : consumers) {
            for (int b = 0; b < n; b++) {
                copyNs[b][c.node()] += c.copyNanos[b];
                copyBytes[b][c.node()] += c.copyBytes[b];
            }
            pages += c.pagesSampled;
            pagesOk += c.pagesOnExpectedNode;
        }
        double[][] nsPerByte = new double[n][n];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < n; c++) {
                nsPerByte[b][c] = copyBytes[b][c] == 0 ? -1 : (double) copyNs[b][c] / copyBytes[b][c];
            }
        }
        long calls = 0;
        long faults = 0;
        String firstFault = null;
        boolean disabled = false;
        for (PredictorGuard g : guards) {
            PredictorGuard.Stats s = g.stats();
            calls += s.calls();
            faults += s.faults();
            disabled |= s.disabled();
            if (firstFault == null) {
                firstFault = s.firstFault();
            }
        }
        long[] pct = delay.getTotalCount() == 0 ? new long[]{-1, -1, -1, -1, -1}
                : new long[]{delay.getValueAtPercentile(50), delay.getValueAtPercentile(90), delay.getValueAtPercentile(99),
                        delay.getValueAtPercentile(99.9), delay.getMaxValue()};
        List<NodePool.Stats> poolStats = pools.stats();
        return new LiveResult(memory.mode(), memory.describe(), topology, workload.name(), workload.devices().size(),
                producers.length, label,
                config.mode().name().toLowerCase(java.util.Locale.ROOT), now() / 1e9, generator.sent.get(),
                generator.sendErrors.get(), t.received(), t.receivedBytes(), duringTraffic.received(), t.consumed(),
                duringTraffic.consumed(), (trafficEndNs - trafficStartNs) / 1e9, cpuAtTrafficEnd - cpuAtTrafficStart,
                t.bytes(), t.local(),
                t.bytes() == 0 ? null : (double) t.local() / t.bytes(), t.poolEmpty(), t.behind(), t.recorderBehind(),
                poolStats, t.feedbacks(), pct,
                nsPerByte, copyBytes, pages, pagesOk, calls, faults, firstFault, disabled, cpuNs, config.record(),
                traceEvents, workload.migrations().size(), migrationsApplied);
    }

    /** Sums the CPU time of the loop's threads, each measured by itself when it ends. */
    private static final class CpuClock {
        private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();

        Runnable wrap(Runnable r) {
            return () -> {
                try {
                    r.run();
                } finally {
                    total.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                }
            };
        }

        long total() {
            return total.get();
        }
    }
}
