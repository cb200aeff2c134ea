/**
 * Test support shared through framework-api's test-jar: {@link org.numabias.api.testsupport.SkipsFailUnderCi}
 * reports every skipped test and fails it under {@code CI=true}.
 */
package org.numabias.api.testsupport;
