package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent tasks (one replay per trace: {@code compare} and {@code demo} over several traces) on up to {@code threads} threads and returns their
 * results in task order, so that output is the same whatever the thread count. A failure is the one
 * the same tasks on one thread would give: the first failing task in order (its exception rethrown as
 * it was; the tasks after it are cancelled). One thread runs the tasks in order on the caller's thread.
 */
public final class OrderedParallel {
    private OrderedParallel() {
    }

    /** The default thread count: one per core the JVM may use. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The results of {@code tasks}, in order.
     *
     * @throws Exception the first failing task's exception (in task order)
     */
    public static <T> List<T> map(List<Callable<T>> tasks, int threads) throws Exception {
        List<T> results = new ArrayList<>(tasks.size());
        if (threads <= 1 || tasks.size() <= 1) {
            for (Callable<T> task : tasks) {
                results.add(task.call());
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()),
                Thread.ofPlatform().daemon().name("numabias-replay-", 0).factory());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    futures.forEach(other -> other.cancel(true));
                    if (e.getCause() instanceof Exception x) {
                        throw x;
                    }
                    throw (Error) e.getCause();
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
