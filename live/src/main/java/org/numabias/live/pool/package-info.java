/**
 * Per-node buffer pools in the style of the kernel's page_pool: slabs allocated on a node, carved
 * into fixed-size buffers, recycled, bounded and reported.
 */
package org.numabias.live.pool;
