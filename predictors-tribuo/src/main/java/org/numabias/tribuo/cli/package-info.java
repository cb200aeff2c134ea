/** The {@code numabias train} command, contributed to the CLI as a {@link org.numabias.tools.cli.CommandExtension}. */
package org.numabias.tribuo.cli;
