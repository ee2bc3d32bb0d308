package io.serverlessstack.fake.internal.firehose;

import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationDescription;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.S3DestinationDescription;

/**
 * A delivery stream's one destination, as DescribeDeliveryStream answers it, with what it does that
 * the description leaves out (an HTTP endpoint's access key). Immutable: UpdateDestination makes a
 * new one, and a batch delivers with the destination it was flushed under.
 *
 * @param s3 the S3 destination, or {@code null}
 * @param http the HTTP endpoint destination, or {@code null}
 * @param accessKey the HTTP endpoint's access key, which descriptions never show, or {@code null}
 */
record Destination(
    ExtendedS3DestinationDescription s3,
    HttpEndpointDestinationDescription http,
    String accessKey) {

  /** The id of a delivery stream's one destination. */
  static final String ID = "destinationId-000000000001";

  static final String S3 = "S3";
  static final String HTTP_ENDPOINT = "HttpEndpoint";

  private static final long MIB = 1024L * 1024;

  Destination {
    if ((s3 == null) == (http == null)) {
      throw new IllegalArgumentException("A destination is S3 or an HTTP endpoint");
    }
  }

  static Destination s3(ExtendedS3DestinationDescription s3) {
    return new Destination(Objects.requireNonNull(s3, "s3"), null, null);
  }

  static Destination http(HttpEndpointDestinationDescription http, String accessKey) {
    return new Destination(null, Objects.requireNonNull(http, "http"), accessKey);
  }

  /** {@code S3} or {@code HttpEndpoint}. */
  String kind() {
    return s3 != null ? S3 : HTTP_ENDPOINT;
  }

  /** The destination as DescribeDeliveryStream lists it. */
  DestinationDescription description() {
    DestinationDescription.Builder description = DestinationDescription.builder().destinationId(ID);
    if (s3 != null) {
      description
          .extendedS3DestinationDescription(s3)
          .s3DestinationDescription(
              S3DestinationDescription.builder()
                  .roleARN(s3.roleARN())
                  .bucketARN(s3.bucketARN())
                  .prefix(s3.prefix())
                  .errorOutputPrefix(s3.errorOutputPrefix())
                  .bufferingHints(s3.bufferingHints())
                  .compressionFormat(s3.compressionFormatAsString())
                  .encryptionConfiguration(s3.encryptionConfiguration())
                  .cloudWatchLoggingOptions(s3.cloudWatchLoggingOptions())
                  .build());
    } else {
      description.httpEndpointDestinationDescription(http);
    }
    return description.build();
  }

  /** How many bytes fill the buffer. */
  long bufferBytes() {
    Integer size = s3 != null ? s3.bufferingHints().sizeInMBs() : http.bufferingHints().sizeInMBs();
    return size * MIB;
  }

  /** How long a record waits in the buffer at most, in seconds. */
  int intervalSeconds() {
    return s3 != null
        ? s3.bufferingHints().intervalInSeconds()
        : http.bufferingHints().intervalInSeconds();
  }

  /** Where the records go in S3: the destination's bucket, or an HTTP endpoint's backup bucket. */
  S3Output output() {
    return s3 != null ? S3Output.of(s3) : S3Output.of(http.s3DestinationDescription());
  }

  /** Where an S3 destination backs up its source records, or {@code null}. */
  S3Output sourceBackup() {
    if (s3 == null
        || !"Enabled".equals(s3.s3BackupModeAsString())
        || s3.s3BackupDescription() == null) {
      return null;
    }
    return S3Output.of(s3.s3BackupDescription());
  }

  /** Whether an HTTP endpoint backs up all its records, not only those it failed to deliver. */
  boolean backsUpAllData() {
    return http != null && "AllData".equals(http.s3BackupModeAsString());
  }

  private ProcessingConfiguration processing() {
    ProcessingConfiguration processing =
        s3 != null ? s3.processingConfiguration() : http.processingConfiguration();
    if (processing == null || Boolean.FALSE.equals(processing.enabled())) {
      return null;
    }
    if (processing.enabled() == null && processing.processors().isEmpty()) {
      return null;
    }
    return processing;
  }

  private List<Processor> processors() {
    ProcessingConfiguration processing = processing();
    return processing == null ? List.of() : processing.processors();
  }

  /** The Lambda function that transforms records, or {@code null}. */
  String lambdaArn() {
    return parameter("Lambda", "LambdaArn", null);
  }

  /** How many times a failed transformation is tried again: {@code NumberOfRetries}, 3. */
  int lambdaRetries() {
    return Integer.parseInt(parameter("Lambda", "NumberOfRetries", "3"));
  }

  /** How many bytes one transformation invocation takes at most: {@code BufferSizeInMBs}, 1. */
  long lambdaBatchBytes() {
    return (long) (Double.parseDouble(parameter("Lambda", "BufferSizeInMBs", "1")) * MIB);
  }

  /** Whether Firehose appends a newline to each record ({@code AppendDelimiterToRecord}). */
  boolean appendsDelimiter() {
    return processors().stream()
        .anyMatch(processor -> "AppendDelimiterToRecord".equals(processor.typeAsString()));
  }

  private String parameter(String processorType, String name, String otherwise) {
    for (Processor processor : processors()) {
      if (processorType.equals(processor.typeAsString())) {
        for (ProcessorParameter parameter : processor.parameters()) {
          if (name.equals(parameter.parameterNameAsString())) {
            return parameter.parameterValue();
          }
        }
        return otherwise;
      }
    }
    return otherwise;
  }

  /**
   * Where and how records are written to S3.
   *
   * @param compression {@code UNCOMPRESSED}, {@code GZIP} or {@code ZIP}
   * @param fileExtension the extension asked for instead of the compression's, or {@code null}
   * @param timeZone the zone of the prefixes' times, or {@code null} for UTC
   */
  record S3Output(
      String bucketArn,
      String prefix,
      String errorOutputPrefix,
      String compression,
      String fileExtension,
      String timeZone) {

    static S3Output of(ExtendedS3DestinationDescription s3) {
      return new S3Output(
          s3.bucketARN(),
          s3.prefix(),
          s3.errorOutputPrefix(),
          s3.compressionFormatAsString(),
          s3.fileExtension(),
          s3.customTimeZone());
    }

    static S3Output of(S3DestinationDescription s3) {
      return new S3Output(
          s3.bucketARN(),
          s3.prefix(),
          s3.errorOutputPrefix(),
          s3.compressionFormatAsString(),
          null,
          null);
    }

    /** The bucket's name, from {@code arn:aws:s3:::name}. */
    String bucket() {
      return bucketArn.substring(bucketArn.lastIndexOf(':') + 1);
    }
  }
}
