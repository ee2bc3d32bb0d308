package io.serverlessstack.fake.internal.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.DeliveryStreamView;
import io.serverlessstack.api.FirehoseEvents;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.FirehoseStack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Direct puts delivered to S3 and read back with the SDK's {@code S3Client}: one object per buffer,
 * written when the buffer's interval passes on the stack's clock or its size hint fills, under
 * AWS's key layout, records concatenated as sent, GZIP and ZIP when asked.
 */
class FirehoseS3DeliveryTest {

  @RegisterExtension static final FirehoseStack stack = new FirehoseStack();

  static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
  static final String BUCKET = "landing";
  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final FirehoseClient firehose = stack.firehose();

  @BeforeEach
  void bucket() {
    stack.s3().createBucket(b -> b.bucket(BUCKET));
  }

  private void create(String name, Consumer<ExtendedS3DestinationConfiguration.Builder> s3) {
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(
                    c -> {
                      c.roleARN(ROLE).bucketARN("arn:aws:s3:::" + BUCKET);
                      s3.accept(c);
                    }));
  }

  private void put(String stream, String... texts) {
    for (String text : texts) {
      firehose.putRecord(
          b -> b.deliveryStreamName(stream).record(r -> r.data(SdkBytes.fromUtf8String(text))));
    }
  }

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

  private static Instant now() {
    return stack.server().inspector().now();
  }

  private String text(String key) {
    return stack.object(BUCKET, key).asUtf8String();
  }

  @Test
  void recordsAreWrittenAsOneObjectOnceTheBufferIntervalPassesOnTheStackClock() throws Exception {
    create("clicks", s3 -> s3.bufferingHints(h -> h.sizeInMBs(5).intervalInSeconds(60)));
    Instant arrival = now();
    put("clicks", "view\n", "cart\n");
    firehose.putRecordBatch(
        b ->
            b.deliveryStreamName("clicks")
                .records(Record.builder().data(SdkBytes.fromUtf8String("checkout\n")).build()));

    stack.advance(Duration.ofSeconds(59));
    assertThat(stack.keys(BUCKET)).isEmpty();

    stack.advance(Duration.ofSeconds(1));
    List<String> keys = stack.awaitKeys(BUCKET, 1);

    assertThat(keys).hasSize(1);
    assertThat(keys.get(0))
        .matches(
            HOUR.format(arrival)
                + "clicks-1-"
                + STAMP.format(arrival.plusSeconds(60))
                + "-"
                + UUID);
    ResponseBytes<GetObjectResponse> object = stack.object(BUCKET, keys.get(0));
    assertThat(object.asUtf8String()).isEqualTo("view\ncart\ncheckout\n");
    assertThat(object.response().contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void recordsAreConcatenatedAsSentWithNoDelimiterOfTheirOwn() throws Exception {
    create("clicks", s3 -> s3.bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0)));
    firehose.putRecordBatch(
        b ->
            b.deliveryStreamName("clicks")
                .records(
                    Record.builder().data(SdkBytes.fromUtf8String("abc")).build(),
                    Record.builder().data(SdkBytes.fromUtf8String("abc")).build(),
                    Record.builder().data(SdkBytes.fromUtf8String("abc")).build()));

    List<String> keys = stack.awaitKeys(BUCKET, 1);

    assertThat(text(keys.get(0))).isEqualTo("abcabcabc");
  }

  @Test
  void aBufferThatReachesItsSizeHintIsWrittenWithoutWaitingForTheInterval() throws Exception {
    create("clicks", s3 -> s3.bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(900)));
    String half = "x".repeat(600 * 1024);
    put("clicks", half);
    assertThat(stack.keys(BUCKET)).isEmpty();

    put("clicks", half);
    List<String> keys = stack.awaitKeys(BUCKET, 1);

    assertThat(stack.object(BUCKET, keys.get(0)).asByteArray()).hasSize(2 * 600 * 1024);
    put("clicks", "after");
    stack.advance(Duration.ofSeconds(900));
    assertThat(stack.awaitKeys(BUCKET, 2)).hasSize(2);
  }

  @Test
  void gzipObjectsEndInGzAndHoldTheRecordsCompressed() throws Exception {
    create(
        "clicks",
        s3 ->
            s3.compressionFormat(CompressionFormat.GZIP)
                .bufferingHints(h -> h.sizeInMBs(5).intervalInSeconds(60)));
    put("clicks", "{\"page\":1}\n", "{\"page\":2}\n");
    stack.advance(Duration.ofMinutes(1));

    String key = stack.awaitKeys(BUCKET, 1).get(0);
    ResponseBytes<GetObjectResponse> object = stack.object(BUCKET, key);

    assertThat(key).endsWith(".gz");
    assertThat(object.response().contentEncoding()).isEqualTo("gzip");
    try (GZIPInputStream gzip = new GZIPInputStream(object.asInputStream())) {
      assertThat(new String(gzip.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("{\"page\":1}\n{\"page\":2}\n");
    }
  }

  @Test
  void zipObjectsHoldOneEntryOfTheRecords() throws Exception {
    create("clicks", s3 -> s3.compressionFormat("ZIP"));
    put("clicks", "one", "two");
    stack.advance(Duration.ofMinutes(5));

    String key = stack.awaitKeys(BUCKET, 1).get(0);

    assertThat(key).endsWith(".zip");
    try (ZipInputStream zip =
        new ZipInputStream(new ByteArrayInputStream(stack.object(BUCKET, key).asByteArray()))) {
      assertThat(zip.getNextEntry()).isNotNull();
      assertThat(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("onetwo");
      assertThat(zip.getNextEntry()).isNull();
    }
  }

  @Test
  void theDefaultIntervalIsFiveMinutes() throws Exception {
    create("clicks", s3 -> {});
    put("clicks", "one");

    stack.advance(Duration.ofSeconds(299));
    assertThat(stack.keys(BUCKET)).isEmpty();
    stack.advance(Duration.ofSeconds(1));

    assertThat(stack.awaitKeys(BUCKET, 1)).hasSize(1);
  }

  @Test
  void aStaticPrefixGetsTheTimeAppendedAsItIs() throws Exception {
    create("clicks", s3 -> s3.prefix("raw/clicks-"));
    Instant arrival = now();
    put("clicks", "one");
    stack.advance(Duration.ofMinutes(5));

    assertThat(stack.awaitKeys(BUCKET, 1).get(0))
        .matches(
            "raw/clicks-"
                + HOUR.format(arrival)
                + "clicks-1-"
                + STAMP.format(arrival.plusSeconds(300))
                + "-"
                + UUID);
  }

  @Test
  void prefixExpressionsAreEvaluatedAtTheOldestRecordsArrival() throws Exception {
    create(
        "clicks",
        s3 ->
            s3.prefix("year=!{timestamp:yyyy}/month=!{timestamp:MM}/!{firehose:random-string}/")
                .errorOutputPrefix("errors/!{firehose:error-output-type}/"));
    Instant arrival = now();
    put("clicks", "one");
    stack.advance(Duration.ofMinutes(5));

    assertThat(stack.awaitKeys(BUCKET, 1).get(0))
        .matches(
            DateTimeFormatter.ofPattern("'year='yyyy'/month='MM")
                    .withZone(ZoneOffset.UTC)
                    .format(arrival)
                + "/[A-Za-z0-9]{11}/clicks-1-"
                + STAMP.format(arrival.plusSeconds(300))
                + "-"
                + UUID);
  }

  @Test
  void objectsWrittenAfterUpdateDestinationCarryTheNewVersionAndPrefix() throws Exception {
    create("clicks", s3 -> s3.prefix("v1/"));
    put("clicks", "one");
    stack.advance(Duration.ofMinutes(5));
    stack.awaitKeys(BUCKET, 1);

    String version =
        firehose
            .describeDeliveryStream(b -> b.deliveryStreamName("clicks"))
            .deliveryStreamDescription()
            .versionId();
    firehose.updateDestination(
        b ->
            b.deliveryStreamName("clicks")
                .currentDeliveryStreamVersionId(version)
                .destinationId("destinationId-000000000001")
                .extendedS3DestinationUpdate(u -> u.prefix("v2/")));
    put("clicks", "two");
    stack.advance(Duration.ofMinutes(5));

    assertThat(stack.awaitKeys(BUCKET, 2))
        .anyMatch(key -> key.matches("v1/\\d{4}/\\d\\d/\\d\\d/\\d\\d/clicks-1-.*"))
        .anyMatch(key -> key.matches("v2/\\d{4}/\\d\\d/\\d\\d/\\d\\d/clicks-2-.*"));
  }

  @Test
  void aMissingBucketIsRetriedOnTheStackClockUntilItExists() throws Exception {
    create("clicks", s3 -> s3.bucketARN("arn:aws:s3:::later"));
    put("clicks", "kept");
    stack.advance(Duration.ofMinutes(5));
    Await.until(() -> !events(FirehoseEvents.DELIVERY_RETRIED).isEmpty());
    assertThat(events(FirehoseEvents.DELIVERY_RETRIED).get(0).details())
        .containsEntry(FirehoseEvents.Details.ERROR_CODE, "S3.NoSuchBucket")
        .containsEntry(FirehoseEvents.Details.DESTINATION, "S3");

    stack.s3().createBucket(b -> b.bucket("later"));
    stack.advance(Duration.ofMinutes(1));

    Await.until(() -> stack.keys("later").size() == 1);
    assertThat(stack.object("later", stack.keys("later").get(0)).asUtf8String()).isEqualTo("kept");
  }

  @Test
  void inspectionShowsWhatWasDeliveredAndTheJournalEachObject() throws Exception {
    create("clicks", s3 -> {});
    put("clicks", "one", "two");
    DeliveryStreamView buffering =
        stack.server().inspector().deliveryStream("clicks").orElseThrow();
    assertThat(buffering.bufferedRecords()).isEqualTo(2);
    assertThat(buffering.recordsDelivered()).isZero();

    stack.advance(Duration.ofMinutes(5));
    String key = stack.awaitKeys(BUCKET, 1).get(0);
    Await.until(
        () ->
            stack.server().inspector().deliveryStream("clicks").orElseThrow().recordsDelivered()
                == 2);

    DeliveryStreamView view = stack.server().inspector().deliveryStream("clicks").orElseThrow();
    assertThat(view.arn())
        .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks");
    assertThat(view.type()).isEqualTo("DirectPut");
    assertThat(view.bufferedRecords()).isZero();
    assertThat(view.destinations().get(0).target()).isEqualTo("arn:aws:s3:::landing");
    assertThat(view.deliveries().get(0).target()).isEqualTo("s3://landing/" + key);
    assertThat(view.deliveries().get(0).content()).isEqualTo("onetwo");
    assertThat(events(FirehoseEvents.RECORD_PUT)).hasSize(2);
    assertThat(events(FirehoseEvents.OBJECT_WRITTEN).get(0).details())
        .containsEntry(FirehoseEvents.Details.KEY, key)
        .containsEntry(FirehoseEvents.Details.RECORD_COUNT, "2")
        .containsEntry(FirehoseEvents.Details.OUTPUT, "destination")
        .containsEntry(FirehoseEvents.Details.DATA, "onetwo");
  }

  @Test
  void aDeletedStreamDropsWhatItBuffered() throws IOException {
    create("clicks", s3 -> {});
    put("clicks", "lost");
    firehose.deleteDeliveryStream(b -> b.deliveryStreamName("clicks"));

    stack.advance(Duration.ofMinutes(10));

    assertThat(stack.keys(BUCKET)).isEmpty();
    assertThat(events(FirehoseEvents.DELIVERY_STREAM_DELETED)).hasSize(1);
  }

  private static List<JournalEvent> events(String type) {
    return stack.server().inspector().journal().stream()
        .filter(event -> event.service().equals(FirehoseEvents.SERVICE))
        .filter(event -> event.type().equals(type))
        .toList();
  }
}
