package io.serverlessstack.fake;

import io.serverlessstack.api.StackDefaults;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Real SDK v2 Kinesis clients pointed at a test's stack: CBOR, the Java SDK's default, or JSON 1.1,
 * as {@code aws.cborEnabled=false} makes it. The SDK reads that property when a client is built, so
 * a JSON client is built with it set and the property is put back at once.
 */
public final class KinesisClients {

  private KinesisClients() {}

  public static KinesisClient sync(ServerlessStackServer stack) {
    return sync(stack, true);
  }

  public static synchronized KinesisClient sync(ServerlessStackServer stack, boolean cbor) {
    return withCbor(
        cbor,
        () ->
            KinesisClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(
                    Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .build());
  }

  /** An async client on Netty, over HTTP/2 (its default for Kinesis) or HTTP/1.1. */
  public static synchronized KinesisAsyncClient async(
      ServerlessStackServer stack, boolean cbor, Protocol protocol) {
    return withCbor(
        cbor,
        () ->
            KinesisAsyncClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(protocol))
                .build());
  }

  public static KinesisAsyncClient async(ServerlessStackServer stack) {
    return async(stack, true, Protocol.HTTP2);
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY));
  }

  private static <T> T withCbor(boolean cbor, java.util.function.Supplier<T> build) {
    String property = SdkSystemSetting.CBOR_ENABLED.property();
    String before = System.getProperty(property);
    System.setProperty(property, Boolean.toString(cbor));
    try {
      return build.get();
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }
}
