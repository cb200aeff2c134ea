package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code two-stage:key=flow}. */
class TwoStageKeyFlowContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "two-stage:key=flow";
    }
}
