package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.api.StackDefaults;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The SDK clients protocol tests run with: sync on Apache (HTTP/1.1), async on Netty over HTTP/1.1,
 * and async on Netty over HTTP/2 (h2c with prior knowledge, what {@code KinesisAsyncClient} speaks
 * by default).
 */
enum ClientKind {
  SYNC_HTTP1,
  ASYNC_HTTP1,
  ASYNC_HTTP2;

  /** A client of this kind for {@code endpoint}, built by {@code sync} or {@code async}. */
  <
          SB extends AwsClientBuilder<SB, S> & AwsSyncClientBuilder<SB, S>,
          S extends SdkClient,
          AB extends AwsClientBuilder<AB, A> & AwsAsyncClientBuilder<AB, A>,
          A extends SdkClient>
      Clients<S, A> clients(
          URI endpoint,
          Supplier<SB> sync,
          Supplier<AB> async,
          List<ExecutionInterceptor> interceptors) {
    if (this == SYNC_HTTP1) {
      SB builder = configure(sync.get(), endpoint, interceptors);
      builder.httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)));
      return new Clients<>(builder.build(), null);
    }
    AB builder = configure(async.get(), endpoint, interceptors);
    builder.httpClientBuilder(
        NettyNioAsyncHttpClient.builder()
            .protocol(this == ASYNC_HTTP2 ? Protocol.HTTP2 : Protocol.HTTP1_1));
    return new Clients<>(null, builder.build());
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, URI endpoint, List<ExecutionInterceptor> interceptors) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
        .overrideConfiguration(
            config -> {
              interceptors.forEach(config::addExecutionInterceptor);
              config.retryStrategy(retry -> retry.maxAttempts(1));
            });
  }

  /** A sync or an async client, called the same way by tests. */
  record Clients<S extends SdkClient, A extends SdkClient>(S sync, A async)
      implements AutoCloseable {

    /** Calls the client, waiting for an async one; its failures are thrown unwrapped. */
    <R> R call(Function<S, R> syncCall, Function<A, CompletableFuture<R>> asyncCall) {
      if (sync != null) {
        return syncCall.apply(sync);
      }
      try {
        return asyncCall.apply(async).join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }

    @Override
    public void close() {
      (sync != null ? sync : async).close();
    }
  }
}
