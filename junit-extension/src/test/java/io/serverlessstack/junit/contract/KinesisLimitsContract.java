package io.serverlessstack.junit.contract;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.junit.KinesisStream;
import io.serverlessstack.junit.KinesisStreamHandle;
import io.serverlessstack.junit.KinesisStreamName;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * {@code @ServerlessStack(settings = "kinesis.throughputLimits=true")} reaches the stack however it
 * runs: run by {@link InJvmKinesisLimitsContractTest} and {@link
 * ContainerKinesisLimitsContractTest}. The clock is manual, so all puts fall in one second.
 */
@KinesisStream(name = "limited-clicks")
abstract class KinesisLimitsContract {

  @Test
  void aShardTakesAThousandRecordsASecondAndRefusesTheRest(
      KinesisClient kinesis, @KinesisStreamName("limited-clicks") KinesisStreamHandle clicks) {
    List<PutRecordsRequestEntry> batch =
        IntStream.range(0, 400)
            .mapToObj(
                i ->
                    PutRecordsRequestEntry.builder()
                        .partitionKey("k")
                        .data(SdkBytes.fromUtf8String("r" + i))
                        .build())
            .toList();

    int failed = 0;
    for (int i = 0; i < 3; i++) {
      failed +=
          kinesis.putRecords(b -> b.streamARN(clicks.arn()).records(batch)).failedRecordCount();
    }

    assertThat(failed).isEqualTo(200);
    assertThat(clicks).hasRecordCount(1000).hasThrottledPuts(200).hasKeptEveryRecordPut();
  }
}
