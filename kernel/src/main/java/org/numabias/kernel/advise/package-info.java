/**
 * {@code numabias advise}: per device and receive queue, where its buffers are consumed and which
 * system change would realise the gain, each change measured by replaying a predictor that models it.
 */
package org.numabias.kernel.advise;
