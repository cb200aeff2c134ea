/**
 * The NUMA layer: libnuma and libc through {@code java.lang.foreign} (no JNI, no generated
 * bindings), and the node memory the live runtime allocates from, real or emulated.
 */
package org.numabias.live.numa;
