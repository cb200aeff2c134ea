/**
 * The live loop: a bounded number of producer threads per node poll many devices' sockets (NAPI
 * style) and place each datagram in a pool buffer on the node a guarded per-device predictor
 * chooses, consumers copy them out on their own node and send feedback back, a recorder writes the
 * trace, a generator drives loopback traffic.
 */
package org.numabias.live.loop;
