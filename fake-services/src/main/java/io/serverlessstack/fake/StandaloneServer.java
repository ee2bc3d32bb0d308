package io.serverlessstack.fake;

import java.time.Duration;

/**
 * {@code java -jar serverless-stack-server.jar [--host H] [--port N] [--virtual-clock]}: runs the
 * stack until the process is stopped. Defaults: {@code 127.0.0.1:4566}, the system clock.
 */
public final class StandaloneServer {

  private StandaloneServer() {}

  public static void main(String[] args) throws InterruptedException {
    long startNanos = System.nanoTime();
    ServerlessStackServer.Builder builder = ServerlessStackServer.builder().withPort(4566);
    String virtual = System.getenv("SERVERLESS_STACK_VIRTUAL_CLOCK");
    if (virtual != null && virtual.equalsIgnoreCase("true")) {
      builder = builder.withVirtualClock();
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> builder = builder.withHost(value(args, ++i, "--host"));
        case "--port" -> builder = builder.withPort(Integer.parseInt(value(args, ++i, "--port")));
        case "--virtual-clock" -> builder = builder.withVirtualClock();
        case "--help", "-h" -> {
          System.out.println(
              "usage: java -jar serverless-stack-server.jar [--host H] [--port N] [--virtual-clock]");
          return;
        }
        default -> {
          System.err.println("Unknown argument " + args[i] + "; try --help");
          System.exit(2);
        }
      }
    }
    ServerlessStackServer stack = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "serverless-stack-shutdown"));
    System.out.println(
        "serverless-stack ready on "
            + stack.endpoint()
            + " (sqs) in "
            + Duration.ofNanos(System.nanoTime() - startNanos).toMillis()
            + " ms");
    Thread.currentThread().join();
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      System.err.println(flag + " needs a value");
      System.exit(2);
    }
    return args[index];
  }
}
