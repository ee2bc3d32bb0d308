package io.serverlessstack.junit;

import io.serverlessstack.api.StackSettings;
import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.junit.ServerlessStack.Mode;
import io.serverlessstack.junit.internal.ContainerSettings;
import io.serverlessstack.junit.internal.ContainerStack;
import io.serverlessstack.junit.internal.InJvmStack;
import io.serverlessstack.junit.internal.RunningStack;
import io.serverlessstack.junit.internal.StackHostPrefixes;
import io.serverlessstack.junit.internal.SystemPropertiesScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A running stack with everything the extension hangs on it: the system properties that point
 * default clients at it and the SDK clients it hands out ({@link StackClients}). Closing it closes
 * the clients, stops the stack and restores the system properties, in that order. Lives in a JUnit
 * {@code Store}, which closes it at the end of its scope.
 */
final class ManagedStack implements AutoCloseable {

  static final String ENDPOINT_PROPERTY = "aws.endpointUrl";
  static final String REGION_PROPERTY = "aws.region";
  static final String ACCESS_KEY_PROPERTY = "aws.accessKeyId";
  static final String SECRET_KEY_PROPERTY = "aws.secretAccessKey";

  private final RunningStack stack;
  private final StackInfo info;
  private final SystemPropertiesScope properties;
  private final AutoCloseable hostPrefixes;
  private final StackClients clients;
  private boolean closed;

  private ManagedStack(RunningStack stack) {
    this.stack = stack;
    this.info =
        new StackInfo(stack.endpoint(), stack.region(), stack.accessKey(), stack.secretKey());
    this.clients = new StackClients(info);
    this.properties =
        SystemPropertiesScope.set(
            Map.of(
                ENDPOINT_PROPERTY, info.endpoint().toString(),
                REGION_PROPERTY, info.region(),
                ACCESS_KEY_PROPERTY, info.accessKey(),
                SECRET_KEY_PROPERTY, info.secretKey()));
    this.hostPrefixes = StackHostPrefixes.serve(info.endpoint());
  }

  /**
   * Starts a stack as {@code config} asks.
   *
   * @throws ExtensionConfigurationException if this module cannot run such a stack
   */
  static ManagedStack start(StackConfig config, Class<?> testClass) {
    checkSupported(config, testClass);
    if (config.mode() == Mode.CONTAINER) {
      if (!ContainerStack.dockerAvailable()) {
        // Only reached under CI=true: elsewhere the class is skipped without an engine.
        throw new ExtensionConfigurationException(
            "@ServerlessStack(mode = CONTAINER) on "
                + testClass.getName()
                + " needs a Docker engine, and none answers (CI=true makes that a failure)");
      }
      return new ManagedStack(
          ContainerStack.start(
              config.clock(), config.container(), config.services(), settings(config)));
    }
    return new ManagedStack(InJvmStack.start(config.clock(), config.services(), settings(config)));
  }

  /**
   * The settings of {@code @ServerlessStack(settings = ...)}, checked by {@link #checkSupported}.
   */
  private static Map<String, String> settings(StackConfig config) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String setting : config.settings()) {
      Map.Entry<String, String> parsed = StackSettings.parse(setting);
      settings.put(parsed.getKey(), parsed.getValue());
    }
    return settings;
  }

  /**
   * Container mode needs the optional Testcontainers module on the test classpath; the container
   * attributes need container mode.
   */
  static void checkSupported(StackConfig config, Class<?> testClass) {
    try {
      ServerlessStackServer.builder().withServices(config.services());
    } catch (IllegalArgumentException unknown) {
      throw new ExtensionConfigurationException(
          "@ServerlessStack(services = ...) on "
              + testClass.getName()
              + ": "
              + unknown.getMessage());
    }
    try {
      settings(config);
    } catch (IllegalArgumentException bad) {
      throw new ExtensionConfigurationException(
          "@ServerlessStack(settings = ...) on " + testClass.getName() + ": " + bad.getMessage());
    }
    if (config.mode() != Mode.CONTAINER && !config.container().equals(ContainerSettings.DEFAULT)) {
      throw new ExtensionConfigurationException(
          "@ServerlessStack on "
              + testClass.getName()
              + " sets image, baseImage, reuse or hostPort, which apply to mode = CONTAINER only");
    }
    if (config.mode() == Mode.CONTAINER && !containerModulePresent()) {
      throw new ExtensionConfigurationException(
          "@ServerlessStack(mode = CONTAINER) on "
              + testClass.getName()
              + " needs io.serverlessstack:serverless-stack-testcontainers on the test classpath");
    }
  }

  static boolean containerModulePresent() {
    try {
      Class.forName(
          "io.serverlessstack.testcontainers.ServerlessStackContainer",
          false,
          ManagedStack.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  RunningStack stack() {
    return stack;
  }

  StackInfo info() {
    return info;
  }

  /**
   * The SDK v2 client of {@code type} (any service's client interface, sync or async), pointed at
   * the stack; the same instance on every call, closed with the stack.
   *
   * @throws IllegalStateException if the stack has stopped
   */
  synchronized <T> T client(Class<T> type) {
    checkOpen();
    return clients.get(type);
  }

  void reset() {
    stack.reset();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The stack at " + info.endpoint() + " has stopped");
    }
  }

  /** Closes everything even if a part fails, then reports the first failure. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> parts = new ArrayList<>();
    parts.add(clients);
    parts.add(stack);
    parts.add(properties);
    parts.add(hostPrefixes);
    RuntimeException failure = null;
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Could not stop the stack cleanly", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
