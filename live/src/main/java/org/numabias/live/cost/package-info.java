/** Measured costs: the local-vs-remote copy matrix of this machine ({@code numabias numa-cost}). */
package org.numabias.live.cost;
