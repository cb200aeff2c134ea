/** Checks run inside the two-node QEMU guest, and the test that boots it. */
package org.numabias.live.guest;
