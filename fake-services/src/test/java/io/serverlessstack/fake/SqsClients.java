package io.serverlessstack.fake;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real SDK v2 clients pointed at a test's stack. */
public final class SqsClients {

  private SqsClients() {}

  public static SqsClient sync(ServerlessStackServer stack) {
    return sync(stack, ServerlessStackServer.ACCESS_KEY);
  }

  public static SqsClient sync(ServerlessStackServer stack, String accessKey) {
    return SqsClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKey, ServerlessStackServer.SECRET_KEY)))
        .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .build();
  }

  public static SqsAsyncClient async(ServerlessStackServer stack) {
    return SqsAsyncClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    ServerlessStackServer.ACCESS_KEY, ServerlessStackServer.SECRET_KEY)))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .build();
  }
}
