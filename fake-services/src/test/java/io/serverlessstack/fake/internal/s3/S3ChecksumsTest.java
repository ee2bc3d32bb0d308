package io.serverlessstack.fake.internal.s3;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.S3Stack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What SDK v2 really sends for PutObject over HTTP — {@code aws-chunked} bodies, signed chunks or
 * unsigned ones, with the checksum in a trailer — is stored as the object's bytes and checksum, and
 * GetObject with checksum mode on returns that checksum, which the SDK then validates.
 */
class S3ChecksumsTest {

  @RegisterExtension static final S3Stack stack = new S3Stack();

  private static final String BUCKET = "checksums";

  @BeforeEach
  void createBucket() {
    stack.s3().createBucket(b -> b.bucket(BUCKET));
  }

  @Test
  void theSdksTrailingCrc32IsStoredAndReturnedForValidation() {
    S3Client s3 = stack.s3();
    byte[] content = "checked content".getBytes(StandardCharsets.UTF_8);

    PutObjectResponse put =
        s3.putObject(b -> b.bucket(BUCKET).key("crc32"), RequestBody.fromBytes(content));
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("crc32").checksumMode(ChecksumMode.ENABLED));
    HeadObjectResponse head =
        s3.headObject(b -> b.bucket(BUCKET).key("crc32").checksumMode(ChecksumMode.ENABLED));

    assertThat(put.checksumCRC32()).isEqualTo(crc32(content));
    assertThat(got.asByteArray()).isEqualTo(content);
    assertThat(got.response().checksumCRC32()).isEqualTo(crc32(content));
    assertThat(got.response().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    assertThat(head.checksumCRC32()).isEqualTo(crc32(content));
    assertThat(stack.engine().objects(BUCKET).get(0).checksum())
        .isEqualTo(new StoredObject.Checksum("CRC32", crc32(content)));
  }

  @Test
  void theSdkValidatesTheChecksumGetObjectReturns() {
    byte[] content = "what was written".getBytes(StandardCharsets.UTF_8);
    // An object whose stored checksum is not its content's, as no real write can make.
    StoredObject wrong =
        new StoredObject(
            "tampered",
            content,
            '"' + S3ObjectsTest.md5(content) + '"',
            stack.now(),
            "text/plain",
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            new StoredObject.Checksum(
                "CRC32", crc32("something else".getBytes(StandardCharsets.UTF_8))));
    stack
        .engine()
        .put(io.serverlessstack.fake.internal.server.Scope.DEFAULT, BUCKET, wrong, null, null);

    Throwable refused =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                stack
                    .s3()
                    .getObjectAsBytes(
                        b -> b.bucket(BUCKET).key("tampered").checksumMode(ChecksumMode.ENABLED)));

    assertThat(refused)
        .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class)
        .hasMessageContaining("checksum");
  }

  @ParameterizedTest
  @EnumSource(
      value = ChecksumAlgorithm.class,
      names = {"CRC32", "CRC32_C", "SHA1", "SHA256"})
  void eachAlgorithmTheSdkComputesIsKeptAndValidated(ChecksumAlgorithm algorithm) {
    S3Client s3 = stack.s3();
    byte[] content = randomBytes(100_000, algorithm.ordinal());

    PutObjectResponse put =
        s3.putObject(
            b -> b.bucket(BUCKET).key("by-" + algorithm).checksumAlgorithm(algorithm),
            RequestBody.fromBytes(content));
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(
            b -> b.bucket(BUCKET).key("by-" + algorithm).checksumMode(ChecksumMode.ENABLED));

    assertThat(got.asByteArray()).isEqualTo(content);
    String sent =
        switch (algorithm) {
          case CRC32 -> put.checksumCRC32();
          case CRC32_C -> put.checksumCRC32C();
          case SHA1 -> put.checksumSHA1();
          default -> put.checksumSHA256();
        };
    String returned =
        switch (algorithm) {
          case CRC32 -> got.response().checksumCRC32();
          case CRC32_C -> got.response().checksumCRC32C();
          case SHA1 -> got.response().checksumSHA1();
          default -> got.response().checksumSHA256();
        };
    assertThat(sent).isNotNull();
    assertThat(returned).isEqualTo(sent);
    if (algorithm == ChecksumAlgorithm.CRC32_C) {
      CRC32C crc = new CRC32C();
      crc.update(content);
      assertThat(returned).isEqualTo(base64((int) crc.getValue()));
    }
  }

  @Test
  void aMultiMegabyteObjectRoundTripsThroughEverySdkClient() {
    byte[] content = randomBytes(6 * 1024 * 1024 + 17, 7);
    S3AsyncClient async = stack.async();

    stack.s3().putObject(b -> b.bucket(BUCKET).key("big/apache"), RequestBody.fromBytes(content));
    stack
        .urlConnection()
        .putObject(b -> b.bucket(BUCKET).key("big/url-connection"), RequestBody.fromBytes(content));
    async
        .putObject(b -> b.bucket(BUCKET).key("big/netty"), AsyncRequestBody.fromBytes(content))
        .join();

    String etag = '"' + S3ObjectsTest.md5(content) + '"';
    for (String key : new String[] {"big/apache", "big/url-connection", "big/netty"}) {
      ResponseBytes<GetObjectResponse> sync =
          stack
              .s3()
              .getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
      ResponseBytes<GetObjectResponse> viaNetty =
          async
              .getObject(
                  b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED),
                  AsyncResponseTransformer.toBytes())
              .join();
      assertThat(sync.asByteArray()).as(key).isEqualTo(content);
      assertThat(viaNetty.asByteArray()).as(key).isEqualTo(content);
      assertThat(sync.response().eTag()).as(key).isEqualTo(etag);
      assertThat(sync.response().checksumCRC32()).as(key).isEqualTo(crc32(content));
      assertThat(viaNetty.response().checksumCRC32()).as(key).isEqualTo(crc32(content));
    }
    ResponseBytes<GetObjectResponse> tail =
        async
            .getObject(
                b -> b.bucket(BUCKET).key("big/netty").range("bytes=-17"),
                AsyncResponseTransformer.toBytes())
            .join();
    assertThat(tail.asByteArray())
        .isEqualTo(java.util.Arrays.copyOfRange(content, content.length - 17, content.length));
    assertThat(tail.response().contentRange())
        .isEqualTo(
            "bytes " + (content.length - 17) + "-" + (content.length - 1) + "/" + content.length);
  }

  @Test
  void theAsyncClientWritesReadsListsAndDeletes() {
    S3AsyncClient async = stack.async();

    async
        .putObject(
            b -> b.bucket(BUCKET).key("async.txt").contentType("text/plain"),
            AsyncRequestBody.fromString("from netty"))
        .join();
    HeadObjectResponse head = async.headObject(b -> b.bucket(BUCKET).key("async.txt")).join();
    int keys = async.listObjectsV2(b -> b.bucket(BUCKET)).join().keyCount();
    async.deleteObject(b -> b.bucket(BUCKET).key("async.txt")).join();

    assertThat(head.contentType()).isEqualTo("text/plain");
    assertThat(head.contentLength()).isEqualTo(10);
    assertThat(keys).isEqualTo(1);
    assertAwsError(
        () ->
            async
                .getObject(
                    b -> b.bucket(BUCKET).key("async.txt"), AsyncResponseTransformer.toBytes())
                .join(),
        software.amazon.awssdk.services.s3.model.NoSuchKeyException.class,
        "NoSuchKey",
        404);
  }

  @Test
  void aChecksumOrMd5ThatDoesNotMatchTheBodyIsBadDigest() {
    byte[] body = "payload".getBytes(StandardCharsets.UTF_8);

    S3Stack.Answer crc =
        stack.send(
            "PUT",
            "/" + BUCKET + "/bad-crc",
            null,
            Map.of("Authorization", S3Stack.signed(), "x-amz-checksum-crc32", base64(1234)),
            body);
    S3Exception md5 =
        assertAwsError(
            () ->
                stack
                    .s3()
                    .putObject(
                        b ->
                            b.bucket(BUCKET)
                                .key("bad-md5")
                                .contentMD5(Base64.getEncoder().encodeToString(new byte[16])),
                        RequestBody.fromBytes(body)),
            S3Exception.class,
            "BadDigest",
            400);
    S3Stack.Answer malformed =
        stack.send(
            "PUT",
            "/" + BUCKET + "/bad-header",
            null,
            Map.of("Authorization", S3Stack.signed(), "x-amz-checksum-sha256", "not base64!"),
            body);

    assertThat(crc.status()).isEqualTo(400);
    assertThat(crc.text())
        .contains("<Code>BadDigest</Code>")
        .contains(
            "<Message>The CRC32 you specified did not match the calculated checksum.</Message>");
    assertThat(md5.awsErrorDetails().errorMessage())
        .isEqualTo("The Content-MD5 you specified did not match what we received.");
    assertThat(malformed.text()).contains("<Code>InvalidRequest</Code>");
    assertThat(stack.engine().objects(BUCKET)).isEmpty();
  }

  @Test
  void aChunkedBodyWithoutItsChunksOrOfAnotherLengthIsRefused() {
    Map<String, String> chunked =
        Map.of(
            "Authorization",
            S3Stack.signed(),
            "Content-Encoding",
            "aws-chunked",
            "x-amz-content-sha256",
            "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            "x-amz-decoded-content-length",
            "5");

    S3Stack.Answer truncated =
        stack.send(
            "PUT",
            "/" + BUCKET + "/cut",
            null,
            chunked,
            "5\r\nab".getBytes(StandardCharsets.US_ASCII));
    S3Stack.Answer garbage =
        stack.send(
            "PUT",
            "/" + BUCKET + "/junk",
            null,
            chunked,
            "zz\r\n".getBytes(StandardCharsets.US_ASCII));
    S3Stack.Answer wrongLength =
        stack.send(
            "PUT",
            "/" + BUCKET + "/short",
            null,
            chunked,
            "3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    S3Stack.Answer good =
        stack.send(
            "PUT",
            "/" + BUCKET + "/good",
            null,
            chunked,
            ("5;chunk-signature="
                    + "0".repeat(64)
                    + "\r\nhello\r\n0\r\nx-amz-checksum-crc32:"
                    + crc32("hello".getBytes(StandardCharsets.UTF_8))
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));

    assertThat(truncated.status()).isEqualTo(400);
    assertThat(truncated.text()).contains("<Code>IncompleteBody</Code>");
    assertThat(garbage.text()).contains("<Code>IncompleteBody</Code>");
    assertThat(wrongLength.text()).contains("<Code>IncompleteBody</Code>");
    assertThat(good.status()).isEqualTo(200);
    assertThat(good.header("x-amz-checksum-crc32"))
        .isEqualTo(crc32("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(stack.engine().objects(BUCKET))
        .singleElement()
        .satisfies(
            object -> {
              assertThat(object.key()).isEqualTo("good");
              assertThat(new String(object.content(), StandardCharsets.UTF_8)).isEqualTo("hello");
              assertThat(object.contentEncoding()).isNull();
            });
  }

  static String crc32(byte[] content) {
    CRC32 crc = new CRC32();
    crc.update(content);
    return base64((int) crc.getValue());
  }

  private static String base64(int value) {
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt(value).array());
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
