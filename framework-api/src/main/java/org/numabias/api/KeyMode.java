package org.numabias.api;

/**
 * What a keyed predictor keeps its state per (DESIGN.md, parameter {@code key}): the device (as in
 * the RFC), the (device, queue) pair, or the (device, flow) pair.
 */
public enum KeyMode {
    DEVICE, QUEUE, FLOW;

    /** The second half of the key; the first half is always the device. */
    public long secondary(int queue, long flow) {
        return switch (this) {
            case DEVICE -> 0;
            case QUEUE -> queue;
            case FLOW -> flow;
        };
    }

    /** Parses {@code device}, {@code queue} or {@code flow}. */
    public static KeyMode parse(String text) {
        return switch (text) {
            case "device" -> DEVICE;
            case "queue" -> QUEUE;
            case "flow" -> FLOW;
            default -> throw new ConfigurationException("key must be device|queue|flow, got '" + text + "'");
        };
    }
}
