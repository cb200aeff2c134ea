package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code interleave:key=flow}. */
class InterleaveKeyFlowContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "interleave:key=flow";
    }
}
