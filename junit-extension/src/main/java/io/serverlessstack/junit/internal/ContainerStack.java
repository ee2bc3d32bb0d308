package io.serverlessstack.junit.internal;

import io.serverlessstack.fake.clock.ClockControl;
import io.serverlessstack.fake.clock.ClockMode;
import io.serverlessstack.fake.inspect.StackInspector;
import io.serverlessstack.testcontainers.RemoteStackInspector;
import io.serverlessstack.testcontainers.ServerlessStackContainer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * A stack in a container of the serverless-stack image, inspected and driven over its admin API.
 * Not API. Only loaded when a test asks for container mode, so the Testcontainers module stays an
 * optional dependency.
 */
public final class ContainerStack implements RunningStack {

  private final ServerlessStackContainer container;
  private final StackInspector inspector;
  private final ClockControl clock;

  private ContainerStack(ServerlessStackContainer container, ClockMode clock) {
    this.container = container;
    this.inspector = new RemoteStackInspector(container.getEndpoint());
    this.clock = clock == ClockMode.SYSTEM ? null : new RemoteClock();
  }

  /** Whether a Docker engine answers. */
  public static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /** Starts a container of the default image, on the clock asked for. */
  public static ContainerStack start(ClockMode clock) {
    ServerlessStackContainer container = new ServerlessStackContainer().withClock(clock);
    container.start();
    return new ContainerStack(container, clock);
  }

  @Override
  public URI endpoint() {
    return container.getEndpoint();
  }

  @Override
  public String region() {
    return container.getRegion();
  }

  @Override
  public String accessKey() {
    return container.getAccessKey();
  }

  @Override
  public String secretKey() {
    return container.getSecretKey();
  }

  @Override
  public StackInspector inspector() {
    return inspector;
  }

  @Override
  public void reset() {
    container.reset();
  }

  @Override
  public Optional<ClockControl> clock() {
    return Optional.ofNullable(clock);
  }

  @Override
  public void close() {
    container.stop();
  }

  /** The container's virtual clock, moved through the admin API. */
  private final class RemoteClock implements ClockControl {
    @Override
    public Instant now() {
      return inspector.now();
    }

    @Override
    public Instant advance(Duration duration) {
      container.advanceClock(duration);
      return inspector.now();
    }
  }
}
