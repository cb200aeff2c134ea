/** Predictors that only tests use (registered for the sweeps module's tests through the service loader). */
package org.numabias.sweeps.testing;
