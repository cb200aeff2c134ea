package org.numabias.runtime.guard;

/**
 * A predictor's call ended in a {@link VirtualMachineError} (out of memory, a stack overflow, an
 * internal JVM error): the JVM itself may be in no state to go on, so the run stops here, naming the
 * predictor. Thrown by {@link PredictorGuard} instead of counting a fault; an {@link Error}, so that
 * no {@code catch (RuntimeException)} on the way up swallows it. The CLI prints its message and
 * exits non-zero, without a stack trace.
 *
 * <p>Each guard makes its instance up front (no stack trace, the message built only when asked
 * for), so that throwing it allocates nothing while the heap may still be full.
 */
public final class PredictorExhaustedJvmError extends Error {
    private static final long serialVersionUID = 1L;

    /** The predictor's label. */
    private final String predictor;
    /** The call that failed: {@code predict} or {@code onConsumption}; null until thrown. */
    private String call;
    /** What the JVM threw inside that call; null until thrown. */
    private VirtualMachineError error;

    PredictorExhaustedJvmError(String predictor) {
        super(null, null, false, false);
        HeapReserve.hold();
        this.predictor = predictor;
    }

    /** Records what happened and returns this error, ready to throw. */
    PredictorExhaustedJvmError during(String what, VirtualMachineError error) {
        HeapReserve.release(); // room to stop and report
        this.call = what;
        this.error = error;
        return this;
    }

    /** The label of the predictor that exhausted the JVM. */
    public String predictor() {
        return predictor;
    }

    /** The {@link VirtualMachineError} the predictor's call ended in. */
    @Override
    public synchronized VirtualMachineError getCause() {
        return error;
    }

    @Override
    public String getMessage() {
        return "predictor '" + predictor + "' exhausted the JVM in " + call + ": " + getCause()
                + "; the run stopped (fix or leave out that predictor, or give the JVM more memory with "
                + "NUMABIAS_JAVA_OPTS=-Xmx...)";
    }
}
