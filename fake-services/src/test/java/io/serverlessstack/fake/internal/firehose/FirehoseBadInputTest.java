package io.serverlessstack.fake.internal.firehose;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.FirehoseStack;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

/**
 * Bad input answered as AWS answers it: model constraints as a {@code ValidationException} naming
 * the member, the service's own checks as {@code InvalidArgumentException}, unknown streams as
 * {@code ResourceNotFoundException}; the server keeps serving after each.
 */
class FirehoseBadInputTest {

  @RegisterExtension static final FirehoseStack stack = new FirehoseStack();

  private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
  private static final String BUCKET = "arn:aws:s3:::landing";

  private final FirehoseClient firehose = stack.firehose();

  @AfterEach
  void theServerKeepsServing() {
    assertThat(firehose.listDeliveryStreams().deliveryStreamNames()).isNotNull();
  }

  private static String validation(ThrowingCallable call) {
    return assertAwsError(call, FirehoseException.class, "ValidationException", 400)
        .awsErrorDetails()
        .errorMessage();
  }

  private static String invalidArgument(ThrowingCallable call) {
    return assertAwsError(call, InvalidArgumentException.class, "InvalidArgumentException", 400)
        .awsErrorDetails()
        .errorMessage();
  }

  private void create(Consumer<CreateDeliveryStreamRequest.Builder> request) {
    firehose.createDeliveryStream(request);
  }

  private void createS3(String name) {
    create(
        b ->
            b.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(s3 -> s3.roleARN(ROLE).bucketARN(BUCKET)));
  }

  @Test
  void aNameOutsideTheModelIsAValidationError() {
    assertThat(validation(() -> createS3("no spaces!")))
        .isEqualTo(
            "1 validation error detected: Value 'no spaces!' at 'deliveryStreamName' failed to"
                + " satisfy constraint: Member must satisfy regular expression pattern:"
                + " [a-zA-Z0-9_.-]+");
    assertThat(validation(() -> createS3("x".repeat(65))))
        .contains("Member must have length less than or equal to 64");
  }

  @Test
  void aMissingRoleAndBucketAreValidationErrors() {
    assertThat(
            validation(
                () ->
                    create(
                        b ->
                            b.deliveryStreamName("clicks")
                                .extendedS3DestinationConfiguration(s3 -> s3.prefix("p/")))))
        .isEqualTo(
            "2 validation errors detected: Value null at"
                + " 'extendedS3DestinationConfiguration.roleARN' failed to satisfy constraint:"
                + " Member must not be null; Value null at"
                + " 'extendedS3DestinationConfiguration.bucketARN' failed to satisfy constraint:"
                + " Member must not be null");
  }

  @Test
  @SuppressWarnings("deprecation") // AWS's legacy S3 destination, sent beside the extended one
  void exactlyOneDestinationIsTaken() {
    assertThat(invalidArgument(() -> create(b -> b.deliveryStreamName("clicks"))))
        .isEqualTo("Exactly one destination configuration is supported for a Firehose");
    assertThat(
            invalidArgument(
                () ->
                    create(
                        b ->
                            b.deliveryStreamName("clicks")
                                .extendedS3DestinationConfiguration(
                                    s3 -> s3.roleARN(ROLE).bucketARN(BUCKET))
                                .s3DestinationConfiguration(
                                    s3 -> s3.roleARN(ROLE).bucketARN(BUCKET)))))
        .isEqualTo("Exactly one destination configuration is supported for a Firehose");
  }

  @Test
  void bufferingHintsOutsideTheirRangesOrAloneAreRefused() {
    assertThat(
            validation(
                () ->
                    create(
                        b ->
                            b.deliveryStreamName("clicks")
                                .extendedS3DestinationConfiguration(
                                    s3 ->
                                        s3.roleARN(ROLE)
                                            .bucketARN(BUCKET)
                                            .bufferingHints(
                                                h -> h.sizeInMBs(0).intervalInSeconds(901))))))
        .contains(
            "Value '0' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to"
                + " satisfy constraint: Member must have value greater than or equal to 1")
        .contains(
            "Value '901' at 'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds'"
                + " failed to satisfy constraint: Member must have value less than or equal to"
                + " 900");
    assertThat(
            invalidArgument(
                () ->
                    create(
                        b ->
                            b.deliveryStreamName("clicks")
                                .extendedS3DestinationConfiguration(
                                    s3 ->
                                        s3.roleARN(ROLE)
                                            .bucketARN(BUCKET)
                                            .bufferingHints(h -> h.sizeInMBs(2))))))
        .isEqualTo(
            "If you specify a value for SizeInMBs, you must also specify a value for"
                + " IntervalInSeconds, and vice versa.");
  }

  @Test
  void anUnknownCompressionFormatIsAValidationError() {
    assertThat(
            validation(
                () ->
                    create(
                        b ->
                            b.deliveryStreamName("clicks")
                                .extendedS3DestinationConfiguration(
                                    s3 ->
                                        s3.roleARN(ROLE)
                                            .bucketARN(BUCKET)
                                            .compressionFormat("BROTLI")))))
        .isEqualTo(
            "1 validation error detected: Value 'BROTLI' at"
                + " 'extendedS3DestinationConfiguration.compressionFormat' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [ZIP, HADOOP_SNAPPY, Snappy,"
                + " GZIP, UNCOMPRESSED]");
  }

  @Test
  void aPrefixWithExpressionsNeedsAnErrorOutputPrefix() {
    assertThat(
            invalidArgument(
                () ->
                    create(
                        b ->
                            b.deliveryStreamName("clicks")
                                .extendedS3DestinationConfiguration(
                                    s3 ->
                                        s3.roleARN(ROLE)
                                            .bucketARN(BUCKET)
                                            .prefix("!{timestamp:yyyy}/")))))
        .isEqualTo(
            "Ths supplied prefix(es) do not satisfy the following constraint: ErrorOutputPrefix"
                + " cannot be null or empty when Prefix contains expressions");
    assertThat(
            invalidArgument(
                () ->
                    create(
                        b ->
                            b.deliveryStreamName("clicks")
                                .extendedS3DestinationConfiguration(
                                    s3 ->
                                        s3.roleARN(ROLE)
                                            .bucketARN(BUCKET)
                                            .prefix("!{unknown:thing}/")
                                            .errorOutputPrefix("e/")))))
        .contains("!{unknown:thing}");
  }

  @Test
  void anHttpEndpointUrlMustBeHttp() {
    assertThat(
            validation(
                () ->
                    create(
                        b ->
                            b.deliveryStreamName("events")
                                .httpEndpointDestinationConfiguration(
                                    http ->
                                        http.endpointConfiguration(e -> e.url("ftp://example.com"))
                                            .s3Configuration(
                                                s3 -> s3.roleARN(ROLE).bucketARN(BUCKET))))))
        .isEqualTo(
            "1 validation error detected: Value 'ftp://example.com' at"
                + " 'httpEndpointDestinationConfiguration.endpointConfiguration.url' failed to"
                + " satisfy constraint: Member must satisfy regular expression pattern:"
                + " https://.*");
  }

  @Test
  void kinesisSourcesNeedTheirConfiguration() {
    assertThat(
            invalidArgument(
                () ->
                    create(
                        b ->
                            b.deliveryStreamName("clicks")
                                .deliveryStreamType("KinesisStreamAsSource")
                                .extendedS3DestinationConfiguration(
                                    s3 -> s3.roleARN(ROLE).bucketARN(BUCKET)))))
        .contains("KinesisStreamSourceConfiguration");
  }

  @Test
  void putsToAStreamThatDoesNotExistAreNotFound() {
    ResourceNotFoundException missing =
        assertAwsError(
            () ->
                firehose.putRecord(
                    b ->
                        b.deliveryStreamName("nowhere")
                            .record(r -> r.data(SdkBytes.fromUtf8String("x")))),
            ResourceNotFoundException.class,
            "ResourceNotFoundException",
            400);
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("Firehose nowhere under account 000000000000 not found.");
  }

  @Test
  void aRecordOverOneThousandKibibytesIsAValidationError() {
    createS3("clicks");

    assertThat(
            validation(
                () ->
                    firehose.putRecord(
                        b ->
                            b.deliveryStreamName("clicks")
                                .record(r -> r.data(SdkBytes.fromByteArray(new byte[1_024_001]))))))
        .isEqualTo(
            "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001"
                + " cap=1024001]' at 'record.data' failed to satisfy constraint: Member must have"
                + " length less than or equal to 1024000");
  }

  @Test
  void aBatchOfMoreThanFiveHundredRecordsIsAValidationError() {
    createS3("clicks");
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      records.add(Record.builder().data(SdkBytes.fromUtf8String("r")).build());
    }

    assertThat(
            validation(
                () ->
                    firehose.putRecordBatch(b -> b.deliveryStreamName("clicks").records(records))))
        .isEqualTo(
            "1 validation error detected: Value '[...]' at 'records' failed to satisfy"
                + " constraint: Member must have length less than or equal to 500");
  }

  @Test
  void aBatchOverFourMebibytesIsRefused() {
    createS3("clicks");
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.add(Record.builder().data(SdkBytes.fromByteArray(new byte[1_000_000])).build());
    }

    assertThat(
            invalidArgument(
                () ->
                    firehose.putRecordBatch(b -> b.deliveryStreamName("clicks").records(records))))
        .isEqualTo("Records size exceeds 4 MB limit");
  }

  @Test
  void aBatchAnswersOneRecordIdPerRecordInOrder() {
    createS3("clicks");

    var response =
        firehose.putRecordBatch(
            b ->
                b.deliveryStreamName("clicks")
                    .records(
                        Record.builder().data(SdkBytes.fromUtf8String("a")).build(),
                        Record.builder().data(SdkBytes.fromUtf8String("b")).build()));

    assertThat(response.failedPutCount()).isZero();
    assertThat(response.encrypted()).isFalse();
    assertThat(response.requestResponses())
        .hasSize(2)
        .allSatisfy(entry -> assertThat(entry.recordId()).isNotBlank())
        .extracting(entry -> entry.recordId())
        .doesNotHaveDuplicates();
  }

  @Test
  void updateDestinationNamesAnUnknownDestination() {
    createS3("clicks");

    assertThat(
            invalidArgument(
                () ->
                    firehose.updateDestination(
                        b ->
                            b.deliveryStreamName("clicks")
                                .currentDeliveryStreamVersionId("1")
                                .destinationId("destinationId-000000000002")
                                .extendedS3DestinationUpdate(u -> u.prefix("p/")))))
        .isEqualTo("Destination Id destinationId-000000000002 not found");
  }

  @Test
  void describeWithoutANameIsAValidationError() {
    AwsServiceException error =
        assertAwsError(
            () -> firehose.describeDeliveryStream(b -> {}),
            FirehoseException.class,
            "ValidationException",
            400);
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "1 validation error detected: Value null at 'deliveryStreamName' failed to satisfy"
                + " constraint: Member must not be null");
  }
}
