package io.serverlessstack.junit.internal;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.api.ClockMode;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.fake.ServerlessStackServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** A stack in this JVM, on a free loopback port. Not API. */
public final class InJvmStack implements RunningStack {

  private final ServerlessStackServer server;

  private InJvmStack(ServerlessStackServer server) {
    this.server = server;
  }

  /**
   * Starts a stack on the clock asked for, running {@code services} (all when empty), with {@code
   * settings}.
   */
  public static InJvmStack start(
      ClockMode clock, List<String> services, Map<String, String> settings) {
    ServerlessStackServer.Builder builder =
        ServerlessStackServer.builder().withPort(0).withClock(clock).withServices(services);
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      builder = builder.withSetting(setting.getKey(), setting.getValue());
    }
    return new InJvmStack(builder.start());
  }

  @Override
  public URI endpoint() {
    return server.endpoint();
  }

  @Override
  public String region() {
    return StackDefaults.REGION;
  }

  @Override
  public String accessKey() {
    return StackDefaults.ACCESS_KEY_ID;
  }

  @Override
  public String secretKey() {
    return StackDefaults.SECRET_ACCESS_KEY;
  }

  @Override
  public StackInspector inspector() {
    return server.inspector();
  }

  @Override
  public void reset() {
    server.reset();
  }

  @Override
  public void deploy(JavaFunction function) {
    try {
      server.deploy(function);
    } catch (IllegalArgumentException refused) {
      throw new ExtensionConfigurationException(refused.getMessage(), refused);
    }
  }

  @Override
  public Optional<ClockControl> clock() {
    return server.virtualClock().map(ClockControl.class::cast);
  }

  @Override
  public void close() {
    server.close();
  }
}
