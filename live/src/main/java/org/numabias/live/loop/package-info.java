/**
 * The live loop: producers receive datagrams into pool buffers on the node a guarded predictor
 * chooses, consumers copy them out on their own node and send feedback back, a recorder writes the
 * trace, a generator drives loopback traffic.
 */
package org.numabias.live.loop;
