package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code two-stage}. */
class TwoStageContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "two-stage";
    }
}
