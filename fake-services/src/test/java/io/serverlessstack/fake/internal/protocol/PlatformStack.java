package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.clock.SystemClock;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.HttpFrontDoor;
import io.serverlessstack.fake.internal.server.Router;
import io.serverlessstack.fake.internal.server.StackResponse;
import io.serverlessstack.fake.internal.sqs.SqsEngine;
import io.serverlessstack.fake.internal.sqs.SqsOperations;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The service platform with small test services registered beside SQS, behind the real front door:
 * a Kinesis-shaped service (awsJson 1.1 and CBOR), a Lambda-shaped one (restJson1), an SNS-shaped
 * one (awsQuery, sharing {@code AddPermission} with SQS) and one with raw routes only. It starts
 * before a test class, resets the test services before each test and stops after the class.
 */
final class PlatformStack implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  final TestKinesis kinesis = new TestKinesis();
  final TestLambda lambda = new TestLambda();
  final TestSns sns = new TestSns();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Supplier<StackClock> clocks;
  private StackClock clock;
  private SqsEngine sqs;
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

  @Override
  public void beforeAll(ExtensionContext context) {
    clock = clocks.get();
    kinesis.useClock(clock);
    sqs = new SqsEngine(clock, new Journal(clock, 10_000, 1_000_000));
    List<AwsService> services =
        List.of(
            SqsOperations.service(sqs),
            sns.service(),
            kinesis.service(),
            lambda.service(),
            new TestInvokeUrls().service());
    Router router = new Router(services, request -> StackResponse.of(200, "text/plain", "admin"));
    frontDoor = HttpFrontDoor.start("127.0.0.1", 0, 8 * 1024 * 1024, 2, router, clock);
    endpoint = URI.create("http://127.0.0.1:" + frontDoor.address().getPort());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sqs.reset();
    kinesis.reset();
    lambda.reset();
    sns.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
    closeables.clear();
    if (frontDoor != null) {
      frontDoor.close();
    }
    if (sqs != null) {
      sqs.reset();
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

  /** {@code closeable}, closed when the class's tests are done. */
  <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }
}
