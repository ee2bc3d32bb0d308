package io.serverlessstack.fake;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.api.StackSettings;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar serverless-stack-server.jar [--host H] [--port N] [--clock
 * system|manual|skip-idle] [--services sqs,...] [--setting key=value]... [--sfn-mock-config PATH]}:
 * runs the stack until the process is stopped ({@code --setting} takes the keys of {@link
 * io.serverlessstack.api.StackSettings}, and may be given once per key). Defaults: {@code
 * 127.0.0.1:4566}, the system clock, every service (each built on its first request). A {@code
 * manual} clock moves only through the admin API; a {@code skip-idle} one also jumps to the next
 * deadline whenever every request waits on it (see {@link ClockMode}). When it cannot listen, e.g.
 * because the port is in use, it says so in one line and exits with status 1.
 *
 * <p>{@code --warm-up} starts the stack on a free port, sends it one request of each protocol and
 * exits: the container image runs it once at build time to record a class-data-sharing archive of
 * everything a request to the services it runs touches, which roughly halves the container's start.
 *
 * <p>A container configures it through the environment:
 *
 * <ul>
 *   <li>{@code SERVERLESS_STACK_SERVICES} — comma-separated services to run, as {@code --services}
 *       (only {@code sqs} so far); unknown names stop the server
 *   <li>{@code SERVERLESS_STACK_CLOCK} — {@code system} (the default), {@code manual} or {@code
 *       skip-idle}, as {@code --clock}; the earlier {@code SERVERLESS_STACK_VIRTUAL_CLOCK=true}
 *       still means {@code manual}
 *   <li>{@code SERVERLESS_STACK_SETTINGS} — settings separated by {@code ;}, each {@code
 *       key=value}, as {@code --setting}
 *   <li>{@code SERVERLESS_STACK_SQS_QUEUES} — queues to create at start, separated by {@code ;},
 *       each {@code name[,Attribute=Value]...} with URL-encoded values
 *   <li>{@code SFN_MOCK_CONFIG} — the path of a Step Functions mock configuration file in AWS Step
 *       Functions Local's format ({@code MockConfigFile.json}), as Step Functions Local takes it
 *       and as {@code --sfn-mock-config} (which wins); executions started on {@code
 *       <stateMachineArn>#<TestCaseName>} run with that test case's mocked responses
 * </ul>
 *
 * An unknown argument or service, or a bad value, is one line on standard error and exit status 2.
 */
public final class StandaloneServer {

  private StandaloneServer() {}

  public static void main(String[] args) throws InterruptedException {
    long startNanos = System.nanoTime();
    ServerlessStackServer.Builder builder;
    try {
      builder = configure(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("serverless-stack: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (builder == null) {
      System.out.println(
          "usage: java -jar serverless-stack-server.jar [--host H] [--port N]"
              + " [--clock system|manual|skip-idle] [--services "
              + String.join(",", ServerlessStackServer.Builder.availableServices())
              + "] [--setting key=value]... [--sfn-mock-config PATH] [--warm-up]; settings: "
              + String.join(", ", StackSettings.keys())
              + "; --sfn-mock-config (or SFN_MOCK_CONFIG) names a Step Functions Local mock"
              + " configuration file, used by executions started on <stateMachineArn>#<TestCase>");
      return;
    }
    if (List.of(args).contains("--warm-up")) {
      try (ServerlessStackServer stack = builder.withPort(0).start()) {
        WarmUp.exercise(stack.endpoint(), stack.services());
      }
      return;
    }
    ServerlessStackServer stack;
    try {
      stack = builder.start();
    } catch (IllegalArgumentException badDeclaration) {
      System.err.println("serverless-stack: " + badDeclaration.getMessage());
      System.exit(2);
      return;
    } catch (UncheckedIOException cannotListen) {
      // Something to fix in the command line or the machine, not a crash: no stack trace.
      System.err.println("serverless-stack: " + cannotListen.getMessage());
      System.exit(1);
      return;
    }
    // SIGTERM (docker stop) ends the JVM through its shutdown hooks: close, then say so.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  System.out.println("serverless-stack stopped");
                },
                "serverless-stack-shutdown"));
    System.out.println(
        "serverless-stack ready on "
            + stack.endpoint()
            + " ("
            + String.join(",", stack.services())
            + ") in "
            + Duration.ofNanos(System.nanoTime() - startNanos).toMillis()
            + " ms");
    Thread.currentThread().join();
  }

  /** The stack the arguments and environment ask for, or {@code null} for {@code --help}. */
  static ServerlessStackServer.Builder configure(String[] args, Map<String, String> env) {
    ServerlessStackServer.Builder builder = ServerlessStackServer.builder().withPort(4566);
    builder =
        services(
            builder,
            env.getOrDefault("SERVERLESS_STACK_SERVICES", ""),
            "SERVERLESS_STACK_SERVICES");
    String clock = env.get("SERVERLESS_STACK_CLOCK");
    if ((clock == null || clock.isBlank())
        && "true".equalsIgnoreCase(env.get("SERVERLESS_STACK_VIRTUAL_CLOCK"))) {
      clock = "manual"; // what containers of earlier versions of the module ask for
    }
    if (clock != null && !clock.isBlank()) {
      builder = builder.withClock(clockMode(clock, "SERVERLESS_STACK_CLOCK"));
    }
    for (String setting : env.getOrDefault("SERVERLESS_STACK_SETTINGS", "").split(";")) {
      if (!setting.isBlank()) {
        builder = setting(builder, setting, "SERVERLESS_STACK_SETTINGS");
      }
    }
    for (String spec : env.getOrDefault("SERVERLESS_STACK_SQS_QUEUES", "").split(";")) {
      if (spec.isBlank()) {
        continue;
      }
      String[] parts = spec.trim().split(",");
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int i = 1; i < parts.length; i++) {
        int equals = parts[i].indexOf('=');
        if (equals < 1) {
          throw new IllegalArgumentException(
              "queue attribute '" + parts[i] + "' is not Name=Value");
        }
        attributes.put(
            parts[i].substring(0, equals),
            URLDecoder.decode(parts[i].substring(equals + 1), StandardCharsets.UTF_8));
      }
      builder = builder.withQueue(parts[0], attributes);
    }
    String mockConfig = env.get("SFN_MOCK_CONFIG");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> builder = builder.withHost(value(args, ++i, "--host"));
        case "--port" -> builder = builder.withPort(port(value(args, ++i, "--port")));
        case "--clock" ->
            builder = builder.withClock(clockMode(value(args, ++i, "--clock"), "--clock"));
        case "--services" ->
            builder = services(builder, value(args, ++i, "--services"), "--services");
        case "--setting" -> builder = setting(builder, value(args, ++i, "--setting"), "--setting");
        case "--sfn-mock-config" -> mockConfig = value(args, ++i, "--sfn-mock-config");
        case "--warm-up" -> {
          // handled by main
        }
        case "--help", "-h" -> {
          return null;
        }
        default ->
            throw new IllegalArgumentException("unknown argument " + args[i] + "; try --help");
      }
    }
    if (mockConfig != null && !mockConfig.isBlank()) {
      builder = stepFunctionsMocks(builder, mockConfig);
    }
    return builder;
  }

  private static ServerlessStackServer.Builder stepFunctionsMocks(
      ServerlessStackServer.Builder builder, String path) {
    try {
      return builder.withStepFunctionsMocks(Path.of(path));
    } catch (UncheckedIOException cannotRead) {
      throw new IllegalArgumentException(
          "--sfn-mock-config / SFN_MOCK_CONFIG: cannot read " + path, cannotRead);
    } catch (InvalidPathException notPath) {
      throw new IllegalArgumentException(
          "--sfn-mock-config / SFN_MOCK_CONFIG: not a path: " + path, notPath);
    }
  }

  /** {@code builder} running the comma-separated {@code ids}; all services if there are none. */
  private static ServerlessStackServer.Builder services(
      ServerlessStackServer.Builder builder, String ids, String source) {
    List<String> named =
        Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
    try {
      return builder.withServices(named);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static ServerlessStackServer.Builder setting(
      ServerlessStackServer.Builder builder, String keyEqualsValue, String source) {
    try {
      Map.Entry<String, String> setting = StackSettings.parse(keyEqualsValue);
      return builder.withSetting(setting.getKey(), setting.getValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static ClockMode clockMode(String label, String source) {
    try {
      return ClockMode.fromLabel(label);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static int port(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port needs a number, not " + text);
    }
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }
}
