package io.serverlessstack.fake;

import io.serverlessstack.api.StackDefaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A stack for one Firehose test class on a manual virtual clock, with the real SDK's Firehose, S3
 * (path style) and Kinesis clients. Register it with {@code @RegisterExtension static final
 * FirehoseStack stack = new FirehoseStack();}: it starts before the class, resets before each test
 * and stops after the class.
 */
public final class FirehoseStack
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  /** Where the virtual clock starts. */
  public static final Instant START = Instant.parse("2030-03-04T05:06:07Z");

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private ServerlessStackServer server;
  private FirehoseClient firehose;
  private S3Client s3;
  private KinesisClient kinesis;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = ServerlessStackServer.builder().withVirtualClock(START).start();
    closeables.add(server);
    firehose =
        track(
            FirehoseClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                            StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build());
    s3 = track(S3Clients.sync(server));
    kinesis = track(KinesisClients.sync(server));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  public ServerlessStackServer server() {
    return server;
  }

  public FirehoseClient firehose() {
    return firehose;
  }

  public S3Client s3() {
    return s3;
  }

  public KinesisClient kinesis() {
    return kinesis;
  }

  /** Moves the stack's clock on. */
  public void advance(Duration duration) {
    server.virtualClock().orElseThrow().advance(duration);
  }

  /** The keys of a bucket's objects, as the SDK lists them. */
  public List<String> keys(String bucket) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  /** Waits (wall time) until the bucket holds {@code count} objects, and answers their keys. */
  public List<String> awaitKeys(String bucket, int count) throws InterruptedException {
    Await.until(() -> keys(bucket).size() >= count);
    return keys(bucket);
  }

  /** An object's bytes and metadata, read with the SDK. */
  public ResponseBytes<GetObjectResponse> object(String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
  }
}
