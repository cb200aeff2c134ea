package org.numabias.live.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.numabias.api.ConfigurationException;

/**
 * What a live run does: devices (producers) and their home nodes, consumers and their nodes, flows
 * (one UDP socket on a device each, handled by one consumer at a time), consumer migrations over
 * time, datagram sizes and rates, and the bounds of the run. Immutable once {@link #validate}d.
 *
 * @param name            short name (for outputs and the trace header)
 * @param description     one line for {@code --list-workloads} (optional)
 * @param durationSeconds how long traffic is sent, in (0, 3600]
 * @param maxDatagrams    at most this many datagrams are sent in total (the generator's bound), >= 1
 * @param bufferBytes     size of each pool buffer: the largest datagram, 64..65536
 * @param devices         1..{@link #MAX_DEVICES}
 * @param consumers       1..{@link #MAX_CONSUMERS} (each is a thread)
 * @param flows           1..{@link #MAX_FLOWS} (each is a socket)
 * @param migrations      in any order; optional
 */
public record Workload(@JsonProperty(required = true) String name, String description, @JsonProperty(required = true) double durationSeconds,
                       @JsonProperty(required = true) long maxDatagrams, @JsonProperty(required = true) int bufferBytes,
                       @JsonProperty(required = true) List<Device> devices, @JsonProperty(required = true) List<Consumer> consumers,
                       @JsonProperty(required = true) List<Flow> flows, List<Migration> migrations) {

    /** The most devices a workload may have (the most device names a trace header holds). */
    public static final int MAX_DEVICES = 65_536;
    /** The most flows (one socket each). */
    public static final int MAX_FLOWS = 65_536;
    /** The most consumers (one thread each). */
    public static final int MAX_CONSUMERS = 1_024;

    /** A device (a NIC) homed on {@code node}, polled by a producer thread bound there. */
    public record Device(@JsonProperty(required = true) String name, @JsonProperty(required = true) int node) {
    }

    /**
     * A consumer thread bound to {@code node}; {@code workNs} of busy work per datagram makes it slow
     * on purpose (0 = as fast as it can copy).
     */
    public record Consumer(@JsonProperty(required = true) String name, @JsonProperty(required = true) int node, long workNs) {
    }

    /**
     * A flow: datagrams of {@code bytes} sent at {@code rate} per second (0 = as fast as the generator
     * can) to a socket of {@code device}, handled by {@code consumer}.
     */
    public record Flow(@JsonProperty(required = true) String device, @JsonProperty(required = true) String consumer, @JsonProperty(required = true) int bytes,
                       @JsonProperty(required = true) double rate) {
    }

    /** At {@code atSeconds} into the run, flow number {@code flow} (0-based) moves to {@code consumer}. */
    public record Migration(@JsonProperty(value = "at", required = true) double atSeconds, @JsonProperty(required = true) int flow,
                            @JsonProperty(required = true) String consumer) {
    }

    /**
     * The same workload with another duration (the CLI's {@code --duration}); migrations keep their
     * place relative to the run (one at half the workload's duration stays at half the new one).
     */
    public Workload withDuration(double seconds) {
        double scale = seconds / durationSeconds;
        List<Migration> scaled = migrations.stream()
                .map(m -> new Migration(Math.min(seconds, m.atSeconds() * scale), m.flow(), m.consumer())).toList();
        return new Workload(name, description, seconds, maxDatagrams, bufferBytes, devices, consumers, flows, scaled)
                .validate("--duration " + seconds + " on " + name);
    }

    /**
     * Checks every field; returns this workload with empty lists for missing ones.
     *
     * @param where the file or built-in name, for messages
     * @throws ConfigurationException naming the field that is wrong
     */
    public Workload validate(String where) {
        List<Migration> ms = migrations == null ? List.of() : List.copyOf(migrations);
        require(where, name != null && !name.isBlank(), "name", "is missing");
        require(where, durationSeconds > 0 && durationSeconds <= 3600, "durationSeconds",
                "must be in (0, 3600], got " + durationSeconds);
        require(where, maxDatagrams >= 1, "maxDatagrams", "must be at least 1, got " + maxDatagrams);
        require(where, bufferBytes >= 64 && bufferBytes <= 65536, "bufferBytes", "must be in 64..65536, got " + bufferBytes);
        require(where, devices != null && !devices.isEmpty(), "devices", "needs at least one device");
        require(where, consumers != null && !consumers.isEmpty(), "consumers", "needs at least one consumer");
        require(where, flows != null && !flows.isEmpty(), "flows", "needs at least one flow");
        require(where, devices.size() <= MAX_DEVICES, "devices", "at most " + MAX_DEVICES + ", got " + devices.size());
        require(where, consumers.size() <= MAX_CONSUMERS, "consumers", "at most " + MAX_CONSUMERS
                + " (each is a thread), got " + consumers.size());
        require(where, flows.size() <= MAX_FLOWS, "flows", "at most " + MAX_FLOWS + " (each is a socket), got "
                + flows.size());
        Map<String, Integer> deviceIndex = names(where, "devices", devices.stream().map(Device::name).toList());
        Map<String, Integer> consumerIndex = names(where, "consumers", consumers.stream().map(Consumer::name).toList());
        for (int i = 0; i < devices.size(); i++) {
            require(where, devices.get(i).node() >= 0, "devices[" + i + "].node", "must be >= 0");
        }
        for (int i = 0; i < consumers.size(); i++) {
            Consumer c = consumers.get(i);
            require(where, c.node() >= 0, "consumers[" + i + "].node", "must be >= 0");
            require(where, c.workNs() >= 0 && c.workNs() <= 1_000_000_000L, "consumers[" + i + "].workNs",
                    "must be in 0..1000000000");
        }
        for (int i = 0; i < flows.size(); i++) {
            Flow f = flows.get(i);
            String at = "flows[" + i + "]";
            if (!deviceIndex.containsKey(f.device())) { // messages built only on failure: a workload may have 65,536 names
                require(where, false, at + ".device", "unknown device '" + f.device() + "' (devices: " + names(devices.stream()
                        .map(Device::name).toList()) + ")");
            }
            if (!consumerIndex.containsKey(f.consumer())) {
                require(where, false, at + ".consumer", "unknown consumer '" + f.consumer() + "' (consumers: "
                        + names(consumers.stream().map(Consumer::name).toList()) + ")");
            }
            require(where, f.bytes() >= 1 && f.bytes() <= bufferBytes, at + ".bytes",
                    "must be in 1..bufferBytes (" + bufferBytes + "), got " + f.bytes());
            require(where, f.rate() >= 0 && f.rate() <= 10_000_000, at + ".rate",
                    "must be in 0..10000000 datagrams/s (0 = as fast as possible), got " + f.rate());
        }
        for (int i = 0; i < ms.size(); i++) {
            Migration m = ms.get(i);
            String at = "migrations[" + i + "]";
            require(where, m.atSeconds() >= 0 && m.atSeconds() <= durationSeconds, at + ".at",
                    "must be within the run (0.." + durationSeconds + " s), got " + m.atSeconds());
            require(where, m.flow() >= 0 && m.flow() < flows.size(), at + ".flow",
                    "must be a flow number 0.." + (flows.size() - 1) + ", got " + m.flow());
            if (!consumerIndex.containsKey(m.consumer())) {
                require(where, false, at + ".consumer", "unknown consumer '" + m.consumer() + "' (consumers: "
                        + names(consumers.stream().map(Consumer::name).toList()) + ")");
            }
        }
        List<Migration> sorted = new ArrayList<>(ms);
        sorted.sort((a, b) -> Double.compare(a.atSeconds(), b.atSeconds()));
        return new Workload(name, description == null ? "" : description, durationSeconds, maxDatagrams, bufferBytes,
                List.copyOf(devices), List.copyOf(consumers), List.copyOf(flows), List.copyOf(sorted));
    }

    private static Map<String, Integer> names(String where, String field, List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            require(where, n != null && !n.isBlank(), field + "[" + i + "].name", "is missing");
            require(where, index.putIfAbsent(n, i) == null, field + "[" + i + "].name", "'" + n + "' is used twice");
        }
        return index;
    }

    /** The names for a message: all of them, or the first 20 and how many more. */
    private static String names(List<String> names) {
        return names.size() <= 20 ? names.toString()
                : names.subList(0, 20).toString().replace("]", ", ... " + (names.size() - 20) + " more]");
    }

    private static void require(String where, boolean ok, String field, String problem) {
        if (!ok) {
            throw new ConfigurationException(where + ": " + field + ": " + problem);
        }
    }

    /** Each flow's device index, in flow order (one pass: a workload may have many devices). */
    public int[] deviceOfFlows() {
        Map<String, Integer> index = new HashMap<>();
        for (int d = 0; d < devices.size(); d++) {
            index.put(devices.get(d).name(), d);
        }
        return flows.stream().mapToInt(f -> index.get(f.device())).toArray();
    }

    /** Index of the consumer called {@code name}. */
    public int consumerIndex(String consumerName) {
        return indexOf(consumers.stream().map(Consumer::name).toList(), consumerName);
    }

    private static int indexOf(List<String> names, String n) {
        int i = names.indexOf(n);
        if (i < 0) {
            throw new IllegalArgumentException("unknown name " + n);
        }
        return i;
    }

    /** The highest node any device or consumer uses. */
    public int maxNode() {
        int max = 0;
        for (Device d : devices) {
            max = Math.max(max, d.node());
        }
        for (Consumer c : consumers) {
            max = Math.max(max, c.node());
        }
        return max;
    }
}
