/** How the extension runs a stack, in this JVM or in a container. Not API. */
package io.serverlessstack.junit.internal;
