package io.serverlessstack.fake.internal.kinesis;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static io.serverlessstack.fake.internal.kinesis.KinesisRecordsTest.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.StackSettings;
import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.fake.SqsStack;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The stack's Kinesis settings: {@code kinesis.statusTransition} makes streams and consumers pass
 * through AWS's transitional statuses on the stack's clock, with AWS's answers while they do, and
 * {@code kinesis.throughputLimits} switches the per-shard limits on for every stream.
 */
class KinesisSettingsTest {

  @RegisterExtension
  static final SqsStack stack =
      SqsStack.withVirtualClock(
          builder ->
              builder
                  .withSetting(StackSettings.KINESIS_STATUS_TRANSITION, "PT10S")
                  .withSetting(StackSettings.KINESIS_THROUGHPUT_LIMITS, "true"));

  private static StreamStatus status(String stream) {
    return stack
        .kinesis()
        .describeStreamSummary(b -> b.streamName(stream))
        .streamDescriptionSummary()
        .streamStatus();
  }

  @Test
  void streamsPassThroughCreatingUpdatingAndDeletingOnTheStackClock() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));

    assertThat(status("orders")).isEqualTo(StreamStatus.CREATING);
    ResourceNotFoundException notYet =
        assertAwsError(
            () -> stack.kinesis().putRecord(put("orders", "k", SdkBytes.fromUtf8String("x"))),
            ResourceNotFoundException.class,
            "ResourceNotFoundException",
            400);
    assertThat(notYet.awsErrorDetails().errorMessage())
        .isEqualTo("Stream orders under account 000000000000 not found.");

    stack.advance(Duration.ofSeconds(10));
    assertThat(status("orders")).isEqualTo(StreamStatus.ACTIVE);
    stack
        .kinesis()
        .splitShard(
            b ->
                b.streamName("orders")
                    .shardToSplit("shardId-000000000000")
                    .newStartingHashKey(BigInteger.TWO.pow(127).toString()));
    assertThat(status("orders")).isEqualTo(StreamStatus.UPDATING);
    // Records still go in while the stream updates, to the shard that is still open.
    assertThat(
            stack.kinesis().putRecord(put("orders", "k", SdkBytes.fromUtf8String("x"))).shardId())
        .isEqualTo("shardId-000000000000");
    ResourceInUseException busy =
        assertAwsError(
            () ->
                stack
                    .kinesis()
                    .updateShardCount(
                        b ->
                            b.streamName("orders")
                                .targetShardCount(2)
                                .scalingType("UNIFORM_SCALING")),
            ResourceInUseException.class,
            "ResourceInUseException",
            400);
    assertThat(busy.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Stream orders under account 000000000000 not ACTIVE, instead in state UPDATING");

    stack.advance(Duration.ofSeconds(10));
    assertThat(status("orders")).isEqualTo(StreamStatus.ACTIVE);
    assertThat(stack.kinesis().listShards(b -> b.streamName("orders")).shards()).hasSize(3);

    stack.kinesis().deleteStream(b -> b.streamName("orders"));
    assertThat(status("orders")).isEqualTo(StreamStatus.DELETING);
    stack.advance(Duration.ofSeconds(10));
    assertThat(stack.kinesis().listStreams().streamNames()).isEmpty();
  }

  @Test
  void consumersAreCreatingUntilTheTransitionPasses() {
    stack.kinesis().createStream(b -> b.streamName("clicks").shardCount(1));
    stack.advance(Duration.ofSeconds(10));
    String arn =
        stack
            .kinesis()
            .describeStreamSummary(b -> b.streamName("clicks"))
            .streamDescriptionSummary()
            .streamARN();

    String consumer =
        stack
            .kinesis()
            .registerStreamConsumer(b -> b.streamARN(arn).consumerName("reader"))
            .consumer()
            .consumerARN();

    assertThat(
            stack
                .kinesis()
                .describeStreamConsumer(b -> b.consumerARN(consumer))
                .consumerDescription()
                .consumerStatus())
        .isEqualTo(ConsumerStatus.CREATING);
    stack.advance(Duration.ofSeconds(10));
    assertThat(
            stack
                .kinesis()
                .describeStreamConsumer(b -> b.consumerARN(consumer))
                .consumerDescription()
                .consumerStatus())
        .isEqualTo(ConsumerStatus.ACTIVE);
  }

  @Test
  void theStackWideSwitchLimitsEveryStream() {
    stack.kinesis().createStream(b -> b.streamName("clicks").shardCount(1));
    stack.advance(Duration.ofSeconds(10));
    List<PutRecordsRequestEntry> batch =
        IntStream.range(0, 500)
            .mapToObj(
                i ->
                    PutRecordsRequestEntry.builder()
                        .partitionKey("k")
                        .data(SdkBytes.fromUtf8String("r" + i))
                        .build())
            .toList();

    stack.kinesis().putRecords(b -> b.streamName("clicks").records(batch));
    stack.kinesis().putRecords(b -> b.streamName("clicks").records(batch));

    assertThat(
            stack
                .kinesis()
                .putRecords(b -> b.streamName("clicks").records(batch.subList(0, 1)))
                .failedRecordCount())
        .isEqualTo(1);
  }

  @Test
  void theControlPlaneAnswersLimitExceededBeyondAwsQuotasPerSecond() {
    stack.kinesis().createStream(b -> b.streamName("clicks").shardCount(1));
    stack.advance(Duration.ofSeconds(10));
    for (int i = 0; i < 10; i++) {
      stack.kinesis().describeStream(b -> b.streamName("clicks"));
    }

    LimitExceededException refused =
        assertAwsError(
            () -> stack.kinesis().describeStream(b -> b.streamName("clicks")),
            LimitExceededException.class,
            "LimitExceededException",
            400);
    for (int i = 0; i < 5; i++) {
      stack
          .kinesis()
          .getShardIterator(
              b ->
                  b.streamName("clicks")
                      .shardId("shardId-000000000000")
                      .shardIteratorType("LATEST"));
    }
    assertAwsError(
        () ->
            stack
                .kinesis()
                .getShardIterator(
                    b ->
                        b.streamName("clicks")
                            .shardId("shardId-000000000000")
                            .shardIteratorType("LATEST")),
        LimitExceededException.class,
        "LimitExceededException",
        400);

    assertThat(refused.awsErrorDetails().errorMessage())
        .isEqualTo("Rate exceeded for stream clicks under account 000000000000.");
    stack.advance(Duration.ofSeconds(1));
    assertThat(stack.kinesis().describeStream(b -> b.streamName("clicks")).streamDescription())
        .isNotNull();
  }

  @Test
  void unknownSettingsAndBadValuesAreRefusedWhereGiven() {
    assertThatThrownBy(() -> ServerlessStackServer.builder().withSetting("kinesis.speed", "fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown setting 'kinesis.speed'; known settings: kinesis.statusTransition,"
                + " kinesis.throughputLimits");
    assertThatThrownBy(
            () ->
                ServerlessStackServer.builder()
                    .withSetting(StackSettings.KINESIS_STATUS_TRANSITION, "10s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "setting kinesis.statusTransition is an ISO-8601 duration such as PT10S, not '10s'");
    assertThatThrownBy(
            () ->
                ServerlessStackServer.builder()
                    .withSetting(StackSettings.KINESIS_THROUGHPUT_LIMITS, "yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setting kinesis.throughputLimits is true or false, not 'yes'");
  }
}
