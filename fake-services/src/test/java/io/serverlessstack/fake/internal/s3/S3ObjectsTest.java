package io.serverlessstack.fake.internal.s3;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.S3Stack;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects as the SDK's sync S3 clients write and read them: Apache and the JDK's URL connection in
 * path style, and Apache in virtual-hosted style ({@code bucket.localhost:port}).
 */
class S3ObjectsTest {

  @RegisterExtension static final S3Stack stack = new S3Stack();

  private static final String BUCKET = "objects";

  static Stream<Arguments> clients() {
    return Stream.of(
        Arguments.of("apache, path style", (Function<S3Stack, S3Client>) S3Stack::s3),
        Arguments.of(
            "url connection, path style", (Function<S3Stack, S3Client>) S3Stack::urlConnection),
        Arguments.of(
            "apache, virtual-hosted", (Function<S3Stack, S3Client>) S3Stack::virtualHosted));
  }

  @BeforeEach
  void createBucket() {
    stack.s3().createBucket(b -> b.bucket(BUCKET));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void anObjectKeepsItsContentTypeEncodingMetadataAndMd5ETag(
      String kind, Function<S3Stack, S3Client> clients) throws Exception {
    S3Client s3 = clients.apply(stack);
    byte[] content = "id,amount\n1,10\n".getBytes(StandardCharsets.UTF_8);
    java.time.Instant now = stack.now();

    PutObjectResponse put =
        s3.putObject(
            b ->
                b.bucket(BUCKET)
                    .key("reports/2030/day one.csv")
                    .contentType("text/csv")
                    .contentEncoding("identity")
                    .cacheControl("max-age=60")
                    .contentDisposition("attachment; filename=\"day.csv\"")
                    .metadata(Map.of("Owner", "team-a", "run", "42")),
            RequestBody.fromBytes(content));
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/2030/day one.csv"));

    String etag = '"' + md5(content) + '"';
    assertThat(put.eTag()).isEqualTo(etag);
    assertThat(got.asByteArray()).isEqualTo(content);
    GetObjectResponse response = got.response();
    assertThat(response.eTag()).isEqualTo(etag);
    assertThat(response.contentType()).isEqualTo("text/csv");
    assertThat(response.contentEncoding()).isEqualTo("identity");
    assertThat(response.cacheControl()).isEqualTo("max-age=60");
    assertThat(response.contentDisposition()).isEqualTo("attachment; filename=\"day.csv\"");
    assertThat(response.contentLength()).isEqualTo(content.length);
    assertThat(response.metadata()).isEqualTo(Map.of("owner", "team-a", "run", "42"));
    assertThat(response.lastModified()).isEqualTo(now);
    assertThat(response.acceptRanges()).isEqualTo("bytes");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void keysKeepEverySlashAndCharacter(String kind, Function<S3Stack, S3Client> clients) {
    S3Client s3 = clients.apply(stack);
    List<String> keys =
        List.of(
            "folder/", "a//b", "/leading", "spaces and + plus & ?query#hash%25", "ünïcødé/😀.txt");

    for (String key : keys) {
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("content of " + key));
    }

    for (String key : keys) {
      assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String())
          .as(key)
          .isEqualTo("content of " + key);
    }
    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents())
        .extracting(S3Object::key)
        .containsExactly(
            "/leading", "a//b", "folder/", "spaces and + plus & ?query#hash%25", "ünïcødé/😀.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void headObjectAnswersTheHeadersWithoutTheBody(String kind, Function<S3Stack, S3Client> clients) {
    S3Client s3 = clients.apply(stack);
    s3.putObject(
        b -> b.bucket(BUCKET).key("head.txt").contentType("text/plain").metadata(Map.of("a", "b")),
        RequestBody.fromString("twelve bytes"));

    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("head.txt"));

    assertThat(head.contentLength()).isEqualTo(12);
    assertThat(head.contentType()).isEqualTo("text/plain");
    assertThat(head.metadata()).containsEntry("a", "b");
    assertThat(head.eTag())
        .isEqualTo('"' + md5("twelve bytes".getBytes(StandardCharsets.UTF_8)) + '"');
    NoSuchKeyException missing =
        assertAwsError(
            () -> s3.headObject(b -> b.bucket(BUCKET).key("missing.txt")),
            NoSuchKeyException.class,
            "NoSuchKey",
            404);
    assertThat(missing.statusCode()).isEqualTo(404);
    S3Stack.Answer rawHead = stack.send("HEAD", "/" + BUCKET + "/head.txt");
    S3Stack.Answer rawMissing = stack.send("HEAD", "/" + BUCKET + "/missing.txt");
    assertThat(rawHead.status()).isEqualTo(200);
    assertThat(rawHead.header("content-length")).isEqualTo("12");
    assertThat(rawHead.body()).isEmpty();
    assertThat(rawMissing.status()).isEqualTo(404);
    assertThat(rawMissing.body()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void aMissingKeyIsNoSuchKeyNamingTheKey(String kind, Function<S3Stack, S3Client> clients) {
    S3Client s3 = clients.apply(stack);

    NoSuchKeyException error =
        assertAwsError(
            () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("missing/key.txt")),
            NoSuchKeyException.class,
            "NoSuchKey",
            404);
    S3Stack.Answer raw = stack.send("GET", "/" + BUCKET + "/missing/key.txt");

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("The specified key does not exist.");
    assertThat(raw.text())
        .contains(
            "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                + "<Key>missing/key.txt</Key><RequestId>");
    assertAwsError(
        () -> s3.getObjectAsBytes(b -> b.bucket("no-such-bucket").key("k")),
        NoSuchBucketException.class,
        "NoSuchBucket",
        404);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void deletingAnObjectIsIdempotent(String kind, Function<S3Stack, S3Client> clients) {
    S3Client s3 = clients.apply(stack);
    s3.putObject(b -> b.bucket(BUCKET).key("gone.txt"), RequestBody.fromString("x"));

    int first =
        s3.deleteObject(b -> b.bucket(BUCKET).key("gone.txt")).sdkHttpResponse().statusCode();
    int again =
        s3.deleteObject(b -> b.bucket(BUCKET).key("gone.txt")).sdkHttpResponse().statusCode();

    assertThat(first).isEqualTo(204);
    assertThat(again).isEqualTo(204);
    assertAwsError(
        () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("gone.txt")),
        NoSuchKeyException.class,
        "NoSuchKey",
        404);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void deleteObjectsDeletesABatchAndQuietAnswersOnlyErrors(
      String kind, Function<S3Stack, S3Client> clients) {
    S3Client s3 = clients.apply(stack);
    for (String key : List.of("a", "b", "c", "d")) {
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key));
    }

    DeleteObjectsResponse loud =
        s3.deleteObjects(
            b -> b.bucket(BUCKET).delete(d -> d.objects(id("a"), id("b"), id("never-there"))));
    DeleteObjectsResponse quiet =
        s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(id("c")).quiet(true)));

    assertThat(loud.deleted())
        .extracting(DeletedObject::key)
        .containsExactly("a", "b", "never-there");
    assertThat(loud.errors()).isEmpty();
    assertThat(quiet.deleted()).isEmpty();
    assertThat(quiet.errors()).isEmpty();
    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents())
        .extracting(S3Object::key)
        .containsExactly("d");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void copyObjectCopiesOrReplacesMetadata(String kind, Function<S3Stack, S3Client> clients) {
    S3Client s3 = clients.apply(stack);
    s3.createBucket(b -> b.bucket("copies"));
    s3.putObject(
        b ->
            b.bucket(BUCKET)
                .key("source file.json")
                .contentType("application/json")
                .metadata(Map.of("origin", "first")),
        RequestBody.fromString("{\"a\":1}"));
    stack.advance(Duration.ofSeconds(5));
    java.time.Instant copied = stack.now();

    CopyObjectResponse kept =
        s3.copyObject(
            b ->
                b.sourceBucket(BUCKET)
                    .sourceKey("source file.json")
                    .destinationBucket("copies")
                    .destinationKey("kept.json"));
    CopyObjectResponse replaced =
        s3.copyObject(
            b ->
                b.sourceBucket(BUCKET)
                    .sourceKey("source file.json")
                    .destinationBucket("copies")
                    .destinationKey("replaced.json")
                    .metadataDirective(MetadataDirective.REPLACE)
                    .contentType("text/plain")
                    .metadata(Map.of("origin", "second")));

    String etag = '"' + md5("{\"a\":1}".getBytes(StandardCharsets.UTF_8)) + '"';
    assertThat(kept.copyObjectResult().eTag()).isEqualTo(etag);
    assertThat(kept.copyObjectResult().lastModified()).isEqualTo(copied);
    HeadObjectResponse keptHead = s3.headObject(b -> b.bucket("copies").key("kept.json"));
    assertThat(keptHead.contentType()).isEqualTo("application/json");
    assertThat(keptHead.metadata()).containsExactly(Map.entry("origin", "first"));
    assertThat(replaced.copyObjectResult().eTag()).isEqualTo(etag);
    HeadObjectResponse replacedHead = s3.headObject(b -> b.bucket("copies").key("replaced.json"));
    assertThat(replacedHead.contentType()).isEqualTo("text/plain");
    assertThat(replacedHead.metadata()).containsExactly(Map.entry("origin", "second"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("copies").key("replaced.json")).asUtf8String())
        .isEqualTo("{\"a\":1}");
  }

  @Test
  void copyingAnObjectOntoItselfUnchangedOrFromNowhereFails() {
    S3Client s3 = stack.s3();
    s3.putObject(b -> b.bucket(BUCKET).key("self"), RequestBody.fromString("x"));

    S3Exception toItself =
        assertAwsError(
            () ->
                s3.copyObject(
                    b ->
                        b.sourceBucket(BUCKET)
                            .sourceKey("self")
                            .destinationBucket(BUCKET)
                            .destinationKey("self")),
            S3Exception.class,
            "InvalidRequest",
            400);
    NoSuchKeyException missing =
        assertAwsError(
            () ->
                s3.copyObject(
                    b ->
                        b.sourceBucket(BUCKET)
                            .sourceKey("nowhere")
                            .destinationBucket(BUCKET)
                            .destinationKey("copy")),
            NoSuchKeyException.class,
            "NoSuchKey",
            404);

    assertThat(toItself.awsErrorDetails().errorMessage())
        .startsWith(
            "This copy request is illegal because it is trying to copy an object to itself");
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("The specified key does not exist.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void aRangeReadAnswersPartialContent(String kind, Function<S3Stack, S3Client> clients) {
    S3Client s3 = clients.apply(stack);
    s3.putObject(b -> b.bucket(BUCKET).key("digits"), RequestBody.fromString("0123456789"));

    ResponseBytes<GetObjectResponse> middle =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=2-5"));
    ResponseBytes<GetObjectResponse> suffix =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=-3"));
    ResponseBytes<GetObjectResponse> open =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=7-"));
    ResponseBytes<GetObjectResponse> past =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=8-100"));

    assertThat(middle.asUtf8String()).isEqualTo("2345");
    assertThat(middle.response().sdkHttpResponse().statusCode()).isEqualTo(206);
    assertThat(middle.response().contentRange()).isEqualTo("bytes 2-5/10");
    assertThat(middle.response().contentLength()).isEqualTo(4);
    assertThat(suffix.asUtf8String()).isEqualTo("789");
    assertThat(suffix.response().contentRange()).isEqualTo("bytes 7-9/10");
    assertThat(open.asUtf8String()).isEqualTo("789");
    assertThat(past.asUtf8String()).isEqualTo("89");
    assertThat(past.response().contentRange()).isEqualTo("bytes 8-9/10");
    S3Exception unsatisfiable =
        assertAwsError(
            () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=10-20")),
            S3Exception.class,
            "InvalidRange",
            416);
    assertThat(unsatisfiable.awsErrorDetails().errorMessage())
        .isEqualTo("The requested range is not satisfiable");
    // Ranges S3 does not understand are ignored: the whole object, 200.
    ResponseBytes<GetObjectResponse> ignored =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=0-1,4-5"));
    assertThat(ignored.asUtf8String()).isEqualTo("0123456789");
    assertThat(ignored.response().sdkHttpResponse().statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void conditionalReadsAnswerNotModifiedOrPreconditionFailed(
      String kind, Function<S3Stack, S3Client> clients) {
    S3Client s3 = clients.apply(stack);
    String etag =
        s3.putObject(b -> b.bucket(BUCKET).key("cond"), RequestBody.fromString("v1")).eTag();
    java.time.Instant written = stack.now();

    S3Exception noneMatch =
        assertAwsError(
            () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifNoneMatch(etag)),
            S3Exception.class,
            null,
            304);
    S3Exception notModified =
        assertAwsError(
            () ->
                s3.getObjectAsBytes(
                    b -> b.bucket(BUCKET).key("cond").ifModifiedSince(written.plusSeconds(1))),
            S3Exception.class,
            null,
            304);
    S3Exception ifMatch =
        assertAwsError(
            () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifMatch("\"other\"")),
            S3Exception.class,
            "PreconditionFailed",
            412);
    S3Exception unmodified =
        assertAwsError(
            () ->
                s3.getObjectAsBytes(
                    b -> b.bucket(BUCKET).key("cond").ifUnmodifiedSince(written.minusSeconds(1))),
            S3Exception.class,
            "PreconditionFailed",
            412);

    assertThat(noneMatch.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("ETag"))
        .contains(etag);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(ifMatch.awsErrorDetails().errorMessage())
        .isEqualTo("At least one of the pre-conditions you specified did not hold");
    assertThat(unmodified.statusCode()).isEqualTo(412);
    // If-Match decides over If-Unmodified-Since, If-None-Match over If-Modified-Since.
    assertThat(
            s3.getObjectAsBytes(
                    b ->
                        b.bucket(BUCKET)
                            .key("cond")
                            .ifMatch(etag)
                            .ifUnmodifiedSince(written.minusSeconds(1)))
                .asUtf8String())
        .isEqualTo("v1");
    assertThat(
            s3.getObjectAsBytes(
                    b ->
                        b.bucket(BUCKET)
                            .key("cond")
                            .ifNoneMatch("\"other\"")
                            .ifModifiedSince(written.plusSeconds(1)))
                .asUtf8String())
        .isEqualTo("v1");
    assertThat(
            s3.getObjectAsBytes(
                    b -> b.bucket(BUCKET).key("cond").ifModifiedSince(written.minusSeconds(1)))
                .asUtf8String())
        .isEqualTo("v1");
    assertAwsError(
        () -> s3.headObject(b -> b.bucket(BUCKET).key("cond").ifNoneMatch(etag)),
        S3Exception.class,
        null,
        304);
  }

  @Test
  void aConditionalWriteRefusesToReplaceAnExistingObject() {
    S3Client s3 = stack.s3();
    s3.putObject(b -> b.bucket(BUCKET).key("once"), RequestBody.fromString("first"));

    S3Exception error =
        assertAwsError(
            () ->
                s3.putObject(
                    b -> b.bucket(BUCKET).key("once").ifNoneMatch("*"),
                    RequestBody.fromString("second")),
            S3Exception.class,
            "PreconditionFailed",
            412);

    assertThat(error.statusCode()).isEqualTo(412);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("once")).asUtf8String())
        .isEqualTo("first");
  }

  static ObjectIdentifier id(String key) {
    return ObjectIdentifier.builder().key(key).build();
  }

  static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
