/**
 * Where topologies come from: this machine's sysfs, a projection ({@code cpu-as-node},
 * {@code cpus-per-node=K}) or a topology file ({@link org.numabias.runtime.topology.TopologySources}),
 * and the CPU-to-node map an importer uses; distance matrix files
 * ({@link org.numabias.runtime.topology.DistanceFile}). For the CLI, the live runtime, notebooks and sweeps.
 */
package org.numabias.runtime.topology;
