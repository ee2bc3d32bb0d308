package io.serverlessstack.fake;

import io.serverlessstack.api.StackDefaults;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Real SDK v2 SNS clients pointed at a test's stack. */
public final class SnsClients {

  private SnsClients() {}

  public static SnsClient sync(ServerlessStackServer stack) {
    return sync(stack, StackDefaults.ACCESS_KEY_ID, Region.US_EAST_1);
  }

  /**
   * A client signing with {@code accessKey} (a 12-digit key is the account id) for {@code region}.
   */
  public static SnsClient sync(ServerlessStackServer stack, String accessKey, Region region) {
    return SnsClient.builder()
        .endpointOverride(stack.endpoint())
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKey, StackDefaults.SECRET_ACCESS_KEY)))
        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .build();
  }

  /** An async client on Netty. */
  public static SnsAsyncClient async(ServerlessStackServer stack) {
    return SnsAsyncClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .build();
  }
}
