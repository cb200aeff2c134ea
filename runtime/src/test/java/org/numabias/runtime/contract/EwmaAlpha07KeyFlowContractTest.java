package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code ewma:alpha=0.7,key=flow}. */
class EwmaAlpha07KeyFlowContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "ewma:alpha=0.7,key=flow";
    }
}
