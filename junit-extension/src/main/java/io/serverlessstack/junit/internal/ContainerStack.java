package io.serverlessstack.junit.internal;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.api.ClockMode;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.FunctionHost;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.testcontainers.RemoteStackInspector;
import io.serverlessstack.testcontainers.ServerlessStackContainer;
import io.serverlessstack.testcontainers.internal.DockerEngine;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * A stack in a container of the serverless-stack image, inspected and driven over its admin API.
 * Not API. Only loaded when a test asks for container mode, so the Testcontainers module stays an
 * optional dependency.
 */
public final class ContainerStack implements RunningStack {

  private final ServerlessStackContainer container;
  private final boolean leaveRunning;
  private final StackInspector inspector;
  private final ClockControl clock;

  /** Runs the handlers of the functions deployed on the container; started with the first. */
  private FunctionHost functions;

  private ContainerStack(
      ServerlessStackContainer container, ClockMode clock, boolean leaveRunning) {
    this.container = container;
    this.leaveRunning = leaveRunning;
    this.inspector = new RemoteStackInspector(container.getEndpoint());
    this.clock = clock == ClockMode.SYSTEM ? null : new RemoteClock();
  }

  /** Whether a Docker engine answers; fast, and starts nothing. */
  public static boolean dockerAvailable() {
    return DockerEngine.answers();
  }

  /**
   * Starts a container as {@code settings} ask, on the clock asked for, running {@code services}
   * (all when empty), with {@code stackSettings}.
   *
   * @throws IllegalStateException within seconds, saying what to do, when it cannot start
   */
  public static ContainerStack start(
      ClockMode clock,
      ContainerSettings settings,
      List<String> services,
      Map<String, String> stackSettings) {
    ServerlessStackContainer container =
        settings.image().isEmpty()
            ? new ServerlessStackContainer()
            : new ServerlessStackContainer(settings.image());
    if (!settings.baseImage().isEmpty()) {
      container = container.withBaseImage(settings.baseImage());
    }
    if (settings.hostPort() != 0) {
      container = container.withHostPort(settings.hostPort());
    }
    container = container.withClock(clock);
    if (!services.isEmpty()) {
      container = container.withServices(services.toArray(new String[0]));
    }
    for (Map.Entry<String, String> setting : stackSettings.entrySet()) {
      container = container.withSetting(setting.getKey(), setting.getValue());
    }
    // A reusable container outlives the run, for the next one; Testcontainers removes it as usual
    // when reuse is not enabled in its configuration.
    boolean leaveRunning =
        settings.reuse() && TestcontainersConfiguration.getInstance().environmentSupportsReuse();
    container.withReuse(settings.reuse()).start();
    return new ContainerStack(container, clock, leaveRunning);
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

  /**
   * Hosts the function's handler in this JVM and deploys it on the container's stack, which calls
   * back for each invocation at the container network's gateway, an address of this host.
   */
  @Override
  public synchronized void deploy(JavaFunction function) {
    if (functions == null) {
      String gateway =
          container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
              .map(network -> network.getGateway())
              .filter(address -> address != null && !address.isEmpty())
              .findFirst()
              .orElse(null);
      if (gateway == null || gateway.isEmpty()) {
        throw new ExtensionConfigurationException(
            "Function "
                + function.name()
                + " runs in the test JVM, which the container reaches through its network's"
                + " gateway, and Docker reports none for it");
      }
      try {
        functions = FunctionHost.listeningOn(gateway);
      } catch (UncheckedIOException cannotListen) {
        throw new ExtensionConfigurationException(
            "Function "
                + function.name()
                + " runs in the test JVM, which must listen on the container network's gateway "
                + gateway
                + " for the container's calls (a Docker engine on this host), and cannot: "
                + cannotListen.getCause().getMessage(),
            cannotListen);
      }
    }
    try {
      functions.deploy(function, container.getEndpoint());
    } catch (IllegalArgumentException | IllegalStateException refused) {
      throw new ExtensionConfigurationException(refused.getMessage(), refused);
    }
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
  public synchronized void close() {
    if (functions != null) {
      functions.close();
    }
    if (!leaveRunning) {
      container.stop();
    }
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
