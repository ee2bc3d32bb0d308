package io.serverlessstack.fake;

import io.serverlessstack.api.StackDefaults;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** Real SDK v2 API Gateway clients pointed at a test's stack. */
public final class ApiGatewayClients {

  private ApiGatewayClients() {}

  public static ApiGatewayClient sync(ServerlessStackServer stack) {
    return ApiGatewayClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .build();
  }
}
