/** JMH benchmarks of the tribuo predictor's scoring (test sources, so the CLI never carries JMH). */
package org.numabias.tribuo.bench;
