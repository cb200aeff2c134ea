/** Workload descriptions for the live runtime (YAML or JSON through Jackson, plus named built-ins). */
package org.numabias.live.workload;
