package io.serverlessstack.junit;

import io.serverlessstack.junit.internal.AsyncTransport;
import io.serverlessstack.junit.internal.SyncTransport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;

/**
 * The SDK v2 clients a stack hands out, one per client interface, built on first use from the
 * interface's own static {@code builder()}: any service module the user's project has works, and
 * none is a dependency of this module. Each is pointed at the stack ({@link StackInfo#configure}),
 * built on the user's HTTP client (sync: {@link SyncTransport}; async: one {@link AsyncTransport}
 * event loop shared by all async clients), and never prefixes the stack's host: operations such as
 * Step Functions' {@code StartSyncExecution} would otherwise call {@code sync-localhost}.
 */
final class StackClients implements AutoCloseable {

  private final StackInfo info;
  private final Map<Class<?>, SdkClient> clients = new LinkedHashMap<>();
  private AsyncTransport asyncTransport;

  StackClients(StackInfo info) {
    this.info = info;
  }

  /**
   * Whether {@code type} is a service client interface of SDK v2, sync or async, such as {@code
   * SqsClient} or {@code KinesisAsyncClient}.
   */
  static boolean isClientInterface(Class<?> type) {
    return type.isInterface()
        && SdkClient.class.isAssignableFrom(type)
        && builderMethod(type).isPresent();
  }

  /** The interface's own {@code static builder()}, if it declares one that builds AWS clients. */
  private static Optional<Method> builderMethod(Class<?> type) {
    try {
      Method builder = type.getMethod("builder");
      return Modifier.isStatic(builder.getModifiers())
              && builder.getDeclaringClass() == type
              && AwsClientBuilder.class.isAssignableFrom(builder.getReturnType())
          ? Optional.of(builder)
          : Optional.empty();
    } catch (NoSuchMethodException none) {
      return Optional.empty();
    }
  }

  /** The client of {@code type}, the same one on every call. */
  synchronized <T> T get(Class<T> type) {
    SdkClient client = clients.get(type);
    if (client == null) {
      client = build(type);
      clients.put(type, client);
    }
    return type.cast(client);
  }

  private SdkClient build(Class<?> type) {
    Method builderMethod =
        builderMethod(type)
            .orElseThrow(
                () -> new IllegalArgumentException(type.getName() + " is no SDK v2 client"));
    AwsClientBuilder<?, ?> builder;
    try {
      builder = (AwsClientBuilder<?, ?>) builderMethod.invoke(null);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalStateException("Could not create a builder of " + type.getName(), cause);
    }
    configure(builder);
    builder.overrideConfiguration(
        ClientOverrideConfiguration.builder()
            .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
            .build());
    if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
      SyncTransport.httpClient(type).ifPresent(sync::httpClientBuilder);
    } else if (builder instanceof SdkAsyncClientBuilder<?, ?> async) {
      if (asyncTransport == null) {
        asyncTransport = AsyncTransport.start(); // event-loop threads: only once asked for
      }
      async.httpClientBuilder(asyncTransport.httpClient());
    }
    return (SdkClient) builder.build();
  }

  @SuppressWarnings({"rawtypes", "unchecked"}) // the builder's self type is not known here
  private void configure(AwsClientBuilder builder) {
    info.configure(builder);
  }

  /** Closes the clients, then their event loop; reports the first failure. */
  @Override
  public synchronized void close() {
    IllegalStateException failure = null;
    List<AutoCloseable> parts = new ArrayList<>(clients.values());
    if (asyncTransport != null) {
      parts.add(asyncTransport);
    }
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Could not close the stack's clients", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    clients.clear();
    asyncTransport = null;
    if (failure != null) {
      throw failure;
    }
  }
}
