package io.serverlessstack.junit;

import io.serverlessstack.api.StackDefaults;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * What {@link DeliveryStreamDeclarations} does with the SDK's {@link FirehoseClient} and {@link
 * S3Client}: creates declared delivery streams and their buckets, and finds the stream a handle
 * stands for. Loaded only when a test declares a delivery stream or asks for a handle.
 */
final class DeliveryStreamClient {

  /** The role Firehose is given; the stack checks no permissions. */
  private static final String ROLE =
      "arn:aws:iam::" + StackDefaults.ACCOUNT_ID + ":role/serverless-stack-firehose";

  private DeliveryStreamClient() {}

  static void create(ManagedStack stack, List<DeliveryStream> streams) {
    FirehoseClient firehose = stack.client(FirehoseClient.class);
    S3Client s3 = stack.client(S3Client.class);
    for (DeliveryStream stream : streams) {
      if (arn(firehose, stream.name()).isPresent()) {
        continue;
      }
      createBucketIfMissing(s3, stream.bucket());
      String source =
          stream.source().isEmpty() ? null : streamArn(stack, stream.name(), stream.source());
      try {
        firehose.createDeliveryStream(
            request -> {
              request.deliveryStreamName(stream.name());
              if (source != null) {
                request
                    .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                    .kinesisStreamSourceConfiguration(
                        kinesis -> kinesis.kinesisStreamARN(source).roleARN(ROLE));
              }
              request.extendedS3DestinationConfiguration(
                  s3Destination ->
                      s3Destination
                          .roleARN(ROLE)
                          .bucketARN("arn:aws:s3:::" + stream.bucket())
                          .prefix(stream.prefix().isEmpty() ? null : stream.prefix())
                          .compressionFormat(
                              stream.gzip()
                                  ? CompressionFormat.GZIP
                                  : CompressionFormat.UNCOMPRESSED)
                          .bufferingHints(
                              hints ->
                                  hints
                                      .intervalInSeconds(stream.bufferIntervalSeconds())
                                      .sizeInMBs(stream.bufferSizeMiB())));
            });
      } catch (FirehoseException rejected) {
        throw new ExtensionConfigurationException(
            "Firehose rejected @DeliveryStream(name = \""
                + stream.name()
                + "\"): "
                + (rejected.awsErrorDetails() == null
                    ? rejected.getMessage()
                    : rejected.awsErrorDetails().errorCode()
                        + ": "
                        + rejected.awsErrorDetails().errorMessage()),
            rejected);
      }
    }
  }

  private static void createBucketIfMissing(S3Client s3, String bucket) {
    try {
      s3.headBucket(request -> request.bucket(bucket));
    } catch (NoSuchBucketException missing) {
      s3.createBucket(request -> request.bucket(bucket));
    }
  }

  /** The ARN of the declared Kinesis stream a delivery stream reads. */
  private static String streamArn(ManagedStack stack, String deliveryStream, String source) {
    try {
      return stack
          .client(KinesisClient.class)
          .describeStreamSummary(request -> request.streamName(source))
          .streamDescriptionSummary()
          .streamARN();
    } catch (software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException missing) {
      throw new ExtensionConfigurationException(
          "@DeliveryStream(name = \""
              + deliveryStream
              + "\", source = \""
              + source
              + "\"): there is no Kinesis stream \""
              + source
              + "\"; declare it with @KinesisStream(name = \""
              + source
              + "\")",
          missing);
    }
  }

  static Optional<DeliveryStreamHandle> handle(ManagedStack stack, String name) {
    return arn(stack.client(FirehoseClient.class), name)
        .map(arn -> new DeliveryStreamHandle(name, arn, stack.stack().inspector()));
  }

  private static Optional<String> arn(FirehoseClient firehose, String name) {
    try {
      return Optional.of(
          firehose
              .describeDeliveryStream(request -> request.deliveryStreamName(name))
              .deliveryStreamDescription()
              .deliveryStreamARN());
    } catch (ResourceNotFoundException missing) {
      return Optional.empty();
    }
  }
}
