/** The {@code numabias sweep} command, contributed to the CLI as a command extension. */
package org.numabias.sweeps.cli;
