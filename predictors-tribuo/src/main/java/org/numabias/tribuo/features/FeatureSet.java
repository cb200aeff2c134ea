package org.numabias.tribuo.features;

import org.numabias.api.ConfigurationException;
import org.numabias.api.KeyMode;

/**
 * The features of one allocation, version {@value #VERSION}: what the classifier may know when a
 * buffer is allocated. Every feature is categorical (one-hot in the model, named {@code group=value}):
 *
 * <ol>
 *   <li>{@code device}: the device id;</li>
 *   <li>{@code queue}: the receive queue (-1 unknown);</li>
 *   <li>{@code flow}: the flow hash modulo {@value #FLOW_BUCKETS} (-1 unknown);</li>
 *   <li>{@code producer}: the producer's node;</li>
 *   <li>{@code size}: the bit length of the buffer's bytes (so bucket b holds sizes in
 *       [2^(b-1), 2^b); -1 unknown);</li>
 *   <li>{@code last1} .. {@code lastK}: the key's last K consumer nodes as delivered by feedback,
 *       most recent first (-1: fewer than i consumptions seen);</li>
 *   <li>{@code since}: the bit length of the nanoseconds since the key's last consumption
 *       (-1: no consumption of the key yet).</li>
 * </ol>
 *
 * The key of the history ({@link KeyMode}) and K are part of the feature set and stored with a
 * trained model, as is {@link #VERSION}: a model is only used with the feature set it was trained on.
 *
 * @param key     what the history is kept per
 * @param history K, the number of last consumer nodes
 */
public record FeatureSet(KeyMode key, int history) {
    /** The feature-set version stored in every model; bump it whenever a definition above changes. */
    public static final int VERSION = 1;
    /** Flow hashes are reduced to this many buckets. */
    public static final int FLOW_BUCKETS = 64;
    /** The largest history a model may use. */
    public static final int MAX_HISTORY = 16;

    static final int DEVICE = 0;
    static final int QUEUE = 1;
    static final int FLOW = 2;
    static final int PRODUCER = 3;
    static final int SIZE = 4;
    static final int FIRST_LAST = 5;

    public FeatureSet {
        if (key == null) {
            throw new ConfigurationException("feature set: key must be device|queue|flow");
        }
        if (history < 0 || history > MAX_HISTORY) {
            throw new ConfigurationException("feature set: history must be in 0.." + MAX_HISTORY + ", got " + history);
        }
    }

    /** Number of feature groups (each allocation has exactly one value per group). */
    public int groups() {
        return FIRST_LAST + history + 1;
    }

    /** The name of group {@code g}: device, queue, flow, producer, size, last1..lastK, since. */
    public String groupName(int g) {
        return switch (g) {
            case DEVICE -> "device";
            case QUEUE -> "queue";
            case FLOW -> "flow";
            case PRODUCER -> "producer";
            case SIZE -> "size";
            default -> {
                if (g < 0 || g >= groups()) {
                    throw new IllegalArgumentException("no feature group " + g);
                }
                yield g == groups() - 1 ? "since" : "last" + (g - FIRST_LAST + 1);
            }
        };
    }

    /** The feature name of value {@code value} in group {@code g}, e.g. {@code size=11}. */
    public String featureName(int g, int value) {
        return groupName(g) + "=" + value;
    }

    /** The group of a feature name of this set, or -1 if it is not one. */
    public int groupOf(String featureName) {
        int eq = featureName.indexOf('=');
        if (eq < 0) {
            return -1;
        }
        String group = featureName.substring(0, eq);
        for (int g = 0; g < groups(); g++) {
            if (groupName(g).equals(group)) {
                return g;
            }
        }
        return -1;
    }

    /** The value of a feature name of this set; throws if it is not {@code group=integer}. */
    public static int valueOf(String featureName) {
        try {
            return Integer.parseInt(featureName.substring(featureName.indexOf('=') + 1));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("feature '" + featureName + "' is not group=integer");
        }
    }

    /** Flow bucket of a flow hash: {@code flow mod FLOW_BUCKETS}, or -1 for an unknown (negative) flow. */
    public static int flowBucket(long flow) {
        return flow < 0 ? -1 : (int) (flow % FLOW_BUCKETS);
    }

    /** Bit length of a non-negative quantity (0 for 0), or -1 when it is unknown (negative). */
    public static int bitLength(long v) {
        return v < 0 ? -1 : 64 - Long.numberOfLeadingZeros(v);
    }
}
