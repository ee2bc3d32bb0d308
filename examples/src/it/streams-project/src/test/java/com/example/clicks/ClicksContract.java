package com.example.clicks;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.junit.DeliveryStream;
import io.serverlessstack.junit.DeliveryStreamHandle;
import io.serverlessstack.junit.DeliveryStreamName;
import io.serverlessstack.junit.KinesisStream;
import io.serverlessstack.junit.KinesisStreamHandle;
import io.serverlessstack.junit.KinesisStreamName;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Clicks on a Kinesis stream and archived through Firehose to S3, written once and run in the JVM
 * ({@link ClicksInJvmTest}) and in a container ({@link ClicksContainerTest}).
 */
@KinesisStream(name = "clicks", shards = 2)
@DeliveryStream(name = "archive", bucket = "archive", prefix = "clicks/", bufferIntervalSeconds = 60)
abstract class ClicksContract {

  @Test
  void clicksKeepTheirOrderAndTheArchiveLandsInS3(
      KinesisClient kinesis,
      FirehoseClient firehose,
      S3Client s3,
      ClockControl clock,
      @KinesisStreamName("clicks") KinesisStreamHandle clicks,
      @DeliveryStreamName("archive") DeliveryStreamHandle archive) {
    for (String page : new String[] {"view", "cart", "checkout"}) {
      kinesis.putRecord(
          b -> b.streamName("clicks").partitionKey("session-1").data(SdkBytes.fromUtf8String(page)));
      firehose.putRecord(
          b -> b.deliveryStreamName("archive").record(r -> r.data(SdkBytes.fromUtf8String(page + "\n"))));
    }
    clock.advance(Duration.ofSeconds(60));

    assertThat(clicks).hasRecordsInOrder("session-1", "view", "cart", "checkout").hasKeptEveryRecordPut();
    assertThat(archive).eventually().hasDelivered(3);
    String key = s3.listObjectsV2(b -> b.bucket("archive").prefix("clicks/")).contents().get(0).key();
    assertEquals("view\ncart\ncheckout\n", s3.getObjectAsBytes(b -> b.bucket("archive").key(key)).asUtf8String());
  }
}
