package io.serverlessstack.fake.internal.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.RawHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Services registered as plug-ins are built on the first request that may be theirs, and only then:
 * each test starts a stack of its own, with SQS and the test services, and counts how often each
 * plug-in's factory ran.
 */
class LazyServiceBuildingTest {

  private final PlatformStack stack = PlatformStack.start();

  @AfterEach
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void noServiceIsBuiltBeforeItsFirstRequest() {
    assertThat(stack.allBuilds())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("sqs", 0, "sns", 0, "kinesis", 0, "lambda", 0, "execute-api", 0));
  }

  @Test
  void theFirstRequestBuildsItsServiceOnlyAndLaterOnesReuseIt() {
    KinesisClient kinesis = kinesis();

    kinesis.createStream(b -> b.streamName("orders").shardCount(1));
    kinesis.describeStreamSummary(b -> b.streamName("orders"));
    SqsClient sqs = sqs();
    sqs.createQueue(b -> b.queueName("orders"));
    sqs.listQueues();

    assertThat(stack.allBuilds())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("sqs", 1, "sns", 0, "kinesis", 1, "lambda", 0, "execute-api", 0));
  }

  @Test
  void eachWayOfRoutingBuildsTheServiceItPicks() {
    RawHttp raw = new RawHttp(stack.endpoint());

    HttpResponse<String> invoke =
        raw.post("/restapis/abc/prod/_user_request_/x", Map.of(), new byte[0]);
    assertThat(invoke.statusCode()).isEqualTo(200);
    assertThat(stack.builds("execute-api")).isEqualTo(1);

    HttpResponse<String> unsignedRest = raw.get("/2015-03-31/functions/");
    assertThat(unsignedRest.statusCode()).as(unsignedRest.body()).isEqualTo(200);
    assertThat(stack.builds("lambda")).isEqualTo(1);

    HttpResponse<String> byVersion =
        raw.post(
            "/",
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            ("Action=ListTopics&Version=" + TestSns.VERSION).getBytes(UTF_8));
    assertThat(byVersion.statusCode()).as(byVersion.body()).isEqualTo(200);
    assertThat(stack.builds("sns")).isEqualTo(1);

    assertThat(stack.builds("sqs")).isZero();
    assertThat(stack.builds("kinesis")).isZero();
  }

  @Test
  void aQueryActionWithNeitherVersionNorSigningNameBuildsEveryQueryServiceToFindIt() {
    HttpResponse<String> response =
        new RawHttp(stack.endpoint())
            .post(
                "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=ListTopics".getBytes(UTF_8));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("ListTopicsResponse");
    assertThat(stack.allBuilds())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("sqs", 1, "sns", 1, "kinesis", 0, "lambda", 0, "execute-api", 0));
  }

  @Test
  void concurrentFirstRequestsBuildTheServiceOnce() throws Exception {
    int clients = 4;
    List<SnsAsyncClient> sns = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      sns.add(
          stack
              .track(
                  ClientKind.ASYNC_HTTP1.clients(
                      stack.endpoint(), SnsClient::builder, SnsAsyncClient::builder, List.of()))
              .async());
    }
    CyclicBarrier start = new CyclicBarrier(clients);
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    try {
      List<Future<String>> topics = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        SnsAsyncClient client = sns.get(i);
        String name = "topic-" + i;
        topics.add(
            threads.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  CompletableFuture<String> arn =
                      client.createTopic(b -> b.name(name)).thenApply(r -> r.topicArn());
                  return arn.get(30, TimeUnit.SECONDS);
                }));
      }
      for (int i = 0; i < clients; i++) {
        assertThat(topics.get(i).get(30, TimeUnit.SECONDS)).endsWith(":topic-" + i);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(stack.builds("sns")).isEqualTo(1);
  }

  private KinesisClient kinesis() {
    return stack
        .track(
            ClientKind.SYNC_HTTP1.clients(
                stack.endpoint(), KinesisClient::builder, KinesisAsyncClient::builder, List.of()))
        .sync();
  }

  private SqsClient sqs() {
    return stack
        .track(
            ClientKind.SYNC_HTTP1.clients(
                stack.endpoint(), SqsClient::builder, SqsAsyncClient::builder, List.of()))
        .sync();
  }
}
