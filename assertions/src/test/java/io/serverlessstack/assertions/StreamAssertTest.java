package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.InspectableStream;
import io.serverlessstack.fake.ServerlessStackServer;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Stream assertions against a real stack: stream {@code clicks} with two shards, records put with
 * the SDK's {@code KinesisClient}.
 */
class StreamAssertTest {

  private static LiveStack stack;

  @BeforeAll
  static void startStack() {
    stack = new LiveStack();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @BeforeEach
  void freshStream() {
    stack.server.reset();
    stack.kinesis.createStream(b -> b.streamName("clicks").shardCount(2));
  }

  private static InspectableStream clicks() {
    return InspectableStream.of(stack.server.inspector(), "clicks");
  }

  private static String put(String key, String text) {
    return stack
        .kinesis
        .putRecord(
            b -> b.streamName("clicks").partitionKey(key).data(SdkBytes.fromUtf8String(text)))
        .shardId();
  }

  @Test
  void recordsOfAPartitionKeyAreInPutOrderAcrossAReshard() {
    put("session-1", "view");
    put("session-1", "cart");
    stack.kinesis.splitShard(
        b ->
            b.streamName("clicks")
                .shardToSplit("shardId-000000000000")
                .newStartingHashKey(BigInteger.TWO.pow(126).toString()));
    stack.kinesis.mergeShards(
        b ->
            b.streamName("clicks")
                .shardToMerge("shardId-000000000003")
                .adjacentShardToMerge("shardId-000000000001"));
    put("session-1", "checkout");

    assertThat(clicks())
        .exists()
        .hasRecordCount(3)
        .hasRecordsInOrder("session-1", "view", "cart", "checkout")
        .hasKeptEveryRecordPut()
        .hasThrottledPuts(0)
        .hasThrottledReads(0);
  }

  @Test
  void hasRecordsInOrderFailsShowingTheOrderFound() {
    put("session-1", "cart");
    put("session-1", "view");

    assertThatThrownBy(() -> assertThat(clicks()).hasRecordsInOrder("session-1", "view", "cart"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expecting stream \"clicks\" to keep the records of partition key \"session-1\" exactly in this order:")
        .hasMessageContaining("[view, cart]")
        .hasMessageContaining("it keeps these, in this order:")
        .hasMessageContaining("[cart, view]")
        .hasMessageContaining("Shards now:")
        .hasMessageContaining("shardId-000000000000 open");
  }

  @Test
  void hasRecordOnShardNamesTheShardTheRecordIsOn() {
    String shard = put("session-2", "view");
    String other =
        shard.equals("shardId-000000000000") ? "shardId-000000000001" : "shardId-000000000000";

    assertThat(clicks()).hasRecordOnShard("view", shard).hasRecord("view");
    assertThatThrownBy(() -> assertThat(clicks()).hasRecordOnShard("view", other))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it is on [" + shard + "]");
  }

  @Test
  void existsFailsForAStreamTheStackDoesNotHave() {
    assertThatThrownBy(() -> assertThat(stack.server.inspector()).stream("orders").exists())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting stream \"orders\" to exist")
        .hasMessageContaining("its streams are [clicks]");
  }

  @Test
  void throttledReadsAreCountedFromTheJournal() {
    try (ServerlessStackServer limited =
            ServerlessStackServer.builder()
                .withVirtualClock()
                .withStream("clicks", Map.of("ShardCount", "1", "ThroughputLimits", "true"))
                .start();
        KinesisClient kinesis =
            KinesisClient.builder()
                .endpointOverride(limited.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
      String iterator =
          kinesis
              .getShardIterator(
                  b ->
                      b.streamName("clicks")
                          .shardId("shardId-000000000000")
                          .shardIteratorType(ShardIteratorType.LATEST))
              .shardIterator();
      int refused = 0;
      for (int i = 0; i < 7; i++) {
        try {
          kinesis.getRecords(b -> b.shardIterator(iterator));
        } catch (ProvisionedThroughputExceededException expected) {
          refused++;
        }
      }

      InspectableStream stream = InspectableStream.of(limited.inspector(), "clicks");
      org.assertj.core.api.Assertions.assertThat(refused).isEqualTo(2);
      assertThat(stream).hasThrottledReads(2);
      assertThatThrownBy(() -> assertThat(stream).hasThrottledReads(0))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("but the journal records 2 throttled reads");
    }
  }
}
