/**
 * The dataset catalog of {@code numabias datasets} and {@code numabias demo}
 * ({@link org.numabias.tools.catalog.Catalog}): the synthetic scenarios, then the bundled recorded traces,
 * imported from their perf text on demand, each a {@link org.numabias.tools.catalog.Dataset} that opens a
 * trace to replay. Public for the CLI, tests, notebooks and sweeps.
 */
package org.numabias.tools.catalog;
