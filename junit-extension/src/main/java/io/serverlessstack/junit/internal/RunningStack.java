package io.serverlessstack.junit.internal;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.JavaFunction;
import java.net.URI;
import java.util.Optional;

/**
 * A started stack as the JUnit extension drives it, wherever it runs: in this JVM or in a
 * container. Not API: the extension's seam for other ways of running a stack.
 */
public interface RunningStack extends AutoCloseable {

  /** {@code http://host:port} of every service. */
  URI endpoint();

  /** The region clients sign for. */
  String region();

  String accessKey();

  String secretKey();

  /** Read-only access to the stack's resources and journal. */
  StackInspector inspector();

  /** Deletes every resource and message and clears the journal; the stack keeps serving. */
  void reset();

  /**
   * Deploys a function whose code is a Java handler in this JVM until the next reset.
   *
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException if this stack cannot
   *     run code of the test JVM
   */
  void deploy(JavaFunction function);

  /** The stack's clock, if it is a virtual one a test may advance. */
  Optional<ClockControl> clock();

  /** Stops the stack; idempotent. */
  @Override
  void close();
}
