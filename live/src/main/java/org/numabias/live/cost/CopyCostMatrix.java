package org.numabias.live.cost;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReference;
import org.numabias.live.numa.Numa;

/**
 * This machine's copy cost between nodes, measured the way Intel MLC measures its bandwidth matrix:
 * a thread bound to node {@code c} copies a buffer allocated on node {@code b} (larger than the
 * caches) into a buffer of its own node, several times; the best time counts. The result converts to
 * a distance matrix in SLIT units ({@code 10} = the consumer's local copy) that
 * {@code compare --distances} reads: {@code distance[b][c] = round(10 x nsPerByte[b][c] / nsPerByte[c][c])}.
 *
 * @param nsPerByte copy time per byte [buffer node][consumer node]
 * @param bytes     bytes copied per repetition
 * @param repeats   repetitions per cell (the best is kept)
 */
public record CopyCostMatrix(double[][] nsPerByte, long bytes, int repeats) {

    /**
     * Measures every (buffer node, consumer node) pair.
     *
     * @param bytes   buffer size; at least 1 MiB, and larger than the last-level cache for a meaningful result
     * @param repeats at least 1
     */
    public static CopyCostMatrix measure(Numa numa, long bytes, int repeats) throws InterruptedException {
        if (bytes < (1 << 20) || repeats < 1) {
            throw new IllegalArgumentException("numa-cost needs at least 1 MiB and 1 repetition, got " + bytes + " bytes, "
                    + repeats + " repetitions");
        }
        int n = numa.nodes();
        double[][] m = new double[n][n];
        for (int consumer = 0; consumer < n; consumer++) {
            for (int buffer = 0; buffer < n; buffer++) {
                m[buffer][consumer] = measureCell(numa, buffer, consumer, bytes, repeats);
            }
        }
        return new CopyCostMatrix(m, bytes, repeats);
    }

    private static double measureCell(Numa numa, int bufferNode, int consumerNode, long bytes, int repeats)
            throws InterruptedException {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                numa.bindThreadToNode(consumerNode);
                MemorySegment src = numa.allocOnNode(bytes, bufferNode);
                MemorySegment dst = numa.allocOnNode(bytes, consumerNode);
                try {
                    src.fill((byte) 1); // place the pages
                    dst.fill((byte) 0);
                    long best = Long.MAX_VALUE;
                    for (int r = 0; r < repeats; r++) {
                        long t0 = System.nanoTime();
                        MemorySegment.copy(src, 0, dst, 0, bytes);
                        best = Math.min(best, System.nanoTime() - t0);
                    }
                    if (dst.get(ValueLayout.JAVA_BYTE, bytes - 1) != 1) {
                        throw new IllegalStateException("copy check failed");
                    }
                    out.set((double) best / bytes);
                } finally {
                    numa.free(src);
                    numa.free(dst);
                }
            } catch (RuntimeException e) {
                out.set(e);
            }
        });
        t.join();
        if (out.get() instanceof RuntimeException e) {
            throw e;
        }
        return (Double) out.get();
    }

    /** Number of nodes. */
    public int nodes() {
        return nsPerByte.length;
    }

    /** Distances in SLIT units, row = buffer node, column = consumer node; the diagonal is 10. */
    public int[][] distances() {
        int n = nodes();
        int[][] d = new int[n][n];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < n; c++) {
                d[b][c] = b == c ? 10 : (int) Math.max(10, Math.round(10 * nsPerByte[b][c] / nsPerByte[c][c]));
            }
        }
        return d;
    }

    /** Bandwidth in GB/s [buffer node][consumer node]. */
    public double gbPerSecond(int buffer, int consumer) {
        return 1 / nsPerByte[buffer][consumer];
    }

    /**
     * The file {@code compare --distances} reads: '#' comment lines stating what was measured, then
     * one row per node of integer distances.
     */
    public String distanceFile(String provenance) {
        StringBuilder sb = new StringBuilder();
        sb.append("# numabias numa-cost: copy cost between NUMA nodes, SLIT units (10 = local copy)\n");
        sb.append("# row = node of the buffer, column = node of the consumer that copies it\n");
        sb.append("# measured: ").append(provenance).append(", ").append(bytes).append(" bytes, best of ").append(repeats)
                .append('\n');
        if (nodes() == 1) {
            sb.append("# this machine has one NUMA node: the matrix is 1x1 and every copy is local\n");
        }
        for (int b = 0; b < nodes(); b++) {
            sb.append("# GB/s from node ").append(b).append(':');
            for (int c = 0; c < nodes(); c++) {
                sb.append(String.format(java.util.Locale.ROOT, " %.2f", gbPerSecond(b, c)));
            }
            sb.append('\n');
        }
        int[][] d = distances();
        for (int[] row : d) {
            StringBuilder line = new StringBuilder();
            for (int v : row) {
                line.append(line.isEmpty() ? "" : " ").append(v);
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
