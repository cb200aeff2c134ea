/**
 * The trace store: traces as Chronicle Queue directories with a self-describing header, checksums
 * per block of events and a seal; written atomically (under {@code .incomplete} until sealed) and
 * read through a bounds-checked path that turns every kind of damage into a clear error.
 */
package org.numabias.runtime.store;
