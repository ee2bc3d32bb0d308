package io.serverlessstack.fake.internal.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.KinesisEvents;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A stream declared with {@code ThroughputLimits=true} enforces AWS's per-shard limits on the
 * stack's clock: 1,000 records (or 1 MiB) written and 5 reads per shard and second, answered as AWS
 * answers them and recorded in the journal; the next second has room again.
 */
class KinesisThroughputTest {

  @RegisterExtension
  static final SqsStack stack =
      SqsStack.withVirtualClock(
          builder ->
              builder.withStream("limited", Map.of("ShardCount", "1", "ThroughputLimits", "true")));

  @Test
  void aStreamWithThroughputLimitsThrottlesWritesAndReadsPerShardAndSecond() {
    List<PutRecordsRequestEntry> batch =
        IntStream.range(0, 500)
            .mapToObj(
                i ->
                    PutRecordsRequestEntry.builder()
                        .partitionKey("k")
                        .data(SdkBytes.fromUtf8String("r" + i))
                        .build())
            .toList();

    PutRecordsResponse first =
        stack.kinesis().putRecords(b -> b.streamName("limited").records(batch));
    PutRecordsResponse second =
        stack.kinesis().putRecords(b -> b.streamName("limited").records(batch));
    PutRecordsResponse third =
        stack.kinesis().putRecords(b -> b.streamName("limited").records(batch));

    assertThat(first.failedRecordCount()).isZero();
    assertThat(second.failedRecordCount()).isZero();
    assertThat(third.failedRecordCount()).isEqualTo(500);
    assertThat(third.records().get(0).errorCode())
        .isEqualTo("ProvisionedThroughputExceededException");
    assertThat(third.records().get(0).errorMessage())
        .isEqualTo(
            "Rate exceeded for shard shardId-000000000000 in stream limited under account 000000000000.");

    stack.advance(Duration.ofSeconds(1));
    assertThat(
            stack
                .kinesis()
                .putRecords(b -> b.streamName("limited").records(batch.subList(0, 1)))
                .failedRecordCount())
        .isZero();

    String iterator =
        stack
            .kinesis()
            .getShardIterator(
                b ->
                    b.streamName("limited")
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    List<String> refused = new ArrayList<>();
    int refusedAttempts = 0;
    for (int i = 0; i < 6; i++) {
      try {
        stack.kinesis().getRecords(b -> b.shardIterator(iterator).limit(1));
      } catch (ProvisionedThroughputExceededException e) {
        refused.add(e.awsErrorDetails().errorCode());
        refusedAttempts += e.numAttempts();
      }
    }
    assertThat(refused).containsExactly("ProvisionedThroughputExceededException");
    assertThat(stack.server().inspector().journal())
        .filteredOn(e -> e.type().equals(KinesisEvents.PUT_THROTTLED))
        .hasSize(500);
    // The SDK retried the sixth read within the same second of the stack's clock: each attempt
    // was refused.
    assertThat(refusedAttempts).isGreaterThan(1);
    assertThat(stack.server().inspector().journal())
        .filteredOn(e -> e.type().equals(KinesisEvents.READ_THROTTLED))
        .hasSize(refusedAttempts);
  }
}
