package org.numabias.live.numa;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The machine's NUMA layer, called through {@code java.lang.foreign} on {@code libnuma.so.1} (and
 * {@code sched_getcpu}/{@code sched_setaffinity} from libc): node count, CPU-to-node map (read once
 * and cached: {@code numa_node_of_cpu} costs about a microsecond), the current CPU, allocation on a
 * node, freeing, binding the calling thread to a node or a CPU, and the node a page really lives on
 * ({@code move_pages}).
 *
 * <p>Node and CPU ids are checked here before libnuma sees them: {@code numa_alloc_onnode} on a node
 * that does not exist prints {@code mbind: Invalid argument} on stderr and silently returns memory
 * on node 0, so a bad id is refused with {@link IllegalArgumentException} and libnuma never gets
 * the chance to print. Thread-safe: every method may be called from any thread.
 */
@SuppressWarnings("restricted") // this class is the one place that calls native code
public final class Numa {
    /** The library this class binds to. */
    public static final String LIBRARY = "libnuma.so.1";

    private static final Linker LINKER = Linker.nativeLinker();
    private static final int CPU_SET_BYTES = 128; // glibc's cpu_set_t: 1024 CPUs

    private final MethodHandle allocOnNode;
    private final MethodHandle free;
    private final MethodHandle movePages;
    private final MethodHandle runOnNode;
    private final MethodHandle setPreferred;
    private final MethodHandle schedGetCpu;
    private final MethodHandle schedSetAffinity;
    private final int nodes;
    private final int[] cpuToNode;
    private final boolean[] nodeHasMemory;
    private final int pageSize;

    private Numa(SymbolLookup numa) throws Throwable {
        SymbolLookup libc = LINKER.defaultLookup();
        MethodHandle available = handle(numa, "numa_available", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        if ((int) available.invokeExact() < 0) {
            throw new NumaUnavailableException("numa_available() < 0: the kernel has no NUMA support here");
        }
        MethodHandle maxNode = handle(numa, "numa_max_node", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        MethodHandle configuredCpus = handle(numa, "numa_num_configured_cpus", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        MethodHandle nodeOfCpu = handle(numa, "numa_node_of_cpu",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        MethodHandle nodeSize = handle(numa, "numa_node_size64",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        MethodHandle pagesize = handle(numa, "numa_pagesize", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        allocOnNode = handle(numa, "numa_alloc_onnode",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        free = handle(numa, "numa_free", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        movePages = handle(numa, "move_pages", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT));
        runOnNode = handle(numa, "numa_run_on_node", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        setPreferred = handle(numa, "numa_set_preferred", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
        schedGetCpu = handle(libc, "sched_getcpu", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        schedSetAffinity = handle(libc, "sched_setaffinity", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        nodes = (int) maxNode.invokeExact() + 1;
        int cpus = (int) configuredCpus.invokeExact();
        cpuToNode = new int[Math.max(cpus, 0)];
        for (int cpu = 0; cpu < cpuToNode.length; cpu++) {
            cpuToNode[cpu] = (int) nodeOfCpu.invokeExact(cpu);
        }
        nodeHasMemory = new boolean[nodes];
        for (int n = 0; n < nodes; n++) {
            nodeHasMemory[n] = (long) nodeSize.invokeExact(n, MemorySegment.NULL) > 0;
        }
        pageSize = (int) pagesize.invokeExact();
    }

    /**
     * Binds to libnuma, or says why it cannot.
     *
     * @return the NUMA layer, or empty with the reason in {@code why[0]} when libnuma is missing or
     *         {@code numa_available()} fails
     */
    public static Optional<Numa> load(String[] why) {
        try {
            return Optional.of(new Numa(SymbolLookup.libraryLookup(LIBRARY, Arena.global())));
        } catch (IllegalArgumentException e) {
            why[0] = LIBRARY + " not found (install libnuma1): " + e.getMessage();
        } catch (NumaUnavailableException e) {
            why[0] = e.getMessage();
        } catch (Throwable e) {
            why[0] = "cannot bind " + LIBRARY + ": " + e;
        }
        return Optional.empty();
    }

    /** Binds to libnuma or throws {@link NumaUnavailableException} with the reason. */
    public static Numa require() {
        String[] why = new String[1];
        return load(why).orElseThrow(() -> new NumaUnavailableException(why[0]));
    }

    private static MethodHandle handle(SymbolLookup lookup, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new NumaUnavailableException("symbol " + name + " not found"));
        return LINKER.downcallHandle(symbol, fd);
    }

    /** Number of nodes ({@code numa_max_node() + 1}). */
    public int nodes() {
        return nodes;
    }

    /** Number of configured CPUs. */
    public int cpus() {
        return cpuToNode.length;
    }

    /** Node of {@code cpu} from the cached map, or -1 for an unknown CPU. */
    public int nodeOfCpu(int cpu) {
        return cpu >= 0 && cpu < cpuToNode.length ? cpuToNode[cpu] : -1;
    }

    /** The CPU-to-node map (a copy). */
    public int[] cpuToNode() {
        return cpuToNode.clone();
    }

    /** The page size libnuma allocates in. */
    public int pageSize() {
        return pageSize;
    }

    /** Whether {@code node} exists and has memory (a valid target for {@link #allocOnNode}). */
    public boolean isMemoryNode(int node) {
        return node >= 0 && node < nodes && nodeHasMemory[node];
    }

    /** The CPU the calling thread runs on now ({@code sched_getcpu}). */
    public int currentCpu() {
        try {
            return (int) schedGetCpu.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("sched_getcpu failed", t);
        }
    }

    /**
     * Allocates {@code bytes} (rounded up to pages by libnuma) bound to {@code node}; the memory is
     * zero and not yet touched. Free it with {@link #free}.
     *
     * @throws IllegalArgumentException for a node that does not exist or has no memory (libnuma is not called)
     * @throws OutOfMemoryError         when libnuma returns NULL
     */
    public MemorySegment allocOnNode(long bytes, int node) {
        requireMemoryNode(node);
        if (bytes <= 0) {
            throw new IllegalArgumentException("allocation size must be positive, got " + bytes);
        }
        MemorySegment p;
        try {
            p = (MemorySegment) allocOnNode.invokeExact(bytes, node);
        } catch (Throwable t) {
            throw new IllegalStateException("numa_alloc_onnode failed", t);
        }
        if (p.address() == 0) {
            throw new OutOfMemoryError("numa_alloc_onnode(" + bytes + ", " + node + ") returned NULL");
        }
        return p.reinterpret(bytes);
    }

    /** Frees a segment returned by {@link #allocOnNode} (its whole size). */
    public void free(MemorySegment segment) {
        try {
            free.invokeExact(segment, segment.byteSize());
        } catch (Throwable t) {
            throw new IllegalStateException("numa_free failed", t);
        }
    }

    /**
     * The node the page holding {@code address} lives on ({@code move_pages} with no target nodes), or
     * a negative errno (e.g. {@code -ENOENT} = -2 for a page not yet touched).
     */
    public int nodeOfPage(MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pages = arena.allocate(ValueLayout.ADDRESS);
            pages.set(ValueLayout.ADDRESS, 0, MemorySegment.ofAddress(address.address() & -(long) pageSize));
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            long rc = (long) movePages.invokeExact(0, 1L, pages, MemorySegment.NULL, status, 0);
            if (rc < 0) {
                throw new IllegalStateException("move_pages failed: " + rc);
            }
            return status.get(ValueLayout.JAVA_INT, 0);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("move_pages failed", t);
        }
    }

    /**
     * Binds the calling thread to the CPUs of {@code node} and prefers that node for its own
     * allocations ({@code numa_run_on_node}, {@code numa_set_preferred}).
     *
     * @throws IllegalArgumentException for a node that does not exist (libnuma is not called)
     */
    public void bindThreadToNode(int node) {
        requireNode(node);
        int rc;
        try {
            rc = (int) runOnNode.invokeExact(node);
            if (nodeHasMemory[node]) {
                setPreferred.invokeExact(node);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("numa_run_on_node failed", t);
        }
        if (rc != 0) {
            throw new IllegalStateException("numa_run_on_node(" + node + ") failed (node has no CPUs this process may use?)");
        }
    }

    /**
     * Binds the calling thread to one CPU ({@code sched_setaffinity}).
     *
     * @throws IllegalArgumentException for a CPU that does not exist
     */
    public void bindThreadToCpu(int cpu) {
        if (cpu < 0 || cpu >= cpuToNode.length || cpu >= CPU_SET_BYTES * 8) {
            throw new IllegalArgumentException("cpu " + cpu + " does not exist (this machine has cpus 0.."
                    + (cpuToNode.length - 1) + ")");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(CPU_SET_BYTES);
            mask.set(ValueLayout.JAVA_BYTE, cpu / 8, (byte) (1 << (cpu % 8)));
            int rc = (int) schedSetAffinity.invokeExact(0, (long) CPU_SET_BYTES, mask);
            if (rc != 0) {
                throw new IllegalStateException("sched_setaffinity(cpu " + cpu + ") failed");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sched_setaffinity failed", t);
        }
    }

    private void requireNode(int node) {
        if (node < 0 || node >= nodes) {
            throw new IllegalArgumentException("node " + node + " does not exist (this machine has "
                    + (nodes == 1 ? "node 0 only" : "nodes 0.." + (nodes - 1)) + ")");
        }
    }

    private void requireMemoryNode(int node) {
        requireNode(node);
        if (!nodeHasMemory[node]) {
            throw new IllegalArgumentException("node " + node + " has no memory");
        }
    }

    /** One line for outputs: node count and CPU map. */
    public String describe() {
        StringBuilder sb = new StringBuilder(nodes + " NUMA node" + (nodes == 1 ? "" : "s") + " (libnuma), cpus:");
        for (int cpu = 0; cpu < cpuToNode.length; cpu++) {
            sb.append(' ').append(cpu).append("->").append(cpuToNode[cpu]);
        }
        return sb.toString();
    }
}
