package io.serverlessstack.benchmarks;

import io.serverlessstack.api.StackDefaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** How the benchmarks talk to a server. */
final class Clients {

  private Clients() {}

  /**
   * The SDK v2 sync SQS client on the Apache HTTP client, as users build it, except that it never
   * retries: a failure must fail the benchmark, not hide in its numbers.
   */
  static SqsClient sqs(URI endpoint, int maxConnections) {
    return configure(SqsClient.builder(), endpoint, maxConnections);
  }

  /** The SDK v2 sync Lambda client, configured as {@link #sqs}: no retries. */
  static LambdaClient lambda(URI endpoint, int maxConnections) {
    return configure(LambdaClient.builder(), endpoint, maxConnections);
  }

  /**
   * The SDK v2 sync Step Functions client, configured as {@link #sqs} (no retries), with
   * host-prefix injection off so that StartSyncExecution reaches the endpoint itself rather than
   * {@code sync-127.0.0.1}, which does not resolve; the stack's JUnit extension builds its clients
   * so too.
   */
  static SfnClient sfn(URI endpoint, int maxConnections) {
    return SfnClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(StackDefaults.REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
        .httpClient(Apache5HttpClient.builder().maxConnections(maxConnections).build())
        .overrideConfiguration(
            config ->
                config
                    .retryStrategy(AwsRetryStrategy.doNotRetry())
                    .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }

  /**
   * The SDK v2 sync Kinesis client, configured as {@link #sqs}: no retries. It speaks CBOR, the
   * Java SDK's default, or JSON 1.1, as {@code aws.cborEnabled=false} makes it; the SDK reads that
   * property when a client is built, so it is set for the build alone and put back at once.
   */
  static synchronized KinesisClient kinesis(URI endpoint, int maxConnections, boolean cbor) {
    String property = SdkSystemSetting.CBOR_ENABLED.property();
    String before = System.getProperty(property);
    System.setProperty(property, Boolean.toString(cbor));
    try {
      return configure(KinesisClient.builder(), endpoint, maxConnections);
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }

  /**
   * The SDK v2 sync SNS client, configured as {@link #sqs} except that it retries, with the SDK's
   * standard back-off, what a user's client would retry: a stack whose topics have more fan-outs
   * waiting than they can hold answers Publish with {@code Throttled}, as AWS tells a publisher to
   * slow down. Retried calls count once; nothing can be published twice by a retry, since a
   * throttled publish is refused before it is accepted.
   */
  static SnsClient sns(URI endpoint, int maxConnections) {
    return configure(
        SnsClient.builder(),
        endpoint,
        maxConnections,
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(50)
            .circuitBreakerEnabled(false)
            .build());
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(
      B builder, URI endpoint, int maxConnections) {
    return configure(builder, endpoint, maxConnections, AwsRetryStrategy.doNotRetry());
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(
      B builder, URI endpoint, int maxConnections, RetryStrategy retries) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.of(StackDefaults.REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
        .httpClient(Apache5HttpClient.builder().maxConnections(maxConnections).build())
        .overrideConfiguration(config -> config.retryStrategy(retries))
        .build();
  }

  /**
   * CreateQueue over a bare socket: the first request of a startup probe, without loading an HTTP
   * client (whose start-up cost would be the same for every server and hide theirs).
   */
  static void rawCreateQueue(URI endpoint, String queueName) throws IOException {
    byte[] body = ("{\"QueueName\":\"" + queueName + "\"}").getBytes(StandardCharsets.US_ASCII);
    String head =
        "POST / HTTP/1.1\r\n"
            + "Host: "
            + endpoint.getHost()
            + ":"
            + endpoint.getPort()
            + "\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\n"
            + "X-Amz-Target: AmazonSQS.CreateQueue\r\n"
            + "X-Amz-Date: 20250101T000000Z\r\n"
            + "Authorization: AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/sqs/aws4_request,"
            + " SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
            + "0".repeat(64)
            + "\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n"
            + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      String text = response.toString(StandardCharsets.UTF_8);
      if (!text.startsWith("HTTP/1.1 200") || !text.contains("QueueUrl")) {
        throw new IOException("CreateQueue failed: " + text);
      }
    }
  }
}
