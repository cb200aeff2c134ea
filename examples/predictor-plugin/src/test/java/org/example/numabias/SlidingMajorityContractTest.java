package org.example.numabias;

import org.numabias.runtime.contract.PredictorContract;

/** numabias's contract suite (property-based), run against this plugin: the whole of it is this. */
class SlidingMajorityContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "sliding-majority:window=8";
    }
}
