package io.serverlessstack.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.serverlessstack.fake.ServerlessStackServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * Child-JVM probe: starts a server {@code repeats} times in this JVM and reports, per start, the
 * time from just before the builder call to start() returning, to the first successful request, and
 * the time stop takes. The first start in a fresh JVM is the cold one. It also reports the CPU time
 * the whole process spent starting (JIT and GC threads included), which other load on the machine
 * disturbs much less than the wall-clock time.
 *
 * <p>Usage: {@code StartupProbe STACK|ELASTICMQ repeats}
 */
public final class StartupProbe {

  private static final OperatingSystemMXBean OS =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

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
    long cpuBefore = OS.getProcessCpuTime();
    long before = System.nanoTime();
    ServerlessStackServer stack = ServerlessStackServer.builder().withPort(0).start();
    long started = System.nanoTime();
    long cpuStarted = OS.getProcessCpuTime();
    Clients.rawCreateQueue(stack.endpoint(), "probe");
    long served = System.nanoTime();
    stack.close();
    report(before, started, served, System.nanoTime(), cpuStarted - cpuBefore);
  }

  private static void elasticMq() throws IOException {
    int port = SqsTarget.freePort();
    long cpuBefore = OS.getProcessCpuTime();
    long before = System.nanoTime();
    SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
    server.waitUntilStarted();
    long started = System.nanoTime();
    long cpuStarted = OS.getProcessCpuTime();
    Clients.rawCreateQueue(URI.create("http://127.0.0.1:" + port), "probe");
    long served = System.nanoTime();
    server.stopAndWait();
    report(before, started, served, System.nanoTime(), cpuStarted - cpuBefore);
  }

  private static void report(
      long before, long started, long served, long stopped, long startCpuNanos) {
    ChildJvm.report(
        Map.of(
            "start_ms", millis(started - before),
            "start_cpu_ms", millis(startCpuNanos),
            "first_request_ms", millis(served - before),
            "stop_ms", millis(stopped - served)));
  }

  private static String millis(long nanos) {
    return Stats.fixed(nanos / 1e6, 1);
  }
}
