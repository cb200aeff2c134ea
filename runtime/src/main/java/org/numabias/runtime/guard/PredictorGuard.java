package org.numabias.runtime.guard;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConfiguredPredictor;
import org.numabias.api.ConsumptionFeedback;

/**
 * Runs one predictor so that it cannot harm its caller: {@link #predict} always returns a node in
 * {@code 0..nodes-1} and never throws, {@link #feedback} never throws.
 *
 * <ul>
 * <li><b>Faults.</b> A predict that throws (any {@link Throwable}: exceptions, checked ones thrown
 * sneakily, {@link AssertionError}s, linkage errors) or returns a node out of range falls back to the
 * producer's node ({@link AllocationContext#node()}); a feedback that throws is dropped. A call that
 * leaves its thread interrupted is a fault too (a predict's node falls back likewise), and the
 * interrupt is cleared: the replay's own waits and file writes on that thread would fail on it. Each
 * is counted; the first one's description is kept, and the replay goes on.</li>
 * <li><b>The JVM's own errors.</b> A {@link VirtualMachineError} inside a call (out of memory, a stack
 * overflow, an internal error) leaves the JVM in no state to go on: the guard throws
 * {@link PredictorExhaustedJvmError}, naming the predictor, and the run ends.</li>
 * <li><b>Time.</b> Calls are timed with {@link System#nanoTime()}: every call for the first
 * {@value #EXACT_CALLS} calls, then one call in {@value #SAMPLE_EVERY}, weighted by
 * {@value #SAMPLE_EVERY}, so the clock costs well under a nanosecond per call on average.
 * {@link Stats#nsPerCall()} is that sampled estimate of wall-clock time inside the predictor.</li>
 * <li><b>Budget.</b> A budgeted guard is over budget when its mean exceeds the budget over at least
 * {@value #EXACT_CALLS} calls; once its estimated total time exceeds {@value #DISABLE_FACTOR} x
 * budget x max(calls, {@value #EXACT_CALLS}) it is disabled: every later predict is a fault that
 * falls back to the producer's node, and feedback is no longer delivered. These two decisions use
 * each timed call clamped (to {@value #FLAG_CLAMP} x budget for the flag, 2 x {@value #DISABLE_FACTOR}
 * x budget for disabling), so that one call that happened to be timed during a pause of the machine
 * (a GC, the thread descheduled), weighted {@value #SAMPLE_EVERY} times, cannot flag or disable a
 * fast predictor; a predictor that is slow on every call still is. {@link Stats#nsPerCall()} is not
 * clamped. A reference guard ({@link #reference}) is timed but never disabled nor flagged.</li>
 * </ul>
 *
 * <p><b>Threads.</b> A guard has a single owner thread: {@link #predict}, {@link #feedback} and
 * {@link #stats} are called from it only (or, for {@code stats}, after the owner has finished, with a
 * happens-before edge such as {@link Thread#join}). The only cross-thread access is the
 * {@link PredictorWatchdog}'s read of the call counter, which the owner publishes with opaque writes
 * (plain stores on x86), so watching a guard costs its owner nothing measurable.
 */
public final class PredictorGuard {
    /** A predictor over this many times the budget (on average) is disabled. */
    public static final int DISABLE_FACTOR = 100;
    /** Calls timed one by one before sampling starts; also the fewest calls a mean is judged over. */
    public static final int EXACT_CALLS = 1000;
    /** After {@link #EXACT_CALLS}, one call in this many is timed (a power of two). */
    public static final int SAMPLE_EVERY = 64;
    /** For the over-budget flag, one timed call counts at most this many budgets. */
    public static final int FLAG_CLAMP = 10;

    private static final VarHandle ENTRIES;

    static {
        try {
            ENTRIES = MethodHandles.lookup().findVarHandle(PredictorGuard.class, "entries", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConfiguredPredictor configured;
    private final AllocationPredictor predictor;
    private final int nodes;
    private final long budgetNs;
    /** Made up front: throwing it must not allocate while the heap may be full. */
    private final PredictorExhaustedJvmError exhausted;

    private long calls;
    private long timedNanos;
    private long timedWeight;
    private long flagNanos;
    private long disableNanos;
    private long faults;
    private String firstFault;
    private boolean disabled;
    /** The call running or last run: {@code predict} or {@code onConsumption}. */
    private String call = "predict";
    /** Incremented on entry to and on exit from every predictor call: odd while inside one. */
    @SuppressWarnings("unused") // accessed through ENTRIES
    private long entries;

    private PredictorGuard(ConfiguredPredictor configured, int nodes, long budgetNs) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a predictor guard needs at least 1 node, got " + nodes);
        }
        this.configured = configured;
        this.predictor = configured.predictor();
        this.nodes = nodes;
        this.budgetNs = budgetNs;
        this.exhausted = new PredictorExhaustedJvmError(configured.label());
    }

    /**
     * A guard for a predictor under evaluation, flagged over {@code budgetNs} per call and disabled
     * far over it.
     *
     * @throws IllegalArgumentException if {@code budgetNs <= 0} (a usage error)
     */
    public static PredictorGuard budgeted(ConfiguredPredictor configured, int nodes, long budgetNs) {
        if (budgetNs <= 0) {
            throw new IllegalArgumentException("the time budget per predictor call must be a positive number of ns, got "
                    + budgetNs);
        }
        return new PredictorGuard(configured, nodes, budgetNs);
    }

    /** A guard for a reference predictor (oracle, producer-local, ...): fault isolation and timing, never disabled. */
    public static PredictorGuard reference(ConfiguredPredictor configured, int nodes) {
        return new PredictorGuard(configured, nodes, 0);
    }

    /** The predictor this guard runs, with its label, parameters and origin. */
    public ConfiguredPredictor configured() {
        return configured;
    }

    /**
     * The node to allocate on for {@code ctx}: the predictor's answer, or the producer's node on a fault.
     *
     * @throws PredictorExhaustedJvmError if the predictor's call ended in a {@link VirtualMachineError}
     */
    public int predict(AllocationContext ctx) {
        if (disabled) {
            return fault(ctx.node(), "disabled: over " + DISABLE_FACTOR + "x the time budget");
        }
        long n = calls++;
        if (n < EXACT_CALLS || (n & (SAMPLE_EVERY - 1)) == 0) {
            long start = System.nanoTime();
            int node = callPredict(ctx);
            account(System.nanoTime() - start, n < EXACT_CALLS ? 1 : SAMPLE_EVERY);
            return node;
        }
        return callPredict(ctx);
    }

    /**
     * Delivers {@code fb} to the predictor (dropped if it is disabled; a throw is counted).
     *
     * @throws PredictorExhaustedJvmError if the predictor's call ended in a {@link VirtualMachineError}
     */
    public void feedback(ConsumptionFeedback fb) {
        if (disabled) {
            return;
        }
        long n = calls++;
        if (n < EXACT_CALLS || (n & (SAMPLE_EVERY - 1)) == 0) {
            long start = System.nanoTime();
            callFeedback(fb);
            account(System.nanoTime() - start, n < EXACT_CALLS ? 1 : SAMPLE_EVERY);
        } else {
            callFeedback(fb);
        }
    }

    private int callPredict(AllocationContext ctx) {
        call = "predict";
        enter();
        int node;
        try {
            node = predictor.predict(ctx);
        } catch (VirtualMachineError e) {
            leave();
            throw exhausted.during("predict", e);
        } catch (Throwable e) {
            leave();
            Thread.interrupted(); // contained with the throw
            return fault(ctx.node(), "predict threw " + e);
        }
        leave();
        if (Thread.interrupted()) {
            return fault(ctx.node(), "predict interrupted its thread (the interrupt was cleared)");
        }
        if (node < 0 || node >= nodes) {
            return fault(ctx.node(), "returned node " + node + ", outside 0.." + (nodes - 1));
        }
        return node;
    }

    private void callFeedback(ConsumptionFeedback fb) {
        call = "onConsumption";
        enter();
        try {
            predictor.onConsumption(fb);
        } catch (VirtualMachineError e) {
            throw exhausted.during("onConsumption", e);
        } catch (Throwable e) {
            Thread.interrupted(); // contained with the throw
            fault(0, "onConsumption threw " + e);
            return;
        } finally {
            leave();
        }
        if (Thread.interrupted()) {
            fault(0, "onConsumption interrupted its thread (the interrupt was cleared)");
        }
    }

    private void enter() {
        ENTRIES.setOpaque(this, (long) ENTRIES.getOpaque(this) + 1);
    }

    private void leave() {
        ENTRIES.setOpaque(this, (long) ENTRIES.getOpaque(this) + 1);
    }

    /**
     * This guard's {@link PredictorExhaustedJvmError} for {@code error} if the predictor's call had not
     * returned when {@code error} was thrown, else null: an {@link OutOfMemoryError} may leave the call
     * before the guard's own handler runs (the JIT may need heap to run it). Allocates nothing; call it
     * on the thread that runs this guard.
     */
    public PredictorExhaustedJvmError exhaustedInCall(VirtualMachineError error) {
        return (entries() & 1) == 1 ? exhausted.during(call, error) : null;
    }

    /** The entry counter, read by the watchdog from another thread: odd while a call is running. */
    long entries() {
        return (long) ENTRIES.getOpaque(this);
    }

    private void account(long elapsed, int weight) {
        timedNanos += elapsed * weight;
        timedWeight += weight;
        if (budgetNs <= 0) {
            return;
        }
        flagNanos += Math.min(elapsed, FLAG_CLAMP * budgetNs) * weight;
        disableNanos += Math.min(elapsed, 2L * DISABLE_FACTOR * budgetNs) * weight;
        // the estimated total time against DISABLE_FACTOR x budget x max(calls, EXACT_CALLS): a very slow
        // predictor costs the caller at most about twice that much before it is switched off
        if ((double) disableNanos / timedWeight * calls > (double) Math.max(calls, EXACT_CALLS) * budgetNs * DISABLE_FACTOR) {
            disabled = true;
            if (firstFault == null) {
                firstFault = "disabled after " + calls + " calls: " + (long) nsPerCall() + " ns per call, over "
                        + DISABLE_FACTOR + "x the budget of " + budgetNs + " ns";
            }
        }
    }

    private double nsPerCall() {
        return timedWeight == 0 ? 0 : (double) timedNanos / timedWeight;
    }

    private int fault(int fallback, String why) {
        faults++;
        if (firstFault == null) {
            firstFault = why;
        }
        return fallback;
    }

    /** Whether the predictor has been switched off for time. */
    public boolean disabled() {
        return disabled;
    }

    /** The guard's counts so far, plus the predictor's own state-size estimate (-1 if it gives none or fails). */
    public Stats stats() {
        long stateBytes;
        call = "stateSizeBytes";
        enter(); // a watchdog still watching sees this call stall like any other
        try {
            stateBytes = predictor.stateSizeBytes();
        } catch (VirtualMachineError e) {
            throw exhausted.during("stateSizeBytes", e);
        } catch (Throwable e) {
            stateBytes = -1;
        } finally {
            leave();
        }
        boolean over = budgetNs > 0 && (disabled || (calls >= EXACT_CALLS && (double) flagNanos / timedWeight > budgetNs));
        return new Stats(calls, timedWeight, nsPerCall(), faults, firstFault, disabled, over, budgetNs, stateBytes);
    }

    /**
     * A guard's counts.
     *
     * @param calls       predictor calls made (predict and feedback; not those refused while disabled)
     * @param timedWeight calls the time estimate stands for (timed calls, weighted)
     * @param nsPerCall   sampled mean wall-clock ns inside the predictor per call (0 before any call)
     * @param faults      faults counted (throws, out-of-range nodes, predicts refused while disabled)
     * @param firstFault  the first fault's description, or null
     * @param disabled    switched off for time
     * @param overBudget  disabled, or over the budget on average (timed calls clamped at {@link #FLAG_CLAMP}
     *                    budgets) over at least {@link #EXACT_CALLS} calls; never for a reference guard
     * @param budgetNs    the budget per call, 0 for a reference guard
     * @param stateBytes  the predictor's estimate of its state, -1 if none
     */
    public record Stats(long calls, long timedWeight, double nsPerCall, long faults, String firstFault,
                        boolean disabled, boolean overBudget, long budgetNs, long stateBytes) {
    }
}
