package org.numabias.live.loop;

import java.nio.file.Path;
import java.util.List;
import org.numabias.api.Topology;
import org.numabias.live.pool.NodePool;

/**
 * What a live run measured. Live-only effects (drops, feedback delay, copy cost, page placement)
 * are here; the predictor's metrics in compare's terms come from replaying the recorded trace
 * ({@link LiveReplay}).
 *
 * @param memoryMode          {@code real} or {@code emulated}
 * @param nodesDescription    the nodes, saying "EMULATED" when they are
 * @param topology            the topology the predictor saw
 * @param workload            the workload's name
 * @param devices             the workload's devices
 * @param producerThreads     the threads that polled them
 * @param predictor           the predictor's label ({@code none} in bare mode)
 * @param loopMode            {@link LiveConfig.Mode} name
 * @param seconds             wall time of the run
 * @param sent                datagrams the generator sent
 * @param sendErrors          sends the kernel refused (loopback saturated)
 * @param received            datagrams the producers received
 * @param receivedBytes       their payload bytes
 * @param receivedDuringTraffic datagrams received until the producers stopped receiving (the traffic's end plus the
 *                            sockets' drain); what arrived later (a producer thread stalled in a call) is in
 *                            {@code received} only
 * @param consumed            datagrams consumers copied
 * @param consumedDuringTraffic datagrams consumed until the producers stopped receiving (the rest were consumed while
 *                            the consumers drained their queues)
 * @param trafficSeconds      the traffic window: from the generator's start until the producers stopped receiving
 *                            (without the start-up before it and the consumers' drain after it)
 * @param trafficCpuNs        CPU time of the producer and consumer threads within that window
 * @param consumedBytes       their bytes
 * @param localBytes          consumed bytes whose buffer was on the consumer's node (live placement)
 * @param liveLocalByteRatio  localBytes / consumedBytes, null when nothing was consumed
 * @param dropPoolEmpty       datagrams dropped because the chosen node's pool was exhausted
 * @param dropConsumerBehind  datagrams dropped because the consumer's queue was full
 * @param dropRecorderBehind  datagrams dropped because the recorder's ring was full
 * @param pools               each node pool at the end (maxima: memory bound)
 * @param feedbacks           feedback deliveries measured
 * @param feedbackDelayNs     percentiles of allocation -> feedback delay: p50, p90, p99, p99.9, max (ns)
 * @param copyNsPerByte       sampled copy time per byte [buffer node][consumer node], -1 where not sampled
 * @param copySampledBytes    bytes behind each copy-time cell
 * @param pagesSampled        buffers whose page was looked up
 * @param pagesOnExpectedNode of those, on the chosen node (emulated: on the real node the emulation uses)
 * @param predictorCalls      predictor calls (all devices)
 * @param faults              guard faults (falls back to the producer's node)
 * @param firstFault          the first fault, or null
 * @param disabled            some device's predictor was disabled for time
 * @param loopCpuNs           CPU time of producer and consumer threads
 * @param trace               the recorded trace, or null
 * @param traceEvents         events recorded
 * @param migrationsScheduled the workload's consumer migrations
 * @param migrationsApplied   of those, applied before the traffic ended
 */
public record LiveResult(String memoryMode, String nodesDescription, Topology topology, String workload, int devices,
                         int producerThreads, String predictor,
                         String loopMode, double seconds, long sent, long sendErrors, long received, long receivedBytes,
                         long receivedDuringTraffic, long consumed, long consumedDuringTraffic, double trafficSeconds,
                         long trafficCpuNs, long consumedBytes, long localBytes, Double liveLocalByteRatio,
                         long dropPoolEmpty, long dropConsumerBehind, long dropRecorderBehind, List<NodePool.Stats> pools,
                         long feedbacks, long[] feedbackDelayNs, double[][] copyNsPerByte, long[][] copySampledBytes,
                         long pagesSampled, long pagesOnExpectedNode, long predictorCalls, long faults, String firstFault,
                         boolean disabled, long loopCpuNs, Path trace, long traceEvents, int migrationsScheduled,
                         int migrationsApplied) {

    /** All drops the loop counted. */
    public long drops() {
        return dropPoolEmpty + dropConsumerBehind + dropRecorderBehind;
    }

    /** Sent but never received: lost in the kernel (socket buffers full). */
    public long lostInKernel() {
        return Math.max(0, sent - received);
    }

    /** Share of sampled buffers whose page was on the expected node, null when none was sampled. */
    public Double placementVerified() {
        return pagesSampled == 0 ? null : (double) pagesOnExpectedNode / pagesSampled;
    }

    /**
     * Why this run measured nothing, or null when it did: its producers received nothing while traffic
     * flowed, or (except in the bare loop, which has no consumers) its consumers consumed nothing then.
     */
    public String idle() {
        if (receivedDuringTraffic == 0) {
            return String.format(java.util.Locale.ROOT, "the producers received nothing while traffic flowed (%,d datagrams "
                    + "sent, %,d received only after the run had stopped receiving): the loop never ran, so the live figures "
                    + "and the replay measure nothing (an overloaded machine, or a producer thread stalled in a predictor "
                    + "call)", sent, received);
        }
        if (!loopMode.equals("bare") && consumedDuringTraffic == 0) {
            return String.format(java.util.Locale.ROOT, "the consumers consumed nothing while traffic flowed (%,d datagrams "
                    + "received then, %,d consumed only while draining afterwards): no feedback reached the predictor "
                    + "during the run, so it learned nothing live (consumers slower than the traffic, e.g. a large workNs, "
                    + "or an overloaded machine)", receivedDuringTraffic, consumed);
        }
        return null;
    }

    /**
     * Why the run did not show what its workload scheduled, or null: consumer migrations whose time
     * never came because the traffic ended first (its {@code maxDatagrams} were sent before their time),
     * so the run measured no migration the workload asked for.
     */
    public String migrationWarning() {
        if (migrationsApplied >= migrationsScheduled) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "%d of %d scheduled consumer migrations never happened: the traffic "
                + "ended after %.2f s, before their time (the workload's maxDatagrams were sent first); the run measured "
                + "no adaptation to them (raise maxDatagrams or lower the rate)", migrationsScheduled - migrationsApplied,
                migrationsScheduled, trafficSeconds);
    }

    /**
     * Datagrams delivered per second of the traffic window: consumed then, or received then in the bare
     * loop (which has no consumers); null for an empty window.
     */
    public Double deliveredPerTrafficSecond() {
        long delivered = loopMode.equals("bare") ? receivedDuringTraffic : consumedDuringTraffic;
        return trafficSeconds <= 0 ? null : delivered / trafficSeconds;
    }

    /** Loop CPU ns per datagram received within the traffic window, null when none was. */
    public Double trafficCpuNsPerDatagram() {
        return receivedDuringTraffic == 0 ? null : (double) trafficCpuNs / receivedDuringTraffic;
    }

    /** Loop CPU ns per received datagram, null when none was received. */
    public Double cpuNsPerDatagram() {
        return received == 0 ? null : (double) loopCpuNs / received;
    }
}
