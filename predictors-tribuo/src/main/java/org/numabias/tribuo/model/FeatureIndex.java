package org.numabias.tribuo.model;

import java.util.Arrays;
import org.numabias.api.ConfigurationException;
import org.numabias.tribuo.features.FeatureSet;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;

/**
 * Maps an allocation's feature values (one per group of a {@link FeatureSet}) to the model's feature
 * ids, through one small array per group indexed by {@code value + 1}: no strings, no hashing, no
 * allocation. A value the model never saw has no id (-1), as Tribuo drops unknown feature names.
 */
final class FeatureIndex {
    /** Bound on a feature value in a model file (device, queue and bucket ids are small). */
    private static final int MAX_VALUE = 1 << 20;

    private final int[][] idByValue; // [group][value + 1]
    private final int[] groupOfId;
    private final int featureCount;

    FeatureIndex(FeatureSet features, ImmutableFeatureMap map) {
        int groups = features.groups();
        int[] maxValue = new int[groups];
        Arrays.fill(maxValue, -1);
        featureCount = map.size();
        groupOfId = new int[featureCount];
        for (VariableInfo info : map) {
            int g = group(features, info.getName());
            int v = FeatureSet.valueOf(info.getName());
            if (v < -1 || v > MAX_VALUE) {
                throw new ConfigurationException("model feature '" + info.getName() + "' has a value outside -1.." + MAX_VALUE);
            }
            maxValue[g] = Math.max(maxValue[g], v);
        }
        idByValue = new int[groups][];
        for (int g = 0; g < groups; g++) {
            idByValue[g] = new int[maxValue[g] + 2];
            Arrays.fill(idByValue[g], -1);
        }
        for (VariableInfo info : map) {
            int id = ((VariableIDInfo) info).getID();
            int g = group(features, info.getName());
            idByValue[g][FeatureSet.valueOf(info.getName()) + 1] = id;
            groupOfId[id] = g;
        }
    }

    private static int group(FeatureSet features, String name) {
        int g = features.groupOf(name);
        if (g < 0) {
            throw new ConfigurationException("model feature '" + name + "' is not a feature of feature set version "
                    + FeatureSet.VERSION + " with history " + features.history());
        }
        return g;
    }

    /**
     * Writes the feature id of each group's value into {@code ids} (-1 where the model has none).
     *
     * @return how many groups have an id
     */
    int lookup(int[] values, int[] ids) {
        int known = 0;
        for (int g = 0; g < idByValue.length; g++) {
            int[] table = idByValue[g];
            int i = values[g] + 1;
            int id = i >= 0 && i < table.length ? table[i] : -1;
            ids[g] = id;
            if (id >= 0) {
                known++;
            }
        }
        return known;
    }

    /**
     * The groups ordered by their smallest feature id (groups without features last). Tribuo numbers
     * features in name order, so each group's ids form a range and, visited in this order, the active
     * ids come out ascending.
     */
    int[] groupsByFirstId() {
        int groups = idByValue.length;
        int[] first = new int[groups];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int id = 0; id < featureCount; id++) {
            first[groupOfId[id]] = Math.min(first[groupOfId[id]], id);
        }
        return java.util.stream.IntStream.range(0, groups).boxed()
                .sorted(java.util.Comparator.comparingInt(g -> first[g])).mapToInt(Integer::intValue).toArray();
    }

    /** The group a feature id belongs to. */
    int groupOf(int featureId) {
        return groupOfId[featureId];
    }

    /** Number of features in the model. */
    int featureCount() {
        return featureCount;
    }

    /** Number of groups. */
    int groups() {
        return idByValue.length;
    }

    long sizeBytes() {
        long bytes = 4L * groupOfId.length;
        for (int[] t : idByValue) {
            bytes += 16 + 4L * t.length;
        }
        return bytes;
    }
}
