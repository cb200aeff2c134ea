package org.numabias.tribuo.model;

import java.util.ArrayList;
import java.util.List;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;

/**
 * A decision tree (Tribuo {@code TreeModel}) flattened into arrays: split node {@code i} tests
 * feature {@code feature[i]} (1 when active, else 0, as Tribuo's sparse example reads it) against
 * {@code threshold[i]} and goes to {@code greater[i]} if above, else {@code lessOrEqual[i]}; a child
 * {@code c < 0} is the leaf with output id {@code -c - 1}.
 */
final class TreeScorer extends CompiledModel {
    private final int[] feature;
    private final double[] threshold;
    private final int[] greater;
    private final int[] lessOrEqual;
    private final int rootLeaf; // output id when the root itself is a leaf, else -1

    TreeScorer(FeatureIndex index, int[] nodeOfLabel, Node<Label> root, ImmutableOutputInfo<Label> outputs) {
        super(index, nodeOfLabel);
        List<SplitNode<Label>> splits = new ArrayList<>();
        collect(root, splits);
        int n = splits.size();
        feature = new int[n];
        threshold = new double[n];
        greater = new int[n];
        lessOrEqual = new int[n];
        java.util.IdentityHashMap<Node<Label>, Integer> position = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            position.put(splits.get(i), i);
        }
        for (int i = 0; i < n; i++) {
            SplitNode<Label> s = splits.get(i);
            feature[i] = s.getFeatureID();
            threshold[i] = s.splitValue();
            greater[i] = child(s.getGreaterThan(), position, outputs);
            lessOrEqual[i] = child(s.getLessThanOrEqual(), position, outputs);
        }
        rootLeaf = root instanceof LeafNode<Label> leaf ? outputs.getID(leaf.getOutput()) : -1;
    }

    /** Split nodes in depth-first order, the root first (explicit stack: trees may be deep). */
    private static void collect(Node<Label> root, List<SplitNode<Label>> out) {
        java.util.ArrayDeque<Node<Label>> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            if (stack.pop() instanceof SplitNode<Label> s) {
                out.add(s);
                stack.push(s.getLessThanOrEqual());
                stack.push(s.getGreaterThan());
            }
        }
    }

    private static int child(Node<Label> node, java.util.Map<Node<Label>, Integer> position,
                             ImmutableOutputInfo<Label> outputs) {
        if (node instanceof LeafNode<Label> leaf) {
            return -outputs.getID(leaf.getOutput()) - 1;
        }
        return position.get(node);
    }

    @Override
    int score(int[] featureIds) {
        if (rootLeaf >= 0) {
            return rootLeaf;
        }
        int i = 0;
        while (true) {
            int f = feature[i];
            double value = featureIds[index.groupOf(f)] == f ? 1.0 : 0.0;
            int next = value > threshold[i] ? greater[i] : lessOrEqual[i];
            if (next < 0) {
                return -next - 1;
            }
            i = next;
        }
    }

    @Override
    public long sizeBytes() {
        return (4L + 8 + 4 + 4) * feature.length + index.sizeBytes();
    }

    @Override
    public String describe() {
        return "tree (" + feature.length + " splits over " + index.featureCount() + " features)";
    }
}
