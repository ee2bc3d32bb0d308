package io.serverlessstack.junit;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * Where the test's stack listens and how to sign for it: what any AWS client needs to reach it.
 *
 * <pre>{@code
 * SnsClient sns = stack.configure(SnsClient.builder()).build();
 * }</pre>
 *
 * @param endpoint {@code http://host:port}, the endpoint of every service of the stack
 * @param region the region clients sign for
 * @param accessKey an access key the stack accepts
 * @param secretKey its secret key; signatures are not verified
 */
public record StackInfo(URI endpoint, String region, String accessKey, String secretKey) {

  public StackInfo {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
  }

  /** Points an SDK v2 client builder at the stack: endpoint, region and credentials. */
  public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
  }

  /** Hides the secret key, as logs should. */
  @Override
  public String toString() {
    return "StackInfo[endpoint="
        + endpoint
        + ", region="
        + region
        + ", accessKey="
        + accessKey
        + "]";
  }
}
