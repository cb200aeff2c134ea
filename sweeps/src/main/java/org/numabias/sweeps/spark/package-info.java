/** Running a sweep on Apache Spark: the engine (local mode or a cluster) and the spark-submit entry point. */
package org.numabias.sweeps.spark;
