package io.serverlessstack.junit.contract;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.api.DeliveryStreamView;
import io.serverlessstack.api.InspectableDeliveryStream;
import io.serverlessstack.api.StackInspector;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a user of Firehose may rely on whichever way the stack runs: records put with the injected
 * {@code FirehoseClient} land in S3 once the buffer interval passes on the stack's clock, where the
 * injected {@code S3Client} reads them, and the delivery stream's assertions see them through the
 * in-JVM inspector and the remote one. Run by {@link InJvmFirehoseContractTest} and {@link
 * ContainerFirehoseContractTest}.
 */
@KinesisStream(name = "contract-source")
@DeliveryStream(
    name = "contract-declared",
    bucket = "contract-declared-bucket",
    prefix = "declared/",
    bufferIntervalSeconds = 60)
@DeliveryStream(name = "contract-mirror", source = "contract-source", bucket = "contract-mirror")
abstract class FirehoseContract {

  @Test
  void declaredDeliveryStreamsExistWithTheirBucketsAndSources(
      FirehoseClient firehose,
      ClockControl clock,
      @DeliveryStreamName("contract-declared") DeliveryStreamHandle declared,
      @DeliveryStreamName("contract-mirror") DeliveryStreamHandle mirror,
      @KinesisStreamName("contract-source") KinesisStreamHandle source) {
    firehose.putRecord(
        b ->
            b.deliveryStreamName(declared.name())
                .record(r -> r.data(SdkBytes.fromUtf8String("declared\n"))));

    clock.advance(Duration.ofSeconds(60));

    assertThat(declared).eventually().hasDelivered(1).hasDeliveredObjectContaining("declared");
    assertThat(
            firehose
                .describeDeliveryStream(b -> b.deliveryStreamName(mirror.name()))
                .deliveryStreamDescription()
                .source()
                .kinesisStreamSourceDescription()
                .kinesisStreamARN())
        .isEqualTo(source.arn());
  }

  @Test
  void recordsBufferedForTheIntervalLandInS3AsOneObject(
      FirehoseClient firehose, S3Client s3, ClockControl clock, StackInspector inspector) {
    s3.createBucket(b -> b.bucket("contract-landing"));
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName("contract-clicks")
                .extendedS3DestinationConfiguration(
                    c ->
                        c.roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::contract-landing")
                            .prefix("clicks/")
                            .bufferingHints(h -> h.intervalInSeconds(60).sizeInMBs(5))));
    for (String click : new String[] {"view\n", "cart\n"}) {
      firehose.putRecord(
          b ->
              b.deliveryStreamName("contract-clicks")
                  .record(r -> r.data(SdkBytes.fromUtf8String(click))));
    }

    clock.advance(Duration.ofSeconds(60));

    InspectableDeliveryStream clicks = InspectableDeliveryStream.of(inspector, "contract-clicks");
    assertThat(clicks).eventually().hasDelivered(2).hasDeliveredObjectContaining("cart");
    S3Object written =
        s3.listObjectsV2(b -> b.bucket("contract-landing").prefix("clicks/")).contents().get(0);
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket("contract-landing").key(written.key()))
                .asUtf8String())
        .isEqualTo("view\ncart\n");
    DeliveryStreamView view = inspector.deliveryStream("contract-clicks").orElseThrow();
    assertThat(view.name()).isEqualTo("contract-clicks");
  }
}
