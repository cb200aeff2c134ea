/**
 * The trace store: traces as Chronicle Queue directories with a self-describing header, checksums
 * per block of events and a seal (with the totals and the events digest); written atomically (under
 * {@code .incomplete} until sealed) and read through a bounds-checked path that turns every kind of
 * damage into a clear error. Reading decodes each checked block into primitive columns
 * ({@link org.numabias.runtime.store.EventBlock}); the record cursor is a view of those blocks.
 * {@link org.numabias.runtime.store.RawFieldSum} is the cheapest read of the same bytes, the
 * benchmarks' baseline.
 */
package org.numabias.runtime.store;
