package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.clock.SystemClock;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.platform.StackServices;
import io.serverlessstack.fake.internal.server.HttpFrontDoor;
import io.serverlessstack.fake.internal.server.Router;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import io.serverlessstack.fake.internal.server.StackResponse;
import io.serverlessstack.fake.internal.sqs.SqsPlugin;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The service platform with small test services registered as plug-ins beside SQS, behind the real
 * front door: a Kinesis-shaped service (awsJson 1.1 and CBOR), a Lambda-shaped one (restJson1), an
 * SNS-shaped one (awsQuery, sharing {@code AddPermission} with SQS) and one with raw routes only.
 * Each is built on its first request, as in a real stack, and the stack counts how often each
 * plug-in's factory ran. Registered as a static extension, it starts before a test class, resets
 * the services before each test and stops after the class; {@link #start()} gives a stack of one's
 * own.
 */
final class PlatformStack implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  final TestKinesis kinesis = new TestKinesis();
  final TestLambda lambda = new TestLambda();
  final TestSns sns = new TestSns();
  private final Map<String, AtomicInteger> builds = new ConcurrentHashMap<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Supplier<StackClock> clocks;
  private StackClock clock;
  private StackServices services;
  private HttpFrontDoor frontDoor;
  private URI endpoint;

  /** On the system clock. */
  PlatformStack() {
    this(SystemClock::new);
  }

  /** On the clock {@code clocks} makes (closed after the class if it is {@link AutoCloseable}). */
  PlatformStack(Supplier<StackClock> clocks) {
    this.clocks = clocks;
  }

  /** A started stack, for a test that needs one of its own; {@link #close()} it. */
  static PlatformStack start() {
    PlatformStack stack = new PlatformStack();
    stack.startServing();
    return stack;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startServing();
  }

  private void startServing() {
    clock = clocks.get();
    kinesis.useClock(clock);
    List<ServicePlugin> plugins =
        List.of(
            counted(new SqsPlugin()),
            counted(
                ServicePlugin.of(
                    ServiceDescriptor.builder("sns").queryVersion(TestSns.VERSION).build(),
                    context -> sns.service())),
            counted(
                ServicePlugin.of(
                    ServiceDescriptor.builder("kinesis")
                        .targetPrefix(TestKinesis.TARGET_PREFIX)
                        .build(),
                    context -> kinesis.service())),
            counted(
                ServicePlugin.of(
                    ServiceDescriptor.builder("lambda")
                        .restPathPrefix("/2015-03-31/functions")
                        .build(),
                    context -> lambda.service())),
            counted(
                ServicePlugin.of(
                    ServiceDescriptor.builder("execute-api")
                        .rawRoute(TestInvokeUrls.INVOKE_PATH)
                        .rawRoute(TestInvokeUrls.INVOKE_HOST)
                        .build(),
                    context -> new TestInvokeUrls().service())));
    services =
        new StackServices(plugins, clock, new Journal(clock, 10_000, 1_000_000), null, List.of());
    Router router = new Router(services, request -> StackResponse.of(200, "text/plain", "admin"));
    frontDoor = HttpFrontDoor.start("127.0.0.1", 0, 8 * 1024 * 1024, 2, router, clock);
    endpoint = URI.create("http://127.0.0.1:" + frontDoor.address().getPort());
  }

  private ServicePlugin counted(ServicePlugin plugin) {
    AtomicInteger count = new AtomicInteger();
    builds.put(plugin.descriptor().id(), count);
    return ServicePlugin.of(
        plugin.descriptor(),
        context -> {
          count.incrementAndGet();
          return plugin.create(context);
        });
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    services.reset();
    kinesis.reset();
    lambda.reset();
    sns.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  void close() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
    closeables.clear();
    if (frontDoor != null) {
      frontDoor.close();
    }
    if (services != null) {
      services.close();
    }
    if (clock instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  StackClock clock() {
    return clock;
  }

  URI endpoint() {
    return endpoint;
  }

  /** How often the factory of service {@code id} has run. */
  int builds(String id) {
    return builds.get(id).get();
  }

  /** Every service's build count, by id. */
  Map<String, Integer> allBuilds() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    builds.forEach((id, count) -> counts.put(id, count.get()));
    return counts;
  }

  /** {@code closeable}, closed when the class's tests are done. */
  <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }
}
