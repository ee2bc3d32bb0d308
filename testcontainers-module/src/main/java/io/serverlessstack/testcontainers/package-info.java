/**
 * The stack in a container: {@link io.serverlessstack.testcontainers.ServerlessStackContainer} and
 * {@link io.serverlessstack.testcontainers.RemoteStackInspector}, the inspection API over the
 * container's admin API.
 *
 * <p><b>Stability:</b> the public types of this package are API; {@code
 * io.serverlessstack.testcontainers.internal} (the image build, and under {@code shaded} the
 * relocated Jackson) is not. The artifact depends on {@code serverless-stack-api} and
 * Testcontainers only: the server it runs travels inside it as a jar, never on the class path. The
 * automatic module name of this artifact is {@code io.serverlessstack.testcontainers}.
 */
package io.serverlessstack.testcontainers;
