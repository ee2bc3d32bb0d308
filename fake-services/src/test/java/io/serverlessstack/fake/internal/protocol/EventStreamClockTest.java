package io.serverlessstack.fake.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * An event stream on the idle-skipping clock: while it waits for its next event it lets the clock
 * skip ahead to that event's deadline, and once it ends, or its client cancels it, it no longer
 * counts as a request in flight.
 */
class EventStreamClockTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @RegisterExtension
  static final PlatformStack stack = new PlatformStack(() -> VirtualClock.skippingIdleTime(START));

  private static KinesisAsyncClient kinesis;

  @Test
  void aStreamWaitingForEventsLetsTheClockSkipToThem() throws Exception {
    KinesisAsyncClient client = kinesis();
    stack.kinesis.scriptSubscriptions(
        TestShardPublisher.Script.events(3).spacedBy(Duration.ofMinutes(10)));
    EventStreamSubscriber subscriber = EventStreamSubscriber.readingAll();
    Instant before = stack.clock().now();

    // Thirty minutes of stack time, in well under the wall time allowed.
    client.subscribeToShard(request(), handler(subscriber)).get(10, TimeUnit.SECONDS);

    assertThat(subscriber.events).hasSize(3);
    assertThat(stack.clock().now()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(30)));
    assertNothingInFlight();
  }

  @Test
  void aStreamItsClientCancelledNoLongerCounts() throws Exception {
    KinesisAsyncClient client = kinesis();
    stack.kinesis.scriptSubscriptions(TestShardPublisher.Script.events(2).stayingOpen());
    EventStreamSubscriber subscriber = EventStreamSubscriber.cancellingAfter(2);

    client.subscribeToShard(request(), handler(subscriber));

    assertThat(subscriber.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(stack.kinesis.publishers().get(0).cancelled().await(10, TimeUnit.SECONDS)).isTrue();
    assertNothingInFlight();
  }

  /**
   * With no request in flight the idle-skipping clock stands still, even with a task due: were the
   * stream still counted (parked), the clock would skip to the task within its quiet period.
   */
  private static void assertNothingInFlight() throws InterruptedException {
    Instant now = stack.clock().now();
    CountDownLatch ran = new CountDownLatch(1);
    stack.clock().schedule(now.plus(Duration.ofHours(1)), ran::countDown);
    // Waiting for something not to happen: a hundred quiet periods.
    assertThat(ran.await(VirtualClock.QUIET_PERIOD.toMillis() * 100, TimeUnit.MILLISECONDS))
        .as("the clock skipped ahead although no request is in flight")
        .isFalse();
    ((VirtualClock) stack.clock()).advance(Duration.ofHours(1)); // runs the task, leaves none
    assertThat(ran.getCount()).isZero();
  }

  private static SubscribeToShardRequest request() {
    return SubscribeToShardRequest.builder()
        .consumerARN(TestKinesis.consumerArn("clocked", "app"))
        .shardId(TestKinesis.SHARD)
        .startingPosition(p -> p.type(ShardIteratorType.LATEST))
        .build();
  }

  private static SubscribeToShardResponseHandler handler(EventStreamSubscriber subscriber) {
    return SubscribeToShardResponseHandler.builder().subscriber(() -> subscriber).build();
  }

  /** The class's HTTP/2 client, with the stream {@code clocked} created. */
  private static KinesisAsyncClient kinesis() throws Exception {
    if (kinesis == null) {
      kinesis =
          stack
              .track(
                  ClientKind.ASYNC_HTTP2.clients(
                      stack.endpoint(),
                      KinesisClient::builder,
                      KinesisAsyncClient::builder,
                      List.of()))
              .async();
    }
    kinesis.createStream(b -> b.streamName("clocked").shardCount(1)).get(10, TimeUnit.SECONDS);
    return kinesis;
  }
}
