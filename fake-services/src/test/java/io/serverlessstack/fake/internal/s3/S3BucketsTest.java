package io.serverlessstack.fake.internal.s3;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.S3Stack;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Buckets as the SDK's S3 client manages them, and AWS's answers to what it gets wrong. */
class S3BucketsTest {

  @RegisterExtension static final S3Stack stack = new S3Stack();

  private final S3Client s3 = stack.s3();

  @Test
  void aBucketCreatedWithoutConfigurationLivesInUsEast1() {
    String location = s3.createBucket(b -> b.bucket("plain-bucket")).location();

    HeadBucketResponse head = s3.headBucket(b -> b.bucket("plain-bucket"));
    assertThat(location).isEqualTo("/plain-bucket");
    assertThat(head.bucketRegion()).isEqualTo("us-east-1");
    // S3 answers us-east-1 with an empty LocationConstraint element.
    assertThat(s3.getBucketLocation(b -> b.bucket("plain-bucket")).locationConstraintAsString())
        .isEmpty();
  }

  @Test
  void aBucketCreatedWithALocationConstraintLivesThere() {
    S3Client ireland = stack.client("000000000000", Region.EU_WEST_1);

    ireland.createBucket(
        b ->
            b.bucket("irish-bucket")
                .createBucketConfiguration(
                    c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));

    assertThat(ireland.headBucket(b -> b.bucket("irish-bucket")).bucketRegion())
        .isEqualTo("eu-west-1");
    assertThat(s3.getBucketLocation(b -> b.bucket("irish-bucket")).locationConstraint())
        .isEqualTo(BucketLocationConstraint.EU_WEST_1);
    assertThat(s3.listBuckets().buckets())
        .extracting(Bucket::name, Bucket::bucketRegion)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("irish-bucket", "eu-west-1"));
  }

  @Test
  void theSdkAddsTheClientsRegionAsLocationConstraintOutsideUsEast1() {
    S3Client frankfurt = stack.client("000000000000", Region.EU_CENTRAL_1);

    frankfurt.createBucket(b -> b.bucket("frankfurt-bucket"));

    assertThat(frankfurt.getBucketLocation(b -> b.bucket("frankfurt-bucket")).locationConstraint())
        .isEqualTo(BucketLocationConstraint.EU_CENTRAL_1);
  }

  @Test
  void creatingAnOwnedBucketAgainSucceedsInUsEast1AndConflictsElsewhere() {
    s3.createBucket(b -> b.bucket("twice"));
    s3.putObject(b -> b.bucket("twice").key("kept"), RequestBody.fromString("still here"));

    s3.createBucket(b -> b.bucket("twice"));
    S3Client ireland = stack.client("000000000000", Region.EU_WEST_1);
    ireland.createBucket(b -> b.bucket("irish-twice"));
    BucketAlreadyOwnedByYouException again =
        assertAwsError(
            () -> ireland.createBucket(b -> b.bucket("irish-twice")),
            BucketAlreadyOwnedByYouException.class,
            "BucketAlreadyOwnedByYou",
            409);
    BucketAlreadyOwnedByYouException otherRegion =
        assertAwsError(
            () -> ireland.createBucket(b -> b.bucket("twice")),
            BucketAlreadyOwnedByYouException.class,
            "BucketAlreadyOwnedByYou",
            409);

    assertThat(s3.listObjectsV2(b -> b.bucket("twice")).keyCount()).isEqualTo(1);
    assertThat(again.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Your previous request to create the named bucket succeeded and you already own it.");
    assertThat(otherRegion.awsErrorDetails().errorMessage())
        .isEqualTo(again.awsErrorDetails().errorMessage());
  }

  @Test
  void bucketNamesFollowS3sRules() {
    // The SDK refuses most bad names itself; these it lets through and S3 refuses.
    for (String name : new String[] {"xn--bucket", "sthree-bucket", "bucket-s3alias"}) {
      S3Exception error =
          assertAwsError(
              () -> s3.createBucket(b -> b.bucket(name)),
              S3Exception.class,
              "InvalidBucketName",
              400);
      assertThat(error.awsErrorDetails().errorMessage())
          .isEqualTo("The specified bucket is not valid.");
    }
    for (String name : new String[] {"Upper_Case", "ab", "a".repeat(64), "192.168.5.4", "a..b"}) {
      S3Stack.Answer answer = stack.send("PUT", "/" + name);
      assertThat(answer.status()).as(name).isEqualTo(400);
      assertThat(answer.text())
          .as(name)
          .contains("<Code>InvalidBucketName</Code>")
          .contains("<BucketName>" + name + "</BucketName>");
    }
    assertThat(s3.listBuckets().buckets()).isEmpty();
  }

  @Test
  void aLocationConstraintMustMatchTheRegionTheRequestIsSentTo() {
    S3Stack.Answer unspecified =
        stack.send(
            "PUT",
            "/no-constraint",
            null,
            Map.of(
                "Authorization",
                io.serverlessstack.fake.RawHttp.authorization("test", "eu-west-1", "s3")),
            new byte[0]);
    S3Stack.Answer mismatched =
        stack.send(
            "PUT",
            "/other-constraint",
            null,
            Map.of(
                "Authorization",
                io.serverlessstack.fake.RawHttp.authorization("test", "eu-west-1", "s3")),
            configuration("us-west-2"));
    S3Exception usEast1 =
        assertAwsError(
            () ->
                s3.createBucket(
                    b ->
                        b.bucket("explicit-us-east-1")
                            .createBucketConfiguration(c -> c.locationConstraint("us-east-1"))),
            S3Exception.class,
            "InvalidLocationConstraint",
            400);

    assertThat(unspecified.status()).isEqualTo(400);
    assertThat(unspecified.text())
        .contains("<Code>IllegalLocationConstraintException</Code>")
        .contains(
            "<Message>The unspecified location constraint is incompatible for the region specific"
                + " endpoint this request was sent to.</Message>");
    assertThat(mismatched.text())
        .contains(
            "<Message>The us-west-2 location constraint is incompatible for the region specific"
                + " endpoint this request was sent to.</Message>");
    assertThat(usEast1.awsErrorDetails().errorMessage())
        .isEqualTo("The specified location-constraint is not valid");
  }

  @Test
  void usEast1CreatesBucketsInAnyRegionItIsAskedFor() {
    s3.createBucket(
        b ->
            b.bucket("from-global")
                .createBucketConfiguration(c -> c.locationConstraint("ap-south-1")));

    assertThat(s3.getBucketLocation(b -> b.bucket("from-global")).locationConstraintAsString())
        .isEqualTo("ap-south-1");
  }

  @Test
  void aBucketOfAnotherRegionIsRedirectedThere() {
    S3Client ireland = stack.client("000000000000", Region.EU_WEST_1);
    ireland.createBucket(b -> b.bucket("far-away"));

    S3Exception error =
        assertAwsError(
            () -> s3.listObjectsV2(b -> b.bucket("far-away")),
            S3Exception.class,
            "PermanentRedirect",
            301);
    S3Exception head =
        assertAwsError(
            () -> s3.headBucket(b -> b.bucket("far-away")), S3Exception.class, null, 301);

    assertThat(error.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region"))
        .contains("eu-west-1");
    assertThat(head.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region"))
        .contains("eu-west-1");
  }

  @Test
  void headingAMissingBucketIsNoSuchBucketWithNoBody() {
    NoSuchBucketException error =
        assertAwsError(
            () -> s3.headBucket(b -> b.bucket("missing-bucket")),
            NoSuchBucketException.class,
            "NoSuchBucket",
            404);
    S3Stack.Answer raw = stack.send("HEAD", "/missing-bucket");

    assertThat(error.statusCode()).isEqualTo(404);
    assertThat(raw.status()).isEqualTo(404);
    assertThat(raw.body()).isEmpty();
    assertThat(raw.header("x-amz-request-id")).isNotBlank();
  }

  @Test
  void aMissingBucketIsNoSuchBucketNamingIt() {
    NoSuchBucketException error =
        assertAwsError(
            () -> s3.listObjectsV2(b -> b.bucket("missing-bucket")),
            NoSuchBucketException.class,
            "NoSuchBucket",
            404);
    S3Stack.Answer raw = stack.send("GET", "/missing-bucket?list-type=2");

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("The specified bucket does not exist");
    assertThat(raw.header("content-type")).isEqualTo("application/xml");
    assertThat(raw.text())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .contains(
            "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not"
                + " exist</Message><BucketName>missing-bucket</BucketName><RequestId>"
                + raw.header("x-amz-request-id")
                + "</RequestId>");
  }

  @Test
  void onlyAnEmptyBucketCanBeDeleted() {
    s3.createBucket(b -> b.bucket("full-bucket"));
    s3.putObject(b -> b.bucket("full-bucket").key("object"), RequestBody.fromString("x"));

    S3Exception notEmpty =
        assertAwsError(
            () -> s3.deleteBucket(b -> b.bucket("full-bucket")),
            S3Exception.class,
            "BucketNotEmpty",
            409);
    s3.deleteObject(b -> b.bucket("full-bucket").key("object"));
    int status = s3.deleteBucket(b -> b.bucket("full-bucket")).sdkHttpResponse().statusCode();

    assertThat(notEmpty.awsErrorDetails().errorMessage())
        .isEqualTo("The bucket you tried to delete is not empty");
    assertThat(status).isEqualTo(204);
    assertThat(s3.listBuckets().buckets()).isEmpty();
    assertAwsError(
        () -> s3.deleteBucket(b -> b.bucket("full-bucket")),
        NoSuchBucketException.class,
        "NoSuchBucket",
        404);
  }

  @Test
  void listBucketsListsTheAccountsBucketsByNameWithTheirCreationDates() {
    s3.createBucket(b -> b.bucket("bravo"));
    stack.advance(java.time.Duration.ofMinutes(1));
    s3.createBucket(b -> b.bucket("alpha"));

    ListBucketsResponse all = s3.listBuckets();
    ListBucketsResponse firstPage = s3.listBuckets(b -> b.maxBuckets(1));
    ListBucketsResponse secondPage =
        s3.listBuckets(b -> b.maxBuckets(1).continuationToken(firstPage.continuationToken()));

    assertThat(all.buckets()).extracting(Bucket::name).containsExactly("alpha", "bravo");
    assertThat(all.buckets().get(1).creationDate()).isEqualTo(S3Stack.START);
    assertThat(all.buckets().get(0).creationDate()).isEqualTo(S3Stack.START.plusSeconds(60));
    assertThat(all.owner().id()).hasSize(64);
    assertThat(all.continuationToken()).isNull();
    assertThat(firstPage.buckets()).extracting(Bucket::name).containsExactly("alpha");
    assertThat(secondPage.buckets()).extracting(Bucket::name).containsExactly("bravo");
    assertThat(secondPage.continuationToken()).isNull();
    assertThat(s3.listBuckets(b -> b.prefix("br")).buckets())
        .extracting(Bucket::name)
        .containsExactly("bravo");
  }

  @Test
  void accountsDoNotSeeEachOthersBuckets() {
    S3Client other = stack.client("111122223333", Region.US_EAST_1);
    s3.createBucket(b -> b.bucket("shared-name"));
    other.createBucket(b -> b.bucket("shared-name"));
    other.putObject(b -> b.bucket("shared-name").key("theirs"), RequestBody.fromString("x"));

    assertThat(s3.listObjectsV2(b -> b.bucket("shared-name")).keyCount()).isZero();
    assertThat(other.listObjectsV2(b -> b.bucket("shared-name")).keyCount()).isEqualTo(1);
    other.createBucket(b -> b.bucket("only-theirs"));
    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("shared-name");
    assertAwsError(
        () -> s3.headBucket(b -> b.bucket("only-theirs")),
        NoSuchBucketException.class,
        "NoSuchBucket",
        404);
  }

  private static byte[] configuration(String constraint) {
    return ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<LocationConstraint>"
            + constraint
            + "</LocationConstraint></CreateBucketConfiguration>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
