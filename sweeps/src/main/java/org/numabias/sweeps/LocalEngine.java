package org.numabias.sweeps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedded engine: runs tasks in this process on a fixed pool of worker threads (by default one
 * per core), one task (a trace, or a device part of one) per thread at a time, in trace order.
 */
public final class LocalEngine implements Sweep.Engine {
    private final int threads;

    /** An engine with {@code threads} worker threads. */
    public LocalEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void run(List<List<SweepTask>> traces, Sweep.TraceDone done) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (List<SweepTask> tasks : traces) {
                List<CellRecord> records = Collections.synchronizedList(new ArrayList<>());
                double[] seconds = new double[1];
                CompletableFuture<?>[] parts = tasks.stream().map(task -> CompletableFuture.runAsync(() -> {
                    long t0 = System.nanoTime();
                    records.addAll(TaskRunner.run(task, name()));
                    synchronized (seconds) {
                        seconds[0] += (System.nanoTime() - t0) / 1e9;
                    }
                }, pool)).toArray(CompletableFuture[]::new);
                all.add(CompletableFuture.allOf(parts).handle((ok, failure) -> {
                    done.accept(tasks, failure == null ? List.copyOf(records) : null, failure, seconds[0]);
                    return null;
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
    }
}
