package io.serverlessstack.junit.contract;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.StreamView;
import io.serverlessstack.junit.KinesisStream;
import io.serverlessstack.junit.KinesisStreamHandle;
import io.serverlessstack.junit.KinesisStreamName;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * What a user of Kinesis may rely on whichever way the stack runs: written once, run by {@link
 * InJvmKinesisContractTest} and {@link ContainerKinesisContractTest}, with the injected sync (CBOR)
 * and async (HTTP/2) clients, so stream inspection and assertions read the same through the in-JVM
 * inspector and the remote one.
 */
@KinesisStream(name = "contract-clicks", shards = 2)
abstract class KinesisContract {

  private static void put(KinesisClient kinesis, String key, String text) {
    kinesis.putRecord(
        b -> b.streamName("contract-clicks").partitionKey(key).data(SdkBytes.fromUtf8String(text)));
  }

  @Test
  void recordsOfAKeyKeepTheirOrderAcrossAReshardAsInspectionAndAssertionsSeeThem(
      KinesisClient kinesis,
      @KinesisStreamName("contract-clicks") KinesisStreamHandle clicks,
      StackInspector inspector) {
    put(kinesis, "session-1", "view");
    put(kinesis, "session-1", "cart");
    kinesis.updateShardCount(
        b -> b.streamARN(clicks.arn()).targetShardCount(3).scalingType("UNIFORM_SCALING"));
    put(kinesis, "session-1", "checkout");

    assertThat(clicks)
        .exists()
        .hasRecordsInOrder("session-1", "view", "cart", "checkout")
        .hasKeptEveryRecordPut()
        .hasRecordCount(3);
    StreamView view = inspector.stream("contract-clicks").orElseThrow();
    assertThat(view.arn()).isEqualTo(clicks.arn());
    assertThat(view.shards().stream().filter(shard -> shard.isOpen()).count()).isEqualTo(3);
    assertThat(view.records())
        .extracting(r -> r.text())
        .containsExactly("view", "cart", "checkout");
  }

  @Test
  void theAsyncClientSubscribesToAShardOverHttp2(
      KinesisClient kinesis,
      KinesisAsyncClient async,
      @KinesisStreamName("contract-clicks") KinesisStreamHandle clicks)
      throws Exception {
    String explicit = BigInteger.ZERO.toString();
    kinesis.putRecord(
        b ->
            b.streamName("contract-clicks")
                .partitionKey("k")
                .explicitHashKey(explicit)
                .data(SdkBytes.fromUtf8String("pushed")));
    String consumer =
        kinesis
            .registerStreamConsumer(b -> b.streamARN(clicks.arn()).consumerName("contract"))
            .consumer()
            .consumerARN();
    List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();

    CompletableFuture<Void> subscription =
        async.subscribeToShard(
            b ->
                b.consumerARN(consumer)
                    .shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)),
            SubscribeToShardResponseHandler.builder()
                .subscriber(
                    SubscribeToShardResponseHandler.Visitor.builder()
                        .onSubscribeToShardEvent(events::add)
                        .build())
                .build());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (events.stream().mapToInt(e -> e.records().size()).sum() < 1
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    subscription.cancel(true);

    assertThat(events.stream().flatMap(e -> e.records().stream()).map(Record::data))
        .extracting(SdkBytes::asUtf8String)
        .containsExactly("pushed");
  }
}
