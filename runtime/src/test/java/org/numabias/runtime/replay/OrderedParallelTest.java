package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Results in task order whatever finishes first; the first failure in order is the one reported. */
class OrderedParallelTest {
    @Test
    void resultsComeInTaskOrderEvenWhenLaterTasksFinishFirst() throws Exception {
        CountDownLatch lastDone = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        tasks.add(() -> {
            // the first task waits (bounded) for the last one: they must run at the same time, the last finishing first
            assertEquals(true, lastDone.await(30, TimeUnit.SECONDS));
            return "first";
        });
        tasks.add(() -> "second");
        tasks.add(() -> {
            lastDone.countDown();
            return "third";
        });
        assertEquals(List.of("first", "second", "third"), OrderedParallel.map(tasks, 3));
        assertEquals(List.of("second", "third"), OrderedParallel.map(tasks.subList(1, 3), 1));
    }

    @Test
    void theFirstFailingTaskInOrderIsThrown() {
        IllegalStateException first = new IllegalStateException("first");
        CountDownLatch secondFailed = new CountDownLatch(1);
        List<Callable<Integer>> tasks = List.of(() -> 0, () -> {
            // fails only after the later task failed: order, not time, decides which failure is reported
            assertEquals(true, secondFailed.await(30, TimeUnit.SECONDS));
            throw first;
        }, () -> {
            secondFailed.countDown();
            throw new IllegalArgumentException("later");
        });
        assertSame(first, assertThrows(IllegalStateException.class, () -> OrderedParallel.map(tasks, 3)));
    }
}
