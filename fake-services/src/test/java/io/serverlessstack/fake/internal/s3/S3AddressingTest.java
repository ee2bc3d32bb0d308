package io.serverlessstack.fake.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.fake.S3Clients;
import io.serverlessstack.fake.S3Stack;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a request names its bucket: the path ({@code /bucket/key}) or the host ({@code
 * bucket.localhost:port}, {@code bucket.s3.<anything>}), and what a default {@code S3Client} does
 * with each endpoint.
 */
class S3AddressingTest {

  @RegisterExtension static final S3Stack stack = new S3Stack();

  @Test
  void aDefaultClientAtTheStacksEndpointUsesPathStyleForItsIpAddress() {
    // stack.endpoint() is http://127.0.0.1:port: the SDK's endpoint rules address an IP
    // endpoint in path style, so a client with nothing but the endpoint override works.
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(stack.server().endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials())
            .httpClientBuilder(Apache5HttpClient.builder())
            .build()) {
      s3.createBucket(b -> b.bucket("by-ip"));
      s3.putObject(b -> b.bucket("by-ip").key("k"), RequestBody.fromString("v"));

      assertThat(s3.getObjectAsBytes(b -> b.bucket("by-ip").key("k")).asUtf8String())
          .isEqualTo("v");
    }
  }

  @Test
  void aDefaultClientAtLocalhostNeedsBucketNamesUnderLocalhostToResolve() {
    S3Client s3 = stack.track(S3Clients.localhostWithDefaults(stack.server()));
    stack.s3().createBucket(b -> b.bucket("at-localhost"));

    Throwable failure = catchThrowable(() -> s3.headBucket(b -> b.bucket("at-localhost")));

    // http://localhost:port makes the SDK address buckets as at-localhost.localhost:port, which
    // only resolves where the machine resolves *.localhost (systemd-resolved does, plain glibc
    // and macOS do not): such clients need forcePathStyle(true), or a resolver of their own.
    if (resolves("at-localhost.localhost")) {
      assertThat(failure).isNull();
    } else {
      assertThat(failure).isInstanceOf(SdkClientException.class);
      assertThat(rootCause(failure)).isInstanceOf(UnknownHostException.class);
      try (S3Client pathStyle =
          S3Client.builder()
              .endpointOverride(S3Clients.localhost(stack.server()))
              .region(Region.US_EAST_1)
              .credentialsProvider(credentials())
              .forcePathStyle(true)
              .httpClientBuilder(Apache5HttpClient.builder())
              .build()) {
        assertThat(pathStyle.headBucket(b -> b.bucket("at-localhost")).bucketRegion())
            .isEqualTo("us-east-1");
      }
    }
  }

  @Test
  void aVirtualHostedClientCreatesListsAndDeletesBuckets() {
    S3Client s3 = stack.virtualHosted();

    s3.createBucket(b -> b.bucket("hosted"));
    s3.putObject(b -> b.bucket("hosted").key("dir/k"), RequestBody.fromString("v"));

    assertThat(s3.listObjectsV2(b -> b.bucket("hosted").delimiter("/")).commonPrefixes())
        .singleElement()
        .satisfies(prefix -> assertThat(prefix.prefix()).isEqualTo("dir/"));
    assertThat(s3.getBucketLocation(b -> b.bucket("hosted")).locationConstraintAsString())
        .isEmpty();
    assertThat(stack.s3().getObjectAsBytes(b -> b.bucket("hosted").key("dir/k")).asUtf8String())
        .isEqualTo("v");
    s3.deleteObject(b -> b.bucket("hosted").key("dir/k"));
    s3.deleteBucket(b -> b.bucket("hosted"));
    assertThat(s3.listBuckets().buckets()).isEmpty();
  }

  @Test
  void everyVirtualHostedFormOfHostNamesTheBucket() {
    stack.s3().createBucket(b -> b.bucket("my.dotted.bucket"));
    stack.s3().createBucket(b -> b.bucket("plain-bucket"));
    String port = ":" + stack.server().port();
    Map<String, String> hostsAndBuckets =
        Map.of(
            "plain-bucket.localhost" + port,
            "plain-bucket",
            "plain-bucket.s3.localhost" + port,
            "plain-bucket",
            "plain-bucket.s3.us-east-1.localhost.localstack.cloud" + port,
            "plain-bucket",
            "plain-bucket.s3.amazonaws.com",
            "plain-bucket",
            "plain-bucket.s3-us-east-1.amazonaws.com",
            "plain-bucket",
            "my.dotted.bucket.s3.us-east-1.amazonaws.com",
            "my.dotted.bucket",
            "my.dotted.bucket.localhost" + port,
            "my.dotted.bucket");

    hostsAndBuckets.forEach(
        (host, bucket) -> {
          S3Stack.Answer put =
              stack.send(
                  "PUT",
                  "/via/" + host,
                  host,
                  Map.of("Authorization", S3Stack.signed()),
                  host.getBytes(StandardCharsets.UTF_8));
          assertThat(put.status()).as(host).isEqualTo(200);
          assertThat(stack.engine().objects(bucket))
              .as(host)
              .anySatisfy(object -> assertThat(object.key()).isEqualTo("via/" + host));
        });
  }

  @Test
  void unsignedRequestsToABucketsHostAreS3s() {
    stack.s3().createBucket(b -> b.bucket("open-bucket"));
    stack.s3().putObject(b -> b.bucket("open-bucket").key("k"), RequestBody.fromString("v"));

    S3Stack.Answer get =
        stack.send(
            "GET",
            "/k",
            "open-bucket.s3.localhost:" + stack.server().port(),
            Map.of(),
            new byte[0]);

    assertThat(get.status()).isEqualTo(200);
    assertThat(get.text()).isEqualTo("v");
  }

  @Test
  void hostsThatAreS3EndpointsOrAddressesUsePathStyle() {
    stack.s3().createBucket(b -> b.bucket("path-bucket"));
    stack.s3().putObject(b -> b.bucket("path-bucket").key("k"), RequestBody.fromString("v"));
    String port = ":" + stack.server().port();

    for (String host :
        new String[] {
          "s3.localhost" + port,
          "s3.amazonaws.com",
          "s3.us-east-1.amazonaws.com",
          "localhost" + port,
          "127.0.0.1" + port,
          "[::1]" + port
        }) {
      S3Stack.Answer get =
          stack.send(
              "GET",
              "/path-bucket/k",
              host,
              Map.of("Authorization", S3Stack.signed()),
              new byte[0]);
      assertThat(get.status()).as(host).isEqualTo(200);
      assertThat(get.text()).as(host).isEqualTo("v");
    }
    S3Stack.Answer list =
        stack.send(
            "GET",
            "/",
            "s3.localhost" + port,
            Map.of("Authorization", S3Stack.signed()),
            new byte[0]);
    assertThat(list.text())
        .contains("<ListAllMyBucketsResult")
        .contains("<Name>path-bucket</Name>");
  }

  @Test
  void aPresignedUrlIsServedInTheScopeOfItsCredential() throws Exception {
    stack.s3().createBucket(b -> b.bucket("presigned"));
    stack.s3().putObject(b -> b.bucket("presigned").key("k"), RequestBody.fromString("shared"));
    try (software.amazon.awssdk.services.s3.presigner.S3Presigner presigner =
        software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
            .endpointOverride(stack.server().endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials())
            .serviceConfiguration(
                software.amazon.awssdk.services.s3.S3Configuration.builder()
                    .pathStyleAccessEnabled(true)
                    .build())
            .build()) {
      java.net.URL url =
          presigner
              .presignGetObject(
                  b ->
                      b.signatureDuration(java.time.Duration.ofMinutes(5))
                          .getObjectRequest(g -> g.bucket("presigned").key("k")))
              .url();

      S3Stack.Answer get = stack.send("GET", url.getFile(), null, Map.of(), new byte[0]);

      assertThat(get.status()).isEqualTo(200);
      assertThat(get.text()).isEqualTo("shared");
    }
  }

  private static boolean resolves(String host) {
    try {
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException notHere) {
      return false;
    }
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY));
  }
}
