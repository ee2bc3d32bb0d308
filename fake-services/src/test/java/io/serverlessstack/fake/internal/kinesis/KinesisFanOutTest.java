package io.serverlessstack.fake.internal.kinesis;

import static io.serverlessstack.fake.internal.kinesis.KinesisRecordsTest.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.KinesisClients;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Enhanced fan-out through the real {@code KinesisAsyncClient} over HTTP/2: consumers are
 * registered and listed, SubscribeToShard pushes what is in the shard and then each record as it is
 * put, with continuation sequence numbers a new subscription resumes from, and ends after five
 * minutes of the stack's clock.
 */
class KinesisFanOutTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static String streamArn(String name) {
    stack.kinesis().createStream(b -> b.streamName(name).shardCount(1));
    return stack
        .kinesis()
        .describeStreamSummary(b -> b.streamName(name))
        .streamDescriptionSummary()
        .streamARN();
  }

  private static String register(String streamArn, String name) {
    return stack
        .kinesis()
        .registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(name))
        .consumer()
        .consumerARN();
  }

  @Test
  void consumersAreRegisteredDescribedListedAndDeregistered() throws Exception {
    String streamArn = streamArn("clicks");

    var registered =
        stack
            .kinesis()
            .registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("analytics"))
            .consumer();
    register(streamArn, "billing");

    assertThat(registered.consumerARN()).startsWith(streamArn + "/consumer/analytics:");
    var described =
        stack
            .kinesis()
            .describeStreamConsumer(b -> b.consumerARN(registered.consumerARN()))
            .consumerDescription();
    assertThat(described.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
    assertThat(described.streamARN()).isEqualTo(streamArn);
    assertThat(stack.kinesis().listStreamConsumers(b -> b.streamARN(streamArn)).consumers())
        .extracting(c -> c.consumerName())
        .containsExactly("analytics", "billing");
    assertThat(
            catchThrowableOfType(
                    ResourceInUseException.class, () -> register(streamArn, "analytics"))
                .awsErrorDetails()
                .errorMessage())
        .isEqualTo(
            "Consumer analytics under stream clicks already exists for account 000000000000.");

    stack.kinesis().deregisterStreamConsumer(b -> b.consumerARN(registered.consumerARN()));

    assertThat(stack.kinesis().listStreamConsumers(b -> b.streamARN(streamArn)).consumers())
        .extracting(c -> c.consumerName())
        .containsExactly("billing");
  }

  @Test
  void subscribeToShardPushesStoredAndNewRecordsInOrder() throws Exception {
    String consumer = register(streamArn("clicks"), "analytics");
    stack.kinesis().putRecord(put("clicks", "k", SdkBytes.fromUtf8String("stored")));
    KinesisAsyncClient async = stack.track(KinesisClients.async(stack.server()));
    List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();

    CompletableFuture<Void> done =
        async.subscribeToShard(
            request(consumer, ShardIteratorType.TRIM_HORIZON, null),
            SubscribeToShardResponseHandler.builder()
                .subscriber(
                    SubscribeToShardResponseHandler.Visitor.builder()
                        .onSubscribeToShardEvent(events::add)
                        .build())
                .build());
    awaitRecords(events, 1);
    for (int i = 0; i < 3; i++) {
      stack.kinesis().putRecord(put("clicks", "k", SdkBytes.fromUtf8String("live-" + i)));
    }
    awaitRecords(events, 4);

    assertThat(records(events))
        .extracting(r -> r.data().asUtf8String())
        .containsExactly("stored", "live-0", "live-1", "live-2");
    assertThat(done).isNotDone();
    stack.advance(ShardSubscription.LIFETIME);
    done.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aNewSubscriptionResumesFromTheContinuationSequenceNumber() throws Exception {
    String consumer = register(streamArn("clicks"), "analytics");
    for (int i = 0; i < 3; i++) {
      stack.kinesis().putRecord(put("clicks", "k", SdkBytes.fromUtf8String("r" + i)));
    }
    KinesisAsyncClient async = stack.track(KinesisClients.async(stack.server()));
    List<SubscribeToShardEvent> first = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ended =
        async.subscribeToShard(
            request(consumer, ShardIteratorType.TRIM_HORIZON, null),
            SubscribeToShardResponseHandler.builder()
                .subscriber(
                    SubscribeToShardResponseHandler.Visitor.builder()
                        .onSubscribeToShardEvent(first::add)
                        .build())
                .build());
    awaitRecords(first, 3);
    stack.advance(ShardSubscription.LIFETIME);
    ended.get(10, TimeUnit.SECONDS);
    stack.kinesis().putRecord(put("clicks", "k", SdkBytes.fromUtf8String("r3")));
    String continuation = first.get(first.size() - 1).continuationSequenceNumber();

    List<SubscribeToShardEvent> second = new CopyOnWriteArrayList<>();
    async.subscribeToShard(
        request(consumer, ShardIteratorType.AFTER_SEQUENCE_NUMBER, continuation),
        SubscribeToShardResponseHandler.builder()
            .subscriber(
                SubscribeToShardResponseHandler.Visitor.builder()
                    .onSubscribeToShardEvent(second::add)
                    .build())
            .build());
    awaitRecords(second, 1);

    assertThat(records(second)).extracting(r -> r.data().asUtf8String()).containsExactly("r3");
  }

  @Test
  void subscribingAgainWithinFiveSecondsIsRefused() throws Exception {
    String consumer = register(streamArn("clicks"), "analytics");
    KinesisAsyncClient async = stack.track(KinesisClients.async(stack.server()));
    List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
    async.subscribeToShard(
        request(consumer, ShardIteratorType.LATEST, null),
        SubscribeToShardResponseHandler.builder()
            .subscriber(
                SubscribeToShardResponseHandler.Visitor.builder()
                    .onSubscribeToShardEvent(events::add)
                    .build())
            .build());
    Await.until(() -> !events.isEmpty());

    Throwable refused =
        catchThrowableOfType(
                java.util.concurrent.CompletionException.class,
                () ->
                    async
                        .subscribeToShard(
                            request(consumer, ShardIteratorType.LATEST, null),
                            SubscribeToShardResponseHandler.builder().subscriber(e -> {}).build())
                        .join())
            .getCause();

    assertThat(refused).isInstanceOf(ResourceInUseException.class);
    stack.advance(Duration.ofSeconds(5));
    List<SubscribeToShardEvent> later = new CopyOnWriteArrayList<>();
    async.subscribeToShard(
        request(consumer, ShardIteratorType.LATEST, null),
        SubscribeToShardResponseHandler.builder()
            .subscriber(
                SubscribeToShardResponseHandler.Visitor.builder()
                    .onSubscribeToShardEvent(later::add)
                    .build())
            .build());
    Await.until(() -> !later.isEmpty());
  }

  // ---- helpers

  private static SubscribeToShardRequest request(
      String consumer, ShardIteratorType type, String sequence) {
    return SubscribeToShardRequest.builder()
        .consumerARN(consumer)
        .shardId("shardId-000000000000")
        .startingPosition(p -> p.type(type).sequenceNumber(sequence))
        .build();
  }

  private static List<Record> records(List<SubscribeToShardEvent> events) {
    return events.stream().flatMap(e -> e.records().stream()).toList();
  }

  private static void awaitRecords(List<SubscribeToShardEvent> events, int count)
      throws InterruptedException {
    Await.until(() -> records(events).size() >= count);
  }
}
