/**
 * The fake AWS services themselves: {@link io.serverlessstack.fake.ServerlessStackServer} starts a
 * stack in this JVM, {@link io.serverlessstack.fake.StandaloneServer} is the {@code main} of the
 * standalone server and the container.
 *
 * <p><b>Stability:</b> the public types of this package and of {@code
 * io.serverlessstack.fake.clock} are API. What a test reads from a stack (inspection, journal
 * events, clock control, defaults) is in {@code io.serverlessstack.api}, which this artifact
 * depends on. Everything under {@code io.serverlessstack.fake.internal} is the server's
 * implementation and not API, even where its types are public so that its packages can reach each
 * other: {@code server} (HTTP and routing), {@code protocol} (wire protocols), one package per
 * service engine ({@code sqs}, …), {@code delivery}, {@code clock}, {@code journal}, {@code admin}
 * (the admin HTTP API, whose HTTP interface is documented, not its classes) and {@code shaded}, the
 * relocated Netty, Jackson and AWS SDK. The automatic module name of this artifact is {@code
 * io.serverlessstack.fake}.
 */
package io.serverlessstack.fake;
