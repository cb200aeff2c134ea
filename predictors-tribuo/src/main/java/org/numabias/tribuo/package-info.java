/**
 * The Tribuo classifier predictor ({@code tribuo:model=PATH}), found with {@link java.util.ServiceLoader}
 * like any plugin, so that nothing else pulls in Tribuo.
 */
package org.numabias.tribuo;
