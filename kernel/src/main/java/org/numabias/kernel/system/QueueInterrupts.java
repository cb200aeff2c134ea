package org.numabias.kernel.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The receive queues' interrupts of this machine's network devices, read from {@code /proc/interrupts}
 * (an interrupt named after a device, with the queue number at its end, as drivers name them:
 * {@code eth0-TxRx-3}, {@code mlx5_comp3@pci:...} is not matched) and {@code /sys/class/net} (the
 * devices and their NUMA nodes), with each interrupt's {@code /proc/irq/N/smp_affinity_list}.
 * Devices without interrupts (loopback, veth) have no entries. Read-only: nothing is changed.
 *
 * @param irqs      per "device/rxQUEUE", the interrupt number
 * @param affinity  per interrupt number, its CPU list
 * @param deviceNodes per device, its NUMA node ({@code -1}: none or unknown)
 */
public record QueueInterrupts(Map<String, Integer> irqs, Map<Integer, String> affinity, Map<String, Integer> deviceNodes) {
    /** Provenance keys start with this; {@link #fromProvenance} reads them back. */
    public static final String PREFIX = "irq:";
    private static final String AFFINITY = "irqAffinity:";
    private static final String NODE = "deviceNode:";

    /** This machine's mapping (empty where the files cannot be read). */
    public static QueueInterrupts read() {
        return read(Path.of("/proc"), Path.of("/sys/class/net"));
    }

    /** The mapping from a {@code /proc} and a {@code /sys/class/net} (tests give copies). */
    public static QueueInterrupts read(Path proc, Path sysClassNet) {
        List<String> devices = new ArrayList<>();
        Map<String, Integer> nodes = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(sysClassNet)) {
            for (Path dev : list.sorted().toList()) {
                String name = dev.getFileName().toString();
                devices.add(name);
                nodes.put(name, readInt(dev.resolve("device/numa_node")));
            }
        } catch (IOException e) {
            // no sysfs: no devices known
        }
        Map<String, Integer> irqs = new LinkedHashMap<>();
        Map<Integer, String> affinity = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(proc.resolve("interrupts"));
        } catch (IOException e) {
            lines = List.of();
        }
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            int irq;
            try {
                irq = Integer.parseInt(line.substring(0, colon).strip());
            } catch (NumberFormatException e) {
                continue; // NMI, LOC, ...: not device interrupts
            }
            String[] tokens = line.strip().split("\\s+");
            String name = tokens[tokens.length - 1];
            for (String dev : devices) {
                int queue = queueOf(name, dev);
                if (queue >= 0) {
                    irqs.putIfAbsent(dev + "/rx" + queue, irq);
                    try {
                        affinity.put(irq, Files.readString(proc.resolve("irq/" + irq + "/smp_affinity_list")).strip());
                    } catch (IOException e) {
                        affinity.put(irq, "");
                    }
                }
            }
        }
        return new QueueInterrupts(Map.copyOf(irqs), Map.copyOf(affinity), nodes);
    }

    /** The queue number in interrupt name {@code name} of device {@code dev} ({@code dev-...-N} or {@code devN}... ), or -1. */
    static int queueOf(String name, String dev) {
        if (!name.startsWith(dev + "-") || name.toLowerCase(java.util.Locale.ROOT).contains("tx") && !name.toLowerCase(
                java.util.Locale.ROOT).contains("rx")) {
            return -1; // another device's, or a transmit-only queue
        }
        int end = name.length();
        int start = end;
        while (start > dev.length() && Character.isDigit(name.charAt(start - 1))) {
            start--;
        }
        return start == end ? -1 : Integer.parseInt(name.substring(start, end));
    }

    private static int readInt(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The entries for a trace's provenance. */
    public Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        irqs.forEach((q, irq) -> p.put(PREFIX + q, Integer.toString(irq)));
        affinity.forEach((irq, cpus) -> p.put(AFFINITY + irq, cpus));
        deviceNodes.forEach((dev, node) -> p.put(NODE + dev, Integer.toString(node)));
        return p;
    }

    /** The mapping kept in a trace's provenance (empty if it has none). */
    public static QueueInterrupts fromProvenance(Map<String, String> provenance) {
        Map<String, Integer> irqs = new LinkedHashMap<>();
        Map<Integer, String> affinity = new LinkedHashMap<>();
        Map<String, Integer> nodes = new LinkedHashMap<>();
        provenance.forEach((k, v) -> {
            try {
                if (k.startsWith(PREFIX)) {
                    irqs.put(k.substring(PREFIX.length()), Integer.parseInt(v));
                } else if (k.startsWith(AFFINITY)) {
                    affinity.put(Integer.parseInt(k.substring(AFFINITY.length())), v);
                } else if (k.startsWith(NODE)) {
                    nodes.put(k.substring(NODE.length()), Integer.parseInt(v));
                }
            } catch (NumberFormatException e) {
                // an entry numabias did not write: ignored
            }
        });
        return new QueueInterrupts(irqs, affinity, nodes);
    }
}
