package io.serverlessstack.junit.internal;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.api.StackInspector;
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

  /** The stack's clock, if it is a virtual one a test may advance. */
  Optional<ClockControl> clock();

  /** Stops the stack; idempotent. */
  @Override
  void close();
}
