package io.serverlessstack.fake;

import io.serverlessstack.api.StackDefaults;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real SDK v2 clients pointed at a test's stack. */
public final class SqsClients {

  private SqsClients() {}

  public static SqsClient sync(ServerlessStackServer stack) {
    return sync(stack, StackDefaults.ACCESS_KEY_ID, Region.US_EAST_1);
  }

  public static SqsClient sync(ServerlessStackServer stack, String accessKey) {
    return sync(stack, accessKey, Region.US_EAST_1);
  }

  /**
   * A client signing with {@code accessKey} (a 12-digit key is the account id) for {@code region}.
   */
  public static SqsClient sync(ServerlessStackServer stack, String accessKey, Region region) {
    return SqsClient.builder()
        .endpointOverride(stack.endpoint())
        .region(region)
        .credentialsProvider(credentials(accessKey))
        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .build();
  }

  /** An async client on Netty, which speaks HTTP/1.1 to SQS by default. */
  public static SqsAsyncClient async(ServerlessStackServer stack) {
    return async(stack, NettyNioAsyncHttpClient.builder());
  }

  /** An async client speaking HTTP/2: over {@code http://} that is h2c with prior knowledge. */
  public static SqsAsyncClient asyncHttp2(ServerlessStackServer stack) {
    return async(stack, NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2));
  }

  private static SqsAsyncClient async(
      ServerlessStackServer stack, NettyNioAsyncHttpClient.Builder httpClient) {
    return SqsAsyncClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(StackDefaults.ACCESS_KEY_ID))
        .httpClientBuilder(httpClient)
        .build();
  }

  private static StaticCredentialsProvider credentials(String accessKey) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKey, StackDefaults.SECRET_ACCESS_KEY));
  }
}
