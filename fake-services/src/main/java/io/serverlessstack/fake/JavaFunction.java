package io.serverlessstack.fake;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.serverlessstack.fake.internal.lambda.HandlerCode;
import io.serverlessstack.fake.internal.lambda.LambdaEngine;
import io.serverlessstack.fake.internal.lambda.RegisteredCode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Lambda function whose code is a Java handler in this JVM, deployed with {@link
 * ServerlessStackServer.Builder#withFunction} or {@link ServerlessStackServer#deploy}: the same
 * function CreateFunction makes (an ARN, a configuration, versions, event source mappings), but
 * running a handler object the test built, with its collaborators. A function created over the API
 * with a {@code Handler} string instead loads that class from the test's class path.
 *
 * <pre>{@code
 * JavaFunction.of("order-worker", new OrderWorker(repository))
 *     .withTimeout(Duration.ofSeconds(30))
 *     .withEnvironment("TABLE_NAME", "orders");
 * }</pre>
 *
 * <p>Immutable: each {@code withX} returns a copy.
 */
public final class JavaFunction {

  /** How the handler was given; the stack turns it into code by the Lambda runtime's rules. */
  enum Kind {
    /** A {@link RequestHandler} whose class names its types, or a {@link RequestStreamHandler}. */
    INSTANCE,
    /** A {@link RequestHandler} whose input type is given (a lambda expression, say). */
    TYPED_HANDLER,
    /** A plain {@link Function} with its input type. */
    FUNCTION,
    /** A handler class, built with its public no-argument constructor. */
    CLASS
  }

  private final String name;
  private final Kind kind;
  private final Object handler;
  private final Class<?> inputType;
  private final Duration timeout;
  private final int memoryMb;
  private final Map<String, String> environment;

  private JavaFunction(
      String name,
      Kind kind,
      Object handler,
      Class<?> inputType,
      Duration timeout,
      int memoryMb,
      Map<String, String> environment) {
    this.name = name;
    this.kind = kind;
    this.handler = handler;
    this.inputType = inputType;
    this.timeout = timeout;
    this.memoryMb = memoryMb;
    this.environment = Map.copyOf(environment);
  }

  /**
   * A function running {@code handler}: a {@link RequestHandler} whose class gives its input and
   * output types (as {@code class Worker implements RequestHandler<SQSEvent, SQSBatchResponse>}
   * does), or a {@link RequestStreamHandler}.
   *
   * @throws IllegalArgumentException if {@code handler} is neither
   */
  public static JavaFunction of(String name, Object handler) {
    Objects.requireNonNull(handler, "handler");
    if (!(handler instanceof RequestHandler<?, ?>) && !(handler instanceof RequestStreamHandler)) {
      throw new IllegalArgumentException(
          handler.getClass().getName()
              + " implements neither RequestHandler nor RequestStreamHandler");
    }
    return create(name, Kind.INSTANCE, handler, null);
  }

  /**
   * A function running a {@link RequestHandler} whose input type cannot be read from its class,
   * such as a lambda expression: {@code JavaFunction.of("greeter", Map.class, (event, context) ->
   * "hi")}. Its answer is written as JSON by its own type.
   */
  public static <I> JavaFunction of(String name, Class<I> inputType, RequestHandler<I, ?> handler) {
    Objects.requireNonNull(inputType, "inputType");
    return create(name, Kind.TYPED_HANDLER, Objects.requireNonNull(handler, "handler"), inputType);
  }

  /** A function running a plain Java function of its input, without a {@code Context}. */
  public static <I> JavaFunction ofFunction(
      String name, Class<I> inputType, Function<I, ?> function) {
    Objects.requireNonNull(inputType, "inputType");
    return create(name, Kind.FUNCTION, Objects.requireNonNull(function, "function"), inputType);
  }

  /**
   * A function running a handler class the way Lambda does: built once, on the first invocation,
   * with its public no-argument constructor.
   */
  public static JavaFunction ofClass(String name, Class<?> handlerClass) {
    return create(name, Kind.CLASS, Objects.requireNonNull(handlerClass, "handlerClass"), null);
  }

  private static JavaFunction create(String name, Kind kind, Object handler, Class<?> inputType) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "Not a function name (1 to 64 letters, digits, hyphens, underscores): " + name);
    }
    return new JavaFunction(name, kind, handler, inputType, Duration.ofSeconds(3), 128, Map.of());
  }

  /** Lambda's timeout for the function, whole seconds from 1 to 900; 3 seconds by default. */
  public JavaFunction withTimeout(Duration timeout) {
    long seconds = timeout.getSeconds();
    if (timeout.getNano() != 0 || seconds < 1 || seconds > 900) {
      throw new IllegalArgumentException("A timeout is 1 to 900 whole seconds: " + timeout);
    }
    return new JavaFunction(name, kind, handler, inputType, timeout, memoryMb, environment);
  }

  /** The memory the function reports, 128 to 10,240 MB; 128 by default. */
  public JavaFunction withMemorySize(int megabytes) {
    if (megabytes < 128 || megabytes > 10_240) {
      throw new IllegalArgumentException("Memory is 128 to 10240 MB: " + megabytes);
    }
    return new JavaFunction(name, kind, handler, inputType, timeout, megabytes, environment);
  }

  /** One more environment variable, which the handler reads with {@code System.getenv}. */
  public JavaFunction withEnvironment(String variable, String value) {
    Map<String, String> next = new LinkedHashMap<>(environment);
    next.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
    return new JavaFunction(name, kind, handler, inputType, timeout, memoryMb, next);
  }

  /** Environment variables, added to those already given. */
  public JavaFunction withEnvironment(Map<String, String> variables) {
    Map<String, String> next = new LinkedHashMap<>(environment);
    next.putAll(variables);
    return new JavaFunction(name, kind, handler, inputType, timeout, memoryMb, next);
  }

  public String name() {
    return name;
  }

  Kind kind() {
    return kind;
  }

  Object handler() {
    return handler;
  }

  Class<?> inputType() {
    return inputType;
  }

  public Duration timeout() {
    return timeout;
  }

  public int memorySize() {
    return memoryMb;
  }

  public Map<String, String> environment() {
    return environment;
  }

  /** The engine's registration of this function, its handler turned into code. */
  LambdaEngine.Registration registration() {
    HandlerCode code =
        switch (kind) {
          case INSTANCE -> RegisteredCode.ofInstance(handler);
          case TYPED_HANDLER ->
              RegisteredCode.ofTypedHandler((RequestHandler<?, ?>) handler, inputType);
          case FUNCTION -> RegisteredCode.ofFunction((Function<?, ?>) handler, inputType);
          case CLASS -> RegisteredCode.ofClass((Class<?>) handler);
        };
    String handlerName =
        handler instanceof Class<?> clazz ? clazz.getName() : handler.getClass().getName();
    return new LambdaEngine.Registration(
        name, code, handlerName, (int) timeout.getSeconds(), memoryMb, environment);
  }

  @Override
  public String toString() {
    return "JavaFunction[" + name + "]";
  }
}
