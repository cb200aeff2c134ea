/**
 * What the running system says about its network devices at record time (receive queues and their
 * interrupts, interrupt affinities, devices' NUMA nodes), kept in a trace's provenance so that advice
 * can name the interrupt to move.
 */
package org.numabias.kernel.system;
