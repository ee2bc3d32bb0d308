package io.serverlessstack.fake.internal.firehose;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.fake.FirehoseStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ConcurrentModificationException;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationDescription;
import software.amazon.awssdk.services.firehose.model.LimitExceededException;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.ListTagsForDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.NoEncryptionConfig;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.Tag;

/**
 * The Firehose control plane through the SDK's {@code FirehoseClient}: delivery streams per account
 * and region, their descriptions with AWS's defaults, listing, tags, deletion and UpdateDestination
 * with its version check.
 */
class FirehoseDeliveryStreamsTest {

  @RegisterExtension static final FirehoseStack stack = new FirehoseStack();

  private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

  private final FirehoseClient firehose = stack.firehose();

  private String createS3(String name) {
    return firehose
        .createDeliveryStream(
            b ->
                b.deliveryStreamName(name)
                    .extendedS3DestinationConfiguration(
                        s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::landing")))
        .deliveryStreamARN();
  }

  private DeliveryStreamDescription describe(String name) {
    return firehose
        .describeDeliveryStream(b -> b.deliveryStreamName(name))
        .deliveryStreamDescription();
  }

  @Test
  void aCreatedStreamIsActiveWithTheDestinationAndAwsDefaults() {
    Instant created = stack.server().inspector().now();
    String arn = createS3("clicks");

    DeliveryStreamDescription description = describe("clicks");

    assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks");
    assertThat(description.deliveryStreamARN()).isEqualTo(arn);
    assertThat(description.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
    assertThat(description.deliveryStreamTypeAsString()).isEqualTo("DirectPut");
    assertThat(description.versionId()).isEqualTo("1");
    assertThat(description.createTimestamp()).isEqualTo(created);
    assertThat(description.hasMoreDestinations()).isFalse();
    assertThat(description.deliveryStreamEncryptionConfiguration().statusAsString())
        .isEqualTo("DISABLED");
    DestinationDescription destination = description.destinations().get(0);
    assertThat(destination.destinationId()).isEqualTo("destinationId-000000000001");
    ExtendedS3DestinationDescription s3 = destination.extendedS3DestinationDescription();
    assertThat(s3.bucketARN()).isEqualTo("arn:aws:s3:::landing");
    assertThat(s3.roleARN()).isEqualTo(ROLE);
    assertThat(s3.bufferingHints().sizeInMBs()).isEqualTo(5);
    assertThat(s3.bufferingHints().intervalInSeconds()).isEqualTo(300);
    assertThat(s3.compressionFormat()).isEqualTo(CompressionFormat.UNCOMPRESSED);
    assertThat(s3.encryptionConfiguration().noEncryptionConfig())
        .isEqualTo(NoEncryptionConfig.NO_ENCRYPTION);
    assertThat(s3.s3BackupModeAsString()).isEqualTo("Disabled");
    assertThat(destination.s3DestinationDescription().bucketARN())
        .isEqualTo("arn:aws:s3:::landing");
    assertThat(description.source()).isNull();
  }

  @Test
  void anHttpEndpointDestinationIsDescribedWithoutItsAccessKey() {
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName("events")
                .httpEndpointDestinationConfiguration(
                    http ->
                        http.endpointConfiguration(
                                e -> e.url("https://example.com/ingest").name("x").accessKey("s"))
                            .s3Configuration(
                                s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::backup"))));

    HttpEndpointDestinationDescription http =
        describe("events").destinations().get(0).httpEndpointDestinationDescription();

    assertThat(http.endpointConfiguration().url()).isEqualTo("https://example.com/ingest");
    assertThat(http.endpointConfiguration().name()).isEqualTo("x");
    assertThat(http.retryOptions().durationInSeconds()).isEqualTo(300);
    assertThat(http.s3BackupModeAsString()).isEqualTo("FailedDataOnly");
    assertThat(http.bufferingHints().sizeInMBs()).isEqualTo(5);
    assertThat(http.requestConfiguration().contentEncodingAsString()).isEqualTo("NONE");
    assertThat(http.s3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::backup");
    assertThat(describe("events").destinations().get(0).toString()).doesNotContain("accessKey=s");
  }

  @Test
  void aSecondStreamOfTheSameNameIsInUse() {
    createS3("clicks");

    ResourceInUseException inUse =
        assertAwsError(
            () -> createS3("clicks"), ResourceInUseException.class, "ResourceInUseException", 400);
    assertThat(inUse.awsErrorDetails().errorMessage())
        .isEqualTo("Firehose clicks under accountId 000000000000 already exists");
  }

  @Test
  void streamsAreListedByNameInPages() {
    createS3("b");
    createS3("c");
    createS3("a");

    ListDeliveryStreamsResponse first = firehose.listDeliveryStreams(b -> b.limit(2));
    ListDeliveryStreamsResponse rest =
        firehose.listDeliveryStreams(b -> b.exclusiveStartDeliveryStreamName("b"));

    assertThat(first.deliveryStreamNames()).containsExactly("a", "b");
    assertThat(first.hasMoreDeliveryStreams()).isTrue();
    assertThat(rest.deliveryStreamNames()).containsExactly("c");
    assertThat(rest.hasMoreDeliveryStreams()).isFalse();
    assertThat(firehose.listDeliveryStreams().deliveryStreamNames()).containsExactly("a", "b", "c");
  }

  @Test
  void otherRegionsAndAccountsDoNotSeeAStream() {
    createS3("clicks");
    try (FirehoseClient ireland = client("eu-west-1", StackDefaults.ACCESS_KEY_ID);
        FirehoseClient other = client("us-east-1", "111122223333")) {
      assertThat(ireland.listDeliveryStreams().deliveryStreamNames()).isEmpty();
      ResourceNotFoundException missing =
          assertAwsError(
              () -> other.describeDeliveryStream(b -> b.deliveryStreamName("clicks")),
              ResourceNotFoundException.class,
              "ResourceNotFoundException",
              400);
      assertThat(missing.awsErrorDetails().errorMessage())
          .isEqualTo("Firehose clicks under account 111122223333 not found.");
      assertThat(
              other
                  .createDeliveryStream(
                      b ->
                          b.deliveryStreamName("clicks")
                              .extendedS3DestinationConfiguration(
                                  s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::landing")))
                  .deliveryStreamARN())
          .isEqualTo("arn:aws:firehose:us-east-1:111122223333:deliverystream/clicks");
    }
  }

  private static FirehoseClient client(String region, String accessKey) {
    return FirehoseClient.builder()
        .endpointOverride(stack.server().endpoint())
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  @Test
  void aDeletedStreamIsNotFound() {
    createS3("clicks");

    firehose.deleteDeliveryStream(b -> b.deliveryStreamName("clicks"));

    ResourceNotFoundException missing =
        assertAwsError(
            () -> describe("clicks"),
            ResourceNotFoundException.class,
            "ResourceNotFoundException",
            400);
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("Firehose clicks under account 000000000000 not found.");
    assertAwsError(
        () -> firehose.deleteDeliveryStream(b -> b.deliveryStreamName("clicks")),
        ResourceNotFoundException.class,
        "ResourceNotFoundException",
        400);
    assertThat(firehose.listDeliveryStreams().deliveryStreamNames()).isEmpty();
  }

  @Test
  void tagsAreAddedListedInPagesAndRemoved() {
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName("clicks")
                .tags(Tag.builder().key("team").value("web").build())
                .extendedS3DestinationConfiguration(
                    s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::landing")));
    firehose.tagDeliveryStream(
        b ->
            b.deliveryStreamName("clicks")
                .tags(
                    Tag.builder().key("env").value("test").build(),
                    Tag.builder().key("team").value("data").build()));

    ListTagsForDeliveryStreamResponse first =
        firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("clicks").limit(1));
    ListTagsForDeliveryStreamResponse rest =
        firehose.listTagsForDeliveryStream(
            b -> b.deliveryStreamName("clicks").exclusiveStartTagKey("env"));

    assertThat(first.tags()).containsExactly(Tag.builder().key("env").value("test").build());
    assertThat(first.hasMoreTags()).isTrue();
    assertThat(rest.tags()).containsExactly(Tag.builder().key("team").value("data").build());
    assertThat(rest.hasMoreTags()).isFalse();

    firehose.untagDeliveryStream(b -> b.deliveryStreamName("clicks").tagKeys("team", "absent"));
    assertThat(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("clicks")).tags())
        .extracting(Tag::key)
        .containsExactly("env");
  }

  @Test
  void moreThanFiftyTagsExceedTheLimit() {
    createS3("clicks");
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tags.add(Tag.builder().key("k" + i).value("v").build());
    }
    firehose.tagDeliveryStream(b -> b.deliveryStreamName("clicks").tags(tags));

    assertAwsError(
        () ->
            firehose.tagDeliveryStream(
                b -> b.deliveryStreamName("clicks").tags(Tag.builder().key("one-more").build())),
        LimitExceededException.class,
        "LimitExceededException",
        400);
  }

  @Test
  void updateDestinationMergesIntoTheDestinationAndIncreasesTheVersion() {
    createS3("clicks");
    stack.advance(Duration.ofMinutes(1));
    Instant updated = stack.server().inspector().now();

    firehose.updateDestination(
        b ->
            b.deliveryStreamName("clicks")
                .currentDeliveryStreamVersionId("1")
                .destinationId("destinationId-000000000001")
                .extendedS3DestinationUpdate(
                    u ->
                        u.prefix("v2/").bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(60))));

    DeliveryStreamDescription description = describe("clicks");
    ExtendedS3DestinationDescription s3 =
        description.destinations().get(0).extendedS3DestinationDescription();
    assertThat(description.versionId()).isEqualTo("2");
    assertThat(description.lastUpdateTimestamp()).isEqualTo(updated);
    assertThat(s3.prefix()).isEqualTo("v2/");
    assertThat(s3.bucketARN()).isEqualTo("arn:aws:s3:::landing");
    assertThat(s3.bufferingHints().intervalInSeconds()).isEqualTo(60);
  }

  @Test
  void updateDestinationWithAStaleVersionIsAConcurrentModification() {
    createS3("clicks");

    ConcurrentModificationException stale =
        assertAwsError(
            () ->
                firehose.updateDestination(
                    b ->
                        b.deliveryStreamName("clicks")
                            .currentDeliveryStreamVersionId("7")
                            .destinationId("destinationId-000000000001")
                            .extendedS3DestinationUpdate(u -> u.prefix("x/"))),
            ConcurrentModificationException.class,
            "ConcurrentModificationException",
            400);
    assertThat(stale.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Cannot update firehose: clicks since the current version id: 1 and specified version"
                + " id: 7 do not match");
    assertThat(describe("clicks").versionId()).isEqualTo("1");
  }

  @Test
  void updateDestinationCanSwitchToAnHttpEndpoint() {
    createS3("clicks");

    firehose.updateDestination(
        b ->
            b.deliveryStreamName("clicks")
                .currentDeliveryStreamVersionId("1")
                .destinationId("destinationId-000000000001")
                .httpEndpointDestinationUpdate(
                    u ->
                        u.endpointConfiguration(e -> e.url("https://example.com/in"))
                            .s3Update(s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::backup"))));

    DestinationDescription destination = describe("clicks").destinations().get(0);
    assertThat(destination.extendedS3DestinationDescription()).isNull();
    assertThat(destination.httpEndpointDestinationDescription().endpointConfiguration().url())
        .isEqualTo("https://example.com/in");
    assertThat(stack.server().inspector().deliveryStream("clicks").orElseThrow().destinations())
        .singleElement()
        .satisfies(view -> assertThat(view.kind()).isEqualTo("HttpEndpoint"));
  }
}
