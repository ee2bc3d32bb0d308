package io.serverlessstack.fake;

import io.serverlessstack.api.StackDefaults;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.DnsResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Real SDK v2 S3 clients pointed at a test's stack. The stack's endpoint is an IP address ({@code
 * http://127.0.0.1:port}), for which the SDK's endpoint rules use path style ({@code /bucket/key})
 * on their own; a client pointed at {@code http://localhost:port} addresses buckets virtual-hosted
 * ({@code bucket.localhost:port}), which resolves only where the machine resolves {@code
 * *.localhost} — {@link #virtualHosted} resolves it itself.
 */
public final class S3Clients {

  private S3Clients() {}

  /** Apache, path style, default account, us-east-1. */
  public static S3Client sync(ServerlessStackServer stack) {
    return sync(stack, StackDefaults.ACCESS_KEY_ID, Region.US_EAST_1);
  }

  /**
   * Apache, path style, signing with {@code accessKey} (a 12-digit key is the account id) for
   * {@code region}.
   */
  public static S3Client sync(ServerlessStackServer stack, String accessKey, Region region) {
    return builder(stack.endpoint(), accessKey, region)
        .forcePathStyle(true)
        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .build();
  }

  /** The JDK's URL connection, path style. */
  public static S3Client urlConnection(ServerlessStackServer stack) {
    return builder(stack.endpoint(), StackDefaults.ACCESS_KEY_ID, Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /**
   * Apache, pointed at {@code http://localhost:port} with the SDK's default addressing, which is
   * virtual-hosted ({@code bucket.localhost:port}); the client resolves every {@code *.localhost}
   * name to the loopback address itself.
   */
  public static S3Client virtualHosted(ServerlessStackServer stack) {
    return builder(localhost(stack), StackDefaults.ACCESS_KEY_ID, Region.US_EAST_1)
        .httpClientBuilder(
            Apache5HttpClient.builder()
                .socketTimeout(Duration.ofSeconds(30))
                .dnsResolver(LOCALHOST_NAMES))
        .build();
  }

  /** The same endpoint as {@link #virtualHosted}, with nothing resolved for the client. */
  public static S3Client localhostWithDefaults(ServerlessStackServer stack) {
    return builder(localhost(stack), StackDefaults.ACCESS_KEY_ID, Region.US_EAST_1)
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  /** Netty, path style. */
  public static S3AsyncClient async(ServerlessStackServer stack) {
    return S3AsyncClient.builder()
        .endpointOverride(stack.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(StackDefaults.ACCESS_KEY_ID))
        .forcePathStyle(true)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .build();
  }

  /** {@code http://localhost:port} of the stack. */
  public static URI localhost(ServerlessStackServer stack) {
    return URI.create("http://localhost:" + stack.port());
  }

  private static S3ClientBuilder builder(URI endpoint, String accessKey, Region region) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials(accessKey));
  }

  private static StaticCredentialsProvider credentials(String accessKey) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKey, StackDefaults.SECRET_ACCESS_KEY));
  }

  /** Every {@code *.localhost} name is the loopback address; other names as the system has them. */
  private static final DnsResolver LOCALHOST_NAMES =
      new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
          if (host.equals("localhost") || host.endsWith(".localhost")) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
          }
          return InetAddress.getAllByName(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
          return resolve(host)[0].getCanonicalHostName();
        }
      };
}
