package io.serverlessstack.benchmarks;

import io.serverlessstack.fake.ServerlessStackServer;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * Child-JVM probe: starts a server {@code repeats} times in this JVM and reports, per start, the
 * time from just before the builder call to start() returning, to the first successful request,
 * and the time stop takes. The first start in a fresh JVM is the cold one.
 *
 * <p>Usage: {@code StartupProbe STACK|ELASTICMQ repeats}
 */
public final class StartupProbe {

  private StartupProbe() {}

  public static void main(String[] args) throws IOException {
    TargetKind kind = TargetKind.valueOf(args[0]);
    int repeats = Integer.parseInt(args[1]);
    for (int i = 0; i < repeats; i++) {
      switch (kind) {
        case STACK -> stack();
        case ELASTICMQ -> elasticMq();
        default -> throw new IllegalArgumentException("Nothing to start for " + kind);
      }
    }
    System.exit(0); // ElasticMQ leaves non-daemon threads behind
  }

  private static void stack() throws IOException {
    long before = System.nanoTime();
    ServerlessStackServer stack = ServerlessStackServer.builder().withPort(0).start();
    long started = System.nanoTime();
    Clients.rawCreateQueue(stack.endpoint(), "probe");
    long served = System.nanoTime();
    stack.close();
    report(before, started, served, System.nanoTime());
  }

  private static void elasticMq() throws IOException {
    int port = SqsTarget.freePort();
    long before = System.nanoTime();
    SQSRestServer server =
        SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
    server.waitUntilStarted();
    long started = System.nanoTime();
    Clients.rawCreateQueue(URI.create("http://127.0.0.1:" + port), "probe");
    long served = System.nanoTime();
    server.stopAndWait();
    report(before, started, served, System.nanoTime());
  }

  private static void report(long before, long started, long served, long stopped) {
    ChildJvm.report(
        Map.of(
            "start_ms", millis(started - before),
            "first_request_ms", millis(served - before),
            "stop_ms", millis(stopped - served)));
  }

  private static String millis(long nanos) {
    return Stats.fixed(nanos / 1e6, 1);
  }
}
