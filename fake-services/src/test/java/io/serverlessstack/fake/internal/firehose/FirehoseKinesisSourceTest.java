package io.serverlessstack.fake.internal.firehose;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.FirehoseStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Delivery streams that read a Kinesis stream of the stack: they start at its end, deliver what is
 * put with the SDK's {@code KinesisClient} after they were created, follow a reshard, and refuse
 * direct puts as AWS does.
 */
class FirehoseKinesisSourceTest {

  @RegisterExtension static final FirehoseStack stack = new FirehoseStack();

  private static final String BUCKET = "landing";
  private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

  private final FirehoseClient firehose = stack.firehose();
  private final KinesisClient kinesis = stack.kinesis();

  @BeforeEach
  void streamAndBucket() {
    stack.s3().createBucket(b -> b.bucket(BUCKET));
    kinesis.createStream(b -> b.streamName("orders").shardCount(2));
  }

  private void createDeliveryStream() {
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName("orders-archive")
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(
                    k ->
                        k.kinesisStreamARN(STREAM_ARN)
                            .roleARN("arn:aws:iam::000000000000:role/firehose-reader"))
                .extendedS3DestinationConfiguration(
                    s3 ->
                        s3.roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::" + BUCKET)
                            .bufferingHints(h -> h.sizeInMBs(5).intervalInSeconds(60))));
  }

  private void putToKinesis(String key, String text) {
    kinesis.putRecord(
        b -> b.streamName("orders").partitionKey(key).data(SdkBytes.fromUtf8String(text)));
  }

  /** Waits (wall time) until the delivery stream read {@code count} records into its buffer. */
  private static void awaitBuffered(int count) throws InterruptedException {
    Await.until(
        () ->
            stack
                    .server()
                    .inspector()
                    .deliveryStream("orders-archive")
                    .orElseThrow()
                    .bufferedRecords()
                == count);
  }

  @Test
  void recordsPutOnTheStreamAfterTheDeliveryStreamWasCreatedReachS3() throws Exception {
    putToKinesis("a", "before\n");
    createDeliveryStream();
    putToKinesis("a", "first\n");
    putToKinesis("a", "second\n");
    awaitBuffered(2);

    stack.advance(Duration.ofSeconds(60));
    List<String> keys = stack.awaitKeys(BUCKET, 1);

    assertThat(keys).hasSize(1);
    assertThat(keys.get(0)).contains("/orders-archive-1-");
    assertThat(stack.object(BUCKET, keys.get(0)).asUtf8String()).isEqualTo("first\nsecond\n");
  }

  @Test
  void describeShowsTheSourceStreamAndWhenReadingStarted() {
    Instant created = stack.server().inspector().now();
    createDeliveryStream();

    DeliveryStreamDescription description =
        firehose
            .describeDeliveryStream(b -> b.deliveryStreamName("orders-archive"))
            .deliveryStreamDescription();

    assertThat(description.deliveryStreamType())
        .isEqualTo(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE);
    assertThat(description.source().kinesisStreamSourceDescription().kinesisStreamARN())
        .isEqualTo(STREAM_ARN);
    assertThat(description.source().kinesisStreamSourceDescription().roleARN())
        .isEqualTo("arn:aws:iam::000000000000:role/firehose-reader");
    assertThat(description.source().kinesisStreamSourceDescription().deliveryStartTimestamp())
        .isEqualTo(created);
    assertThat(
            stack
                .server()
                .inspector()
                .deliveryStream("orders-archive")
                .orElseThrow()
                .sourceStreamArn())
        .isEqualTo(STREAM_ARN);
    assertThat(
            firehose
                .listDeliveryStreams(b -> b.deliveryStreamType(DeliveryStreamType.DIRECT_PUT))
                .deliveryStreamNames())
        .isEmpty();
    assertThat(
            firehose
                .listDeliveryStreams(
                    b -> b.deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE))
                .deliveryStreamNames())
        .containsExactly("orders-archive");
  }

  @Test
  void directPutsToAStreamThatReadsKinesisAreRefused() {
    createDeliveryStream();

    InvalidArgumentException refused =
        assertAwsError(
            () ->
                firehose.putRecord(
                    b ->
                        b.deliveryStreamName("orders-archive")
                            .record(r -> r.data(SdkBytes.fromUtf8String("x")))),
            InvalidArgumentException.class,
            "InvalidArgumentException",
            400);
    assertThat(refused.awsErrorDetails().errorMessage())
        .isEqualTo(
            "This operation is not permitted on KinesisStreamAsSource delivery stream type.");
    assertAwsError(
        () ->
            firehose.putRecordBatch(
                b ->
                    b.deliveryStreamName("orders-archive")
                        .records(Record.builder().data(SdkBytes.fromUtf8String("x")).build())),
        InvalidArgumentException.class,
        "InvalidArgumentException",
        400);
  }

  @Test
  void readingFollowsTheStreamIntoChildShardsAfterAReshard() throws Exception {
    createDeliveryStream();
    putToKinesis("k", "parent\n");
    kinesis.updateShardCount(
        b -> b.streamName("orders").targetShardCount(4).scalingType("UNIFORM_SCALING"));
    putToKinesis("k", "child\n");
    awaitBuffered(2);

    stack.advance(Duration.ofSeconds(60));
    String content = stack.object(BUCKET, stack.awaitKeys(BUCKET, 1).get(0)).asUtf8String();

    assertThat(content).isEqualTo("parent\nchild\n");
  }

  @Test
  void aStreamThatDoesNotExistIsRefused() {
    kinesis.deleteStream(b -> b.streamName("orders"));

    assertAwsError(
        this::createDeliveryStream,
        InvalidArgumentException.class,
        "InvalidArgumentException",
        400);
  }
}
