/**
 * The JUnit 5 extension: {@link io.serverlessstack.junit.ServerlessStack @ServerlessStack}, the
 * resource annotations and the types test methods can take as parameters.
 *
 * <p><b>Stability:</b> the public types of this package are API; {@code
 * io.serverlessstack.junit.internal} is not. The automatic module name of this artifact is {@code
 * io.serverlessstack.junit}.
 */
package io.serverlessstack.junit;
