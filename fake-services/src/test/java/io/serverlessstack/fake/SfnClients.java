package io.serverlessstack.fake;

import io.serverlessstack.api.StackDefaults;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Real SDK v2 Step Functions clients pointed at a test's stack, with host-prefix injection off so
 * that StartSyncExecution reaches it as the JUnit extension's clients do.
 */
public final class SfnClients {

  private SfnClients() {}

  public static SfnClient sync(ServerlessStackServer stack) {
    return SfnClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .overrideConfiguration(
            config ->
                config.putAdvancedOption(
                    SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .build();
  }

  public static SfnAsyncClient async(ServerlessStackServer stack) {
    return SfnAsyncClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .overrideConfiguration(
            config ->
                config.putAdvancedOption(
                    SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY));
  }
}
