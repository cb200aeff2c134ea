package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code interleave}. */
class InterleaveContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "interleave";
    }
}
